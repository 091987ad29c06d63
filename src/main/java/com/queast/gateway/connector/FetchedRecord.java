package com.queast.gateway.connector;

import com.queast.gateway.matching.CrmRecord;

/**
 * The current state of one CRM record, for the index and for inbound interest.
 *
 * @param record the record for the index, or null when the CRM no longer has it (deleted)
 * @param interest the raw value of the interest property ({@code queast_interest}, the {@code
 *     Queast interest} field), or null when unset
 */
public record FetchedRecord(CrmRecord record, String interest) {

  /**
   * A record the CRM no longer has.
   *
   * @return a deleted result
   */
  public static FetchedRecord deleted() {
    return new FetchedRecord(null, null);
  }
}

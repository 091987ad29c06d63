package com.queast.gateway.matching;

/**
 * A CRM record held by the {@link CrmIndex} with its normalised profile. Identity equality: the
 * index replaces the object when the record changes.
 */
public final class IndexedRecord {

  private final CrmRecord record;
  private final Profile profile;

  IndexedRecord(CrmRecord record, Profile profile) {
    this.record = record;
    this.profile = profile;
  }

  /**
   * The record as the CRM returned it.
   *
   * @return the raw record
   */
  public CrmRecord record() {
    return record;
  }

  /**
   * The normalised view used for scoring.
   *
   * @return the profile
   */
  public Profile profile() {
    return profile;
  }
}

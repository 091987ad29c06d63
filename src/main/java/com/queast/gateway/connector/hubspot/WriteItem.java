package com.queast.gateway.connector.hubspot;

import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.record.DeliveredState;
import com.queast.gateway.record.DeliveryItem;
import io.vertx.core.json.JsonObject;

/**
 * One record on its way to HubSpot, and what became of it.
 *
 * @param item the delivery item
 * @param crmObject HubSpot object type
 * @param queastId the upsert key ({@code queast_id})
 * @param full every mapped property (kept as the delivered state)
 * @param send the properties to send (changed ones and {@code queast_id})
 * @param linkId an existing HubSpot record to write to by id (identity link, conflict), or null
 */
public record WriteItem(
    DeliveryItem item,
    String crmObject,
    String queastId,
    JsonObject full,
    JsonObject send,
    String linkId) {

  /**
   * The same record, written to another HubSpot id (or by upsert when null).
   *
   * @param id the HubSpot id
   * @return a copy
   */
  public WriteItem linkedTo(String id) {
    return new WriteItem(item, crmObject, queastId, full, send, id);
  }

  /**
   * A result for this record.
   *
   * @param outcome outcome
   * @param crmId HubSpot id when written, else null
   * @return the result
   */
  public Written result(Outcome outcome, String crmId) {
    DeliveredState d =
        crmId == null || !(outcome instanceof Outcome.Complete)
            ? null
            : new DeliveredState(crmObject, crmId, item.record().contentHash(), full);
    return new Written(this, outcome, crmId, d);
  }

  /**
   * What became of a record.
   *
   * @param write the record
   * @param outcome the job's outcome
   * @param crmId the HubSpot id, when written
   * @param delivered the new delivered state, when written
   */
  public record Written(WriteItem write, Outcome outcome, String crmId, DeliveredState delivered) {}
}

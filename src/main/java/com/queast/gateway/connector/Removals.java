package com.queast.gateway.connector;

import com.queast.gateway.jobqueue.JobKinds;
import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.record.DeliveredState;
import com.queast.gateway.record.DeliveryItem;
import com.queast.gateway.record.QueastRecord;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Shared pieces of the connectors' {@link RecordRemoval} (issue 16); pure. */
public final class Removals {

  private Removals() {}

  /**
   * Whether an item is a removal rather than a delivery.
   *
   * @param item a batch item
   * @return true for an erase job or a deletion of the record
   */
  public static boolean isRemoval(DeliveryItem item) {
    if (JobKinds.ERASE.equals(item.job().kind())) {
      return true;
    }
    return JobKinds.DELIVER.equals(item.job().kind())
        && item.record() != null
        && item.record().deleted();
  }

  /**
   * Whether an item is an erasure.
   *
   * @param item a batch item
   * @return true for an erase job
   */
  public static boolean isErasure(DeliveryItem item) {
    return JobKinds.ERASE.equals(item.job().kind());
  }

  /**
   * A completed deletion: the delivered state keeps the deletion's hash (no re-delivery) and no CRM
   * id, so the gateway no longer knows, syncs or updates the CRM record.
   *
   * @param item the deletion
   * @param code stable code for the delivery log ({@code unlinked}, {@code archived}, {@code
   *     cleared}, {@code nothing_linked})
   * @param message detail for the delivery log (CRM ids, never record content)
   * @param httpStatus the vendor's status, or null when no call was made
   * @return the result
   */
  public static ItemResult forgotten(
      DeliveryItem item, String code, String message, Integer httpStatus) {
    return new ItemResult(
        item.job().id(),
        new Outcome.Complete(
            new Outcome.Attempt(code, message, httpStatus, null, null, 0), null, null),
        new DeliveredState(null, null, QueastRecord.DELETED_HASH, null));
  }

  /**
   * A completed erasure (nothing is stored about it in the delivered state).
   *
   * @param item the erase job
   * @param code stable code ({@code erased}, {@code nothing_to_erase})
   * @param message detail (CRM ids only)
   * @param httpStatus the vendor's status, or null
   * @return the result
   */
  public static ItemResult erased(
      DeliveryItem item, String code, String message, Integer httpStatus) {
    return new ItemResult(
        item.job().id(),
        new Outcome.Complete(
            new Outcome.Attempt(code, message, httpStatus, null, null, 0), null, null),
        null);
  }

  /**
   * The same outcome for every item.
   *
   * @param items items
   * @param outcome the outcome
   * @return one result per item
   */
  public static List<ItemResult> all(List<DeliveryItem> items, Outcome outcome) {
    List<ItemResult> out = new ArrayList<>();
    for (DeliveryItem i : items) {
      out.add(new ItemResult(i.job().id(), outcome, null));
    }
    return out;
  }

  /**
   * The CRM properties the gateway wrote for a record, emptied: what the {@code clear} policy
   * sends.
   *
   * @param previous the delivered state
   * @param keep properties to leave alone (the vendor requires them)
   * @param empty the vendor's empty value (HubSpot {@code ""}, Pipedrive {@code null})
   * @return property → empty value
   */
  public static JsonObject cleared(DeliveredState previous, List<String> keep, Object empty) {
    JsonObject out = new JsonObject();
    if (previous == null || previous.deliveredProps() == null) {
      return out;
    }
    for (String k : previous.deliveredProps().fieldNames()) {
      if (!keep.contains(k)) {
        out.put(k, empty);
      }
    }
    return out;
  }
}

package com.queast.gateway.connector;

import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.record.DeliveryItem;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a batch into deliveries (to {@link CrmConnector#deliver}) and removals (to the connector's
 * {@link RecordRemoval}), runs the removals first and merges the answers, so the delivery path
 * itself never sees a deleted record. A connector without the role unlinks deletions (no CRM call)
 * and fails erasures (dead, replayable once it has the role).
 */
public final class RemovalSplit {

  private RemovalSplit() {}

  /**
   * Delivers a batch through a connector.
   *
   * @param connector the connector
   * @param batch the batch
   * @return a Uni emitting one result per item; fails as {@link CrmConnector#deliver} does
   */
  public static Uni<BatchResult> deliver(CrmConnector connector, DeliveryBatch batch) {
    List<DeliveryItem> removals = new ArrayList<>();
    List<DeliveryItem> rest = new ArrayList<>();
    for (DeliveryItem i : batch.items()) {
      (Removals.isRemoval(i) ? removals : rest).add(i);
    }
    if (removals.isEmpty()) {
      return connector.deliver(batch);
    }
    Uni<BatchResult> removed =
        connector instanceof RecordRemoval r
            ? r.remove(new DeliveryBatch(batch.lane(), removals))
            : Uni.createFrom().item(BatchResult.of(withoutRole(connector, removals), null));
    if (rest.isEmpty()) {
      return removed;
    }
    return removed.chain(
        first ->
            connector
                .deliver(new DeliveryBatch(batch.lane(), rest))
                .map(second -> merge(first, second)));
  }

  private static List<ItemResult> withoutRole(CrmConnector connector, List<DeliveryItem> items) {
    List<ItemResult> out = new ArrayList<>();
    for (DeliveryItem i : items) {
      if (Removals.isErasure(i)) {
        out.add(
            new ItemResult(
                i.job().id(),
                new Outcome.Fail(
                    Outcome.Attempt.of(
                        "erasure_not_supported",
                        connector.descriptor().crm() + " cannot erase a person")),
                null));
      } else {
        out.add(Removals.forgotten(i, "unlinked", "the CRM record stays; link forgotten", null));
      }
    }
    return out;
  }

  private static BatchResult merge(BatchResult a, BatchResult b) {
    List<ItemResult> all = new ArrayList<>(a.results());
    all.addAll(b.results());
    Instant until = a.pauseUntil();
    String reason = a.pauseReason();
    if (b.pauseUntil() != null && (until == null || b.pauseUntil().isAfter(until))) {
      until = b.pauseUntil();
      reason = b.pauseReason();
    }
    return new BatchResult(
        all, until, reason, b.limiterState() != null ? b.limiterState() : a.limiterState());
  }
}

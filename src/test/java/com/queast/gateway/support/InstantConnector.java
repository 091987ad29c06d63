package com.queast.gateway.support;

import com.queast.gateway.connector.BatchResult;
import com.queast.gateway.connector.ConnectorDescriptor;
import com.queast.gateway.connector.CrmConnector;
import com.queast.gateway.connector.DeliveryBatch;
import com.queast.gateway.connector.ItemResult;
import com.queast.gateway.connector.PaceDecision;
import com.queast.gateway.connector.PaceRequest;
import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.record.DeliveredState;
import com.queast.gateway.record.DeliveryItem;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A connector for benchmarks (test scope): every item is written at once (or after a fixed delay
 * per batch, standing in for a CRM's answer time), nothing is paced, and nothing is kept: each
 * written item goes to a listener the benchmark supplies, so a 1,000,000-record run holds no
 * per-record state here.
 */
public final class InstantConnector implements CrmConnector {

  private final int maxBatch;
  private final Duration delay;
  private final Consumer<DeliveryItem> written;
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong items = new AtomicLong();

  /**
   * A connector.
   *
   * @param maxBatch most items per batch
   * @param delay how long each batch takes (zero: answers at once)
   * @param written called once per item written, on the event loop (keep it cheap)
   */
  public InstantConnector(int maxBatch, Duration delay, Consumer<DeliveryItem> written) {
    this.maxBatch = maxBatch;
    this.delay = delay;
    this.written = written;
  }

  /**
   * Batches received.
   *
   * @return count
   */
  public long batches() {
    return batches.get();
  }

  /**
   * Items written.
   *
   * @return count
   */
  public long items() {
    return items.get();
  }

  @Override
  public ConnectorDescriptor descriptor() {
    return new ConnectorDescriptor(
        ScriptedConnector.CRM, "Instant test CRM", maxBatch, List.of("token"));
  }

  @Override
  public Uni<PaceDecision> pace(PaceRequest request) {
    return Uni.createFrom().item(PaceDecision.allow(request.wanted()));
  }

  @Override
  public Uni<BatchResult> deliver(DeliveryBatch batch) {
    batches.incrementAndGet();
    List<ItemResult> out = new ArrayList<>(batch.items().size());
    for (DeliveryItem item : batch.items()) {
      Outcome o =
          new Outcome.Complete(
              new Outcome.Attempt("ok", "written", 200, null, null, 0),
              "objects",
              "crm-" + item.job().recordId());
      DeliveredState state = null;
      if (item.record() != null) {
        items.incrementAndGet();
        written.accept(item);
        state =
            new DeliveredState(
                "objects", "crm-" + item.job().recordId(), item.record().contentHash(), null);
      }
      out.add(new ItemResult(item.job().id(), o, state));
    }
    Uni<BatchResult> result = Uni.createFrom().item(BatchResult.of(out, null));
    return delay.isZero() ? result : result.onItem().delayIt().by(delay);
  }
}

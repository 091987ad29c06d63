package com.queast.gateway.inbound;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Group commit for webhook receipt: requests that arrive while every transaction slot is busy wait
 * here and are then stored together, in one transaction with one insert and one enqueue ({@link
 * InboundStore#acceptAll}). A lone request goes at once (no timer, no added latency); under a burst
 * the groups grow by themselves, so the database sees a few large statements instead of one small
 * transaction per request. Each request is answered when its group has committed, or fails with it
 * (the receiver then answers 503): nothing is acknowledged before the commit. A request that gave
 * up while waiting (its deadline passed) is left out of the group.
 *
 * <p>Thread-safe.
 */
public final class ReceiptBatcher {

  private final Group store;
  private final int slots;
  private final int maxEvents;
  private final Deque<Waiting> queue = new ArrayDeque<>();
  private int running;

  /** Stores the events of several requests at once. */
  @FunctionalInterface
  public interface Group {
    /**
     * Stores them.
     *
     * @param requests the events of each request
     * @return a Uni emitting how many events of each request were new
     */
    Uni<List<Integer>> acceptAll(List<List<InboundEvent>> requests);
  }

  private record Waiting(
      List<InboundEvent> events, UniEmitter<? super Integer> emitter, AtomicBoolean gone) {}

  /**
   * A batcher.
   *
   * @param store where groups are stored
   * @param slots transactions at once (leave a receipt connection for the portal lookups)
   * @param maxEvents most events in one group (a single larger request still goes alone)
   */
  public ReceiptBatcher(Group store, int slots, int maxEvents) {
    this.store = store;
    this.slots = Math.max(1, slots);
    this.maxEvents = Math.max(1, maxEvents);
  }

  /**
   * Stores one request's events with whatever else is waiting.
   *
   * @param events the request's accepted events
   * @return a Uni emitting how many were new once committed; it fails if the group's transaction
   *     does
   */
  public Uni<Integer> accept(List<InboundEvent> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    return Uni.createFrom()
        .emitter(
            em -> {
              AtomicBoolean gone = new AtomicBoolean();
              em.onTermination(() -> gone.set(true));
              synchronized (this) {
                queue.add(new Waiting(events, em, gone));
              }
              drain();
            });
  }

  private void drain() {
    while (true) {
      List<Waiting> group = new ArrayList<>();
      synchronized (this) {
        if (running >= slots) {
          return;
        }
        int size = 0;
        while (!queue.isEmpty()) {
          Waiting w = queue.peek();
          if (w.gone().get()) {
            queue.poll();
            continue;
          }
          if (!group.isEmpty() && size + w.events().size() > maxEvents) {
            break;
          }
          group.add(queue.poll());
          size += w.events().size();
        }
        if (group.isEmpty()) {
          return;
        }
        running++;
      }
      List<List<InboundEvent>> requests = new ArrayList<>(group.size());
      group.forEach(w -> requests.add(w.events()));
      store
          .acceptAll(requests)
          .subscribe()
          .with(
              counts -> {
                for (int i = 0; i < group.size(); i++) {
                  group.get(i).emitter().complete(counts.get(i));
                }
                done();
              },
              failure -> {
                group.forEach(w -> w.emitter().fail(failure));
                done();
              });
    }
  }

  private void done() {
    synchronized (this) {
      running--;
    }
    drain();
  }
}

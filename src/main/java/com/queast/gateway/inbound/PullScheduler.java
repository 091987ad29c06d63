package com.queast.gateway.inbound;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.core.AbstractVerticle;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code inbound.pullIntervalMs}, enqueues one incremental pull round per active connection
 * whose connector supports it. The timer only enqueues (one statement per connection); the pulls
 * themselves are paced {@code pull} jobs in each connection's lane. A round still pending absorbs
 * the next one (coalescing), so a slow lane never piles rounds up.
 */
public final class PullScheduler extends AbstractVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(PullScheduler.class);
  private static final String SCHEDULE_FAILED = "incremental pull scheduling failed";

  private final InboundStore store;
  private final InboundJobs jobs;
  private final List<String> crms;
  private final long intervalMs;
  private long timer = -1;

  /**
   * A scheduler.
   *
   * @param store connection lookup
   * @param jobs pull job factory
   * @param crms connectors that support incremental pulls
   * @param intervalMs period; 0 or less = off
   */
  public PullScheduler(InboundStore store, InboundJobs jobs, List<String> crms, long intervalMs) {
    this.store = store;
    this.jobs = jobs;
    this.crms = crms;
    this.intervalMs = intervalMs;
  }

  @Override
  public Uni<Void> asyncStart() {
    if (intervalMs > 0 && !crms.isEmpty()) {
      timer = vertx.setPeriodic(intervalMs, id -> tick().subscribe().with(n -> {}, t -> {}));
    }
    return Uni.createFrom().voidItem();
  }

  @Override
  public Uni<Void> asyncStop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return Uni.createFrom().voidItem();
  }

  /**
   * Enqueues one round for every eligible connection now.
   *
   * @return a Uni emitting the number of connections scheduled
   */
  public Uni<Integer> tick() {
    return store
        .activeConnections(crms)
        .chain(
            cs -> {
              List<Uni<Void>> all =
                  cs.stream()
                      .filter(PullScheduler::indexComplete)
                      .map(c -> jobs.startPull(c))
                      .toList();
              return all.isEmpty()
                  ? Uni.createFrom().item(0)
                  : Uni.join().all(all).andCollectFailures().replaceWith(all.size());
            })
        .onFailure()
        .invoke(t -> LOG.warn(SCHEDULE_FAILED, kv("error", t.toString())));
  }

  private static boolean indexComplete(com.queast.gateway.tenant.Connection c) {
    // The initial index pull is still running: the round after it covers what changed meanwhile.
    io.vertx.core.json.JsonObject idx = c.config().getJsonObject("index");
    return idx == null
        || InboundJobs.KINDS.stream().allMatch(k -> !"building".equals(idx.getString(k)));
  }
}

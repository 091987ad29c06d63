package com.queast.gateway.inbound;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.queast.gateway.matching.IndexJobs;
import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.core.AbstractVerticle;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code inbound.pullIntervalMs}, enqueues one incremental pull round per active connection
 * whose connector supports it. The timer only enqueues (one statement per connection); the pulls
 * themselves are paced {@code pull} jobs in each connection's lane. A round still pending absorbs
 * the next one (coalescing), so a slow lane never piles rounds up. At the same ticks, a connection
 * whose last full listing started more than {@code inbound.reconcileIntervalMs} ago gets a new one
 * ({@link IndexJobs#reconcile}): pulls list live records only, so deletions whose webhook was lost
 * are found there.
 */
public final class PullScheduler extends AbstractVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(PullScheduler.class);
  private static final String SCHEDULE_FAILED = "incremental pull scheduling failed";

  private final InboundStore store;
  private final InboundJobs jobs;
  private final IndexJobs index;
  private final List<String> crms;
  private final long intervalMs;
  private final long reconcileMs;
  private final Clock clock;
  private long timer = -1;

  /**
   * A scheduler.
   *
   * @param store connection lookup
   * @param jobs pull job factory
   * @param index full listings (reconcile)
   * @param crms connectors that support incremental pulls
   * @param intervalMs pull period; 0 or less = off
   * @param reconcileMs full-listing period; 0 or less = off
   * @param clock time source
   */
  public PullScheduler(
      InboundStore store,
      InboundJobs jobs,
      IndexJobs index,
      List<String> crms,
      long intervalMs,
      long reconcileMs,
      Clock clock) {
    this.store = store;
    this.jobs = jobs;
    this.index = index;
    this.crms = crms;
    this.intervalMs = intervalMs;
    this.reconcileMs = reconcileMs;
    this.clock = clock;
  }

  @Override
  public Uni<Void> asyncStart() {
    long period =
        intervalMs > 0
            ? (reconcileMs > 0 ? Math.min(intervalMs, reconcileMs) : intervalMs)
            : reconcileMs;
    if (period > 0 && !crms.isEmpty()) {
      timer = vertx.setPeriodic(period, id -> tick().subscribe().with(n -> {}, t -> {}));
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
              List<Uni<Void>> all = new java.util.ArrayList<>();
              for (Connection c : cs) {
                if (!indexComplete(c)) {
                  continue;
                }
                if (intervalMs > 0) {
                  all.add(jobs.startPull(c));
                }
                if (reconcileDue(c)) {
                  all.add(index.reconcile(c));
                }
              }
              return all.isEmpty()
                  ? Uni.createFrom().item(0)
                  : Uni.join().all(all).andCollectFailures().replaceWith(all.size());
            })
        .onFailure()
        .invoke(t -> LOG.warn(SCHEDULE_FAILED, kv("error", t.toString())));
  }

  private boolean reconcileDue(Connection c) {
    if (reconcileMs <= 0) {
      return false;
    }
    JsonObject idx = c.config().getJsonObject("index");
    String last = idx == null ? null : idx.getString("reconcileStartedAt");
    Instant since = last == null ? c.createdAt() : Instant.parse(last);
    return since == null || !since.plusMillis(reconcileMs).isAfter(clock.instant());
  }

  private static boolean indexComplete(Connection c) {
    // The initial index pull is still running: the round after it covers what changed meanwhile.
    JsonObject idx = c.config().getJsonObject("index");
    return idx == null
        || InboundJobs.KINDS.stream().allMatch(k -> !"building".equals(idx.getString(k)));
  }
}

package com.queast.gateway.delivery;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.queast.gateway.bus.EventBusAddresses;
import com.queast.gateway.jobqueue.JobNotifier;
import com.queast.gateway.jobqueue.JobStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.core.AbstractVerticle;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps up to {@code concurrentLanes} lanes in service. Woken by NOTIFY (through {@link
 * JobNotifier}), by {@link EventBusAddresses#WORK_AVAILABLE}, and by a poll timer, so a lost
 * notification costs latency, never jobs. Each lane round is done by {@link LaneWorker}; after a
 * round the lane goes back to the queue and the least recently served lane is claimed next, so one
 * tenant's backlog cannot starve another tenant's single update.
 */
public final class DeliveryVerticle extends AbstractVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryVerticle.class);
  private static final String CLAIM_FAILED = "lane claim failed";
  private static final String ROUND_CRASHED = "lane round crashed";

  private final JobStore jobs;
  private final LaneWorker worker;
  private final JobNotifier notifier;
  private final int concurrentLanes;
  private final long pollIntervalMs;
  private final Set<String> active = new HashSet<>();
  private boolean filling;
  private boolean again;
  private boolean stopped;
  private long timerId = -1;

  /**
   * A delivery verticle.
   *
   * @param jobs job queue
   * @param worker lane worker
   * @param notifier LISTEN connection (started here), or null to rely on polling only
   * @param concurrentLanes lanes served at once
   * @param pollIntervalMs poll period
   */
  public DeliveryVerticle(
      JobStore jobs,
      LaneWorker worker,
      JobNotifier notifier,
      int concurrentLanes,
      long pollIntervalMs) {
    this.jobs = jobs;
    this.worker = worker;
    this.notifier = notifier;
    this.concurrentLanes = concurrentLanes;
    this.pollIntervalMs = pollIntervalMs;
  }

  @Override
  public Uni<Void> asyncStart() {
    vertx
        .eventBus()
        .<Object>consumer(EventBusAddresses.WORK_AVAILABLE)
        .handler(m -> notified(m.body()));
    timerId = vertx.setPeriodic(pollIntervalMs, id -> fill());
    fill();
    return Uni.createFrom().voidItem();
  }

  @Override
  public Uni<Void> asyncStop() {
    stopped = true;
    vertx.cancelTimer(timerId);
    return Uni.createFrom().voidItem();
  }

  /**
   * Lanes in service now, for health and tests.
   *
   * @return a copy
   */
  public Set<String> activeLanes() {
    return Set.copyOf(active);
  }

  /**
   * A notification names the lane with new work ("" or null: look everywhere). A lane this worker
   * holds needs no claim: its holding claims again until the lane has nothing due, and after giving
   * it back {@link #done} claims once more, which finds work committed meanwhile (a notification
   * arrives after its transaction committed). During a webhook burst every group commit notified
   * its lane, and each notification ran {@code claim-lanes}: the statement with the most CPU
   * samples in {@code pg_stat_activity} while {@code hubspot_webhooks.py} ran at 2,000 events/s.
   */
  private void notified(Object lane) {
    if (lane instanceof String l && !l.isEmpty() && active.contains(l)) {
      return;
    }
    fill();
  }

  private void fill() {
    if (stopped) {
      return;
    }
    if (filling) {
      again = true;
      return;
    }
    filling = true;
    again = false;
    claimNext();
  }

  private void claimNext() {
    if (stopped || active.size() >= concurrentLanes) {
      filling = false;
      return;
    }
    jobs.claimLanes(Set.copyOf(active), concurrentLanes - active.size())
        .subscribe()
        .with(
            claims -> {
              if (claims.isEmpty()) {
                filling = false;
                if (again) {
                  fill();
                }
                return;
              }
              for (JobStore.LaneClaim claim : claims) {
                String lane = claim.lane();
                active.add(lane);
                worker
                    .serve(claim, () -> stopped || active.size() >= concurrentLanes)
                    .subscribe()
                    .with(
                        n -> done(lane),
                        t -> {
                          LOG.error(ROUND_CRASHED, kv("lane", lane), t);
                          done(lane);
                        });
              }
              claimNext();
            },
            t -> {
              LOG.warn(CLAIM_FAILED, kv("error", t.toString()));
              filling = false;
            });
  }

  private void done(String lane) {
    active.remove(lane);
    fill();
  }
}

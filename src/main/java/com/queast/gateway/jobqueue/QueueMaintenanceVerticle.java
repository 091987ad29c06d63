package com.queast.gateway.jobqueue;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.queast.gateway.bus.EventBusAddresses;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.core.AbstractVerticle;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic queue housekeeping: rescues jobs whose worker lost its lease (and wakes delivery for
 * their lanes), deletes old finished jobs, and publishes queue depth per state and lane as a gauge.
 */
public final class QueueMaintenanceVerticle extends AbstractVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(QueueMaintenanceVerticle.class);
  private static final String RESCUED = "rescued jobs with expired leases";
  private static final String RESCUE_FAILED = "rescue failed";
  private static final String CLEANUP_FAILED = "cleanup failed";
  private static final String DEPTH_FAILED = "depth refresh failed";
  private static final long CLEAN_EVERY_MS = 60_000;
  private static final long DEPTH_EVERY_MS = 10_000;

  private final JobStore jobs;
  private final long rescueIntervalMs;
  private final Duration retention;
  private final MultiGauge depth;
  private final long[] timers = new long[3];

  /**
   * Housekeeping.
   *
   * @param jobs job queue
   * @param rescueIntervalMs how often to look for expired leases
   * @param retention how long completed jobs are kept
   * @param meters metrics registry
   */
  public QueueMaintenanceVerticle(
      JobStore jobs, long rescueIntervalMs, Duration retention, MeterRegistry meters) {
    this.jobs = jobs;
    this.rescueIntervalMs = rescueIntervalMs;
    this.retention = retention;
    this.depth =
        MultiGauge.builder("gateway.queue.depth")
            .description("jobs per state and lane")
            .register(meters);
  }

  @Override
  public Uni<Void> asyncStart() {
    timers[0] = vertx.setPeriodic(rescueIntervalMs, id -> rescue());
    timers[1] = vertx.setPeriodic(CLEAN_EVERY_MS, id -> clean());
    timers[2] = vertx.setPeriodic(DEPTH_EVERY_MS, id -> refreshDepth());
    refreshDepth();
    return Uni.createFrom().voidItem();
  }

  @Override
  public Uni<Void> asyncStop() {
    for (long t : timers) {
      vertx.cancelTimer(t);
    }
    return Uni.createFrom().voidItem();
  }

  private void rescue() {
    jobs.rescue()
        .subscribe()
        .with(
            lanes -> {
              if (!lanes.isEmpty()) {
                LOG.info(RESCUED, kv("lanes", lanes));
                vertx.eventBus().publish(EventBusAddresses.WORK_AVAILABLE, "");
              }
            },
            t -> LOG.warn(RESCUE_FAILED, kv("error", t.toString())));
  }

  private void clean() {
    jobs.deleteFinished(retention)
        .subscribe()
        .with(n -> {}, t -> LOG.warn(CLEANUP_FAILED, kv("error", t.toString())));
  }

  private void refreshDepth() {
    jobs.depth()
        .subscribe()
        .with(
            rows -> {
              List<MultiGauge.Row<?>> out =
                  rows.stream()
                      .map(
                          d ->
                              MultiGauge.Row.of(
                                  Tags.of("state", d.state(), "lane", d.lane()), d.count()))
                      .<MultiGauge.Row<?>>map(r -> r)
                      .toList();
              depth.register(out, true);
            },
            t -> LOG.warn(DEPTH_FAILED, kv("error", t.toString())));
  }
}

package com.queast.gateway.db;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.core.AbstractVerticle;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, probed on a timer and told at once by any statement that failed
 * because the database is away. It logs one WARN when the database goes away and one INFO when it
 * is back (never a line per failed statement), and publishes {@code gateway_database_up} (1 or 0),
 * {@code gateway_database_outages_total} and {@code gateway_database_failures_total} (statements
 * and log lines that met the outage).
 */
public final class DatabaseHealth extends AbstractVerticle {

  /** Time between probes: how fast readiness follows the database, both ways. */
  public static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseHealth.class);
  private static final String DOWN = "database unavailable: answering 503 until it is back";
  private static final String UP = "database available again";

  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final Duration interval;
  private final AtomicBoolean up = new AtomicBoolean(true);
  private final AtomicLong downSince = new AtomicLong();
  private final AtomicBoolean probing = new AtomicBoolean();
  private final Counter outages;
  private final Counter failures;
  private long timer = -1;

  /**
   * A health monitor; {@link #start()} begins probing.
   *
   * @param vertx Vert.x, for the probe timer
   * @param pool the pool to probe
   * @param meters where the gauge and counters go
   * @param clock clock, for the outage's duration
   * @param interval time between probes (also how fast "back" is noticed)
   */
  public DatabaseHealth(
      Vertx vertx, Pool pool, MeterRegistry meters, Clock clock, Duration interval) {
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
    this.interval = interval;
    Gauge.builder("gateway.database.up", up, b -> b.get() ? 1 : 0)
        .description("1 while the database answers, 0 during an outage")
        .register(meters);
    this.outages =
        Counter.builder("gateway.database.outages")
            .description("times the database went away")
            .register(meters);
    this.failures =
        Counter.builder("gateway.database.failures")
            .description("statements or log lines that met a database outage")
            .register(meters);
  }

  /** Deployed: probes on a timer and takes over outage lines from the log. */
  @Override
  public Uni<Void> asyncStart() {
    OutageLogFilter.install(this);
    timer = vertx.setPeriodic(interval.toMillis(), id -> probe().subscribe().with(x -> {}));
    return Uni.createFrom().voidItem();
  }

  /**
   * Whether the database answered the last probe and nothing has failed for want of it since.
   *
   * @return true while the database is up
   */
  public boolean up() {
    return up.get();
  }

  /**
   * Probes the database now.
   *
   * @return a Uni emitting whether it answered; never fails
   */
  public Uni<Boolean> probe() {
    if (!probing.compareAndSet(false, true)) {
      return Uni.createFrom().item(up.get());
    }
    // One immediate retry: a pooled connection killed under the probe is not an outage.
    return answers()
        .chain(ok -> ok ? Uni.createFrom().item(true) : answers())
        .invoke(this::record)
        .eventually(() -> probing.set(false));
  }

  private Uni<Boolean> answers() {
    return pool.query("SELECT 1")
        .execute()
        .map(r -> true)
        .onFailure()
        .recoverWithItem(t -> !DatabaseFailures.unavailable(t) && up.get());
  }

  /**
   * Notes a failure met somewhere else: one that says the database is away is counted (and kept out
   * of the log by the caller); the probe alone decides when the database is down or back.
   *
   * @param t the failure
   * @return whether it was a database-unavailable failure
   */
  public boolean observe(Throwable t) {
    if (!DatabaseFailures.unavailable(t)) {
      return false;
    }
    failures.increment();
    return true;
  }

  /** Counts a log line that met the outage, its failure known only as text. */
  void observeText() {
    failures.increment();
  }

  private void record(boolean answered) {
    if (answered) {
      if (up.compareAndSet(false, true)) {
        DatabaseFailures.down(false);
        long ms = clock.millis() - downSince.get();
        LOG.info(UP, kv("downMs", ms));
      }
    } else if (up.compareAndSet(true, false)) {
      downSince.set(clock.millis());
      DatabaseFailures.down(true);
      outages.increment();
      LOG.warn(DOWN, kv("since", Instant.ofEpochMilli(downSince.get())));
    }
  }

  /** Undeployed: stops probing and leaves the log alone. */
  @Override
  public Uni<Void> asyncStop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    OutageLogFilter.uninstall(this);
    DatabaseFailures.down(false);
    return Uni.createFrom().voidItem();
  }
}

package com.queast.gateway.record;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.core.AbstractVerticle;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs durable backfills: at every poll it leases a running backfill nobody holds and pages through
 * it to the end, then looks for the next. One backfill at a time per instance; instances share the
 * work through the lease.
 */
public final class BackfillVerticle extends AbstractVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(BackfillVerticle.class);
  private static final String FINISHED = "backfill finished";
  private static final String FAILED = "backfill page failed; retried at the next poll";

  private final Backfills backfills;
  private final String owner;
  private final long pollMs;
  private boolean busy;
  private boolean again;
  private long timer;

  /**
   * A runner.
   *
   * @param backfills backfills
   * @param owner this instance's name (lease owner)
   * @param pollMs how often to look for backfills without a start message
   */
  public BackfillVerticle(Backfills backfills, String owner, long pollMs) {
    this.backfills = backfills;
    this.owner = owner;
    this.pollMs = pollMs;
  }

  @Override
  public Uni<Void> asyncStart() {
    timer = vertx.setPeriodic(pollMs, id -> drain());
    drain();
    return Uni.createFrom().voidItem();
  }

  @Override
  public Uni<Void> asyncStop() {
    vertx.cancelTimer(timer);
    return Uni.createFrom().voidItem();
  }

  private void drain() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    again = false;
    next()
        .subscribe()
        .with(
            ignored -> done(),
            t -> {
              LOG.warn(FAILED, kv("error", t.toString()));
              done();
            });
  }

  private void done() {
    busy = false;
    if (again) {
      drain();
    }
  }

  private Uni<Void> next() {
    return backfills
        .claim(owner)
        .chain(
            claimed -> {
              if (claimed.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              Backfills.Backfill b = claimed.get();
              return backfills.runToEnd(b.id(), owner).invoke(end -> log(b, end)).chain(this::next);
            });
  }

  private static void log(Backfills.Backfill started, Optional<Backfills.Backfill> end) {
    LOG.info(
        FINISHED,
        kv("tenant", started.tenantId()),
        kv("connection", started.connectionId()),
        kv("backfill", started.id()),
        kv("state", end.map(Backfills.Backfill::state).orElse("released")),
        kv("enqueued", end.map(Backfills.Backfill::enqueued).orElse(null)));
  }
}

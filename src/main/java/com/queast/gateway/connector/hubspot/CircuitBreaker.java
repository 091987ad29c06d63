package com.queast.gateway.connector.hubspot;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A portal's circuit breaker for 5xx and wire-failure storms: after {@code threshold} failures in a
 * row it opens for {@code openFor}; then one batch is let through (half-open) and its first answer
 * closes or re-opens it. Time from the injected clock so the lane's pace decisions are
 * deterministic in tests (Vert.x's breaker runs on real timers and lives in one process; this one
 * travels with the lane's limiter snapshot).
 */
public final class CircuitBreaker {

  private final int threshold;
  private final Duration openFor;
  private final Clock clock;
  private int failures;
  private Instant openUntil = Instant.EPOCH;

  /**
   * A closed breaker.
   *
   * @param threshold failures in a row that open it
   * @param openFor how long it stays open
   * @param clock time source
   */
  public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
    this.threshold = threshold;
    this.openFor = openFor;
    this.clock = clock;
  }

  /** Records a failure (5xx, reset, timeout); opens at the threshold. */
  public synchronized void failure() {
    failures++;
    if (failures >= threshold) {
      openUntil = clock.instant().plus(openFor);
      failures = threshold - 1;
    }
  }

  /** Records an answer that shows the portal is healthy. */
  public synchronized void success() {
    failures = 0;
  }

  /**
   * How long it stays open.
   *
   * @return zero when closed or half-open
   */
  public synchronized Duration openFor() {
    Instant now = clock.instant();
    return now.isBefore(openUntil) ? Duration.between(now, openUntil) : Duration.ZERO;
  }

  /**
   * Snapshot.
   *
   * @return JSON
   */
  public synchronized JsonObject snapshot() {
    return new JsonObject().put("failures", failures).put("openUntil", openUntil.toEpochMilli());
  }

  /**
   * Restores a snapshot (ignored when null).
   *
   * @param s snapshot
   */
  public synchronized void restore(JsonObject s) {
    if (s == null) {
      return;
    }
    failures = s.getInteger("failures", 0);
    openUntil = Instant.ofEpochMilli(s.getLong("openUntil", 0L));
  }
}

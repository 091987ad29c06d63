package com.queast.gateway.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand, so leases, backoff and expiry need no waiting. */
public final class MutableClock extends Clock {

  private final AtomicReference<Instant> now;

  /**
   * A clock at a given instant.
   *
   * @param start the first reading
   */
  public MutableClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /**
   * A clock at the system's current instant (so Postgres' own now() agrees roughly).
   *
   * @return the clock
   */
  public static MutableClock atSystemNow() {
    return new MutableClock(Instant.now());
  }

  /**
   * Moves the clock forward.
   *
   * @param d how far
   */
  public void advance(Duration d) {
    now.updateAndGet(i -> i.plus(d));
  }

  /**
   * Sets the clock to an instant.
   *
   * @param t the new reading
   */
  public void set(Instant t) {
    now.set(t);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}

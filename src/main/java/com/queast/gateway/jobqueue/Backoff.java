package com.queast.gateway.jobqueue;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: attempt n waits a uniformly random time in [base·2^(n-1)/2,
 * base·2^(n-1)], capped. A vendor-given wait (Retry-After) wins when it is longer. Pure; the random
 * source is injected.
 */
public final class Backoff {

  private final long baseMs;
  private final long maxMs;
  private final DoubleSupplier random;

  /**
   * A backoff policy.
   *
   * @param baseMs first wait (upper bound)
   * @param maxMs cap on any wait
   * @param random uniform [0, 1) source
   */
  public Backoff(long baseMs, long maxMs, DoubleSupplier random) {
    if (baseMs <= 0 || maxMs < baseMs) {
      throw new IllegalArgumentException("need 0 < baseMs <= maxMs");
    }
    this.baseMs = baseMs;
    this.maxMs = maxMs;
    this.random = random;
  }

  /**
   * The wait before the next try.
   *
   * @param attempt attempts used so far (1 after the first failure)
   * @param vendorHint vendor-given wait, or null
   * @return the wait, never negative, never above the cap unless the vendor asked for longer
   */
  public Duration delay(int attempt, Duration vendorHint) {
    int exp = Math.max(0, attempt - 1);
    long ceiling = maxMs;
    // Shift only while it cannot overflow; past that the cap applies anyway.
    if (exp < Long.numberOfLeadingZeros(baseMs) - 1) {
      ceiling = Math.min(maxMs, baseMs << exp);
    }
    long jittered = ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2));
    Duration d = Duration.ofMillis(jittered);
    if (vendorHint != null && vendorHint.compareTo(d) > 0) {
      return vendorHint;
    }
    return d;
  }
}

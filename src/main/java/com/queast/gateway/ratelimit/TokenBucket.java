package com.queast.gateway.ratelimit;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: {@code capacity} tokens, refilled continuously at {@code ratePerSecond}. Pure and
 * not thread-safe; a lane's limiter is used from one event loop. Time comes from the injected
 * {@link Clock}.
 */
public final class TokenBucket {

  private final double capacity;
  private final double ratePerSecond;
  private final Clock clock;
  private double tokens;
  private Instant updated;
  private Instant blockedUntil = Instant.EPOCH;

  /**
   * A full bucket.
   *
   * @param capacity most tokens held (burst)
   * @param ratePerSecond refill rate
   * @param clock time source
   */
  public TokenBucket(double capacity, double ratePerSecond, Clock clock) {
    if (capacity <= 0 || ratePerSecond <= 0) {
      throw new IllegalArgumentException("capacity and rate must be positive");
    }
    this.capacity = capacity;
    this.ratePerSecond = ratePerSecond;
    this.clock = clock;
    this.tokens = capacity;
    this.updated = clock.instant();
  }

  private void refill() {
    Instant now = clock.instant();
    long nanos = Duration.between(updated, now).toNanos();
    if (nanos > 0) {
      tokens = Math.min(capacity, tokens + nanos / 1e9 * ratePerSecond);
      updated = now;
    }
  }

  /**
   * Whole tokens available now.
   *
   * @return tokens, 0 while blocked
   */
  public int available() {
    refill();
    if (clock.instant().isBefore(blockedUntil)) {
      return 0;
    }
    return (int) Math.floor(tokens);
  }

  /**
   * Takes up to {@code wanted} tokens.
   *
   * @param wanted most tokens to take
   * @return tokens taken (0..wanted)
   */
  public int take(int wanted) {
    int n = Math.min(wanted, available());
    tokens -= n;
    return n;
  }

  /**
   * Takes exactly {@code n} tokens, possibly going into debt (a request already sent must be
   * counted).
   *
   * @param n tokens
   */
  public void charge(double n) {
    refill();
    tokens -= n;
  }

  /**
   * How long until {@code n} whole tokens are available.
   *
   * @param n tokens wanted
   * @return zero when available now
   */
  public Duration timeUntil(int n) {
    refill();
    Instant now = clock.instant();
    Duration block =
        now.isBefore(blockedUntil) ? Duration.between(now, blockedUntil) : Duration.ZERO;
    double missing = Math.min(n, capacity) - tokens;
    Duration refillWait =
        missing <= 0
            ? Duration.ZERO
            : Duration.ofNanos((long) Math.ceil(missing / ratePerSecond * 1e9));
    return block.compareTo(refillWait) > 0 ? block : refillWait;
  }

  /**
   * Empties the bucket and refuses tokens until a time (a 429 says the vendor's window is spent).
   *
   * @param until when tokens may flow again
   */
  public void blockUntil(Instant until) {
    refill();
    tokens = Math.min(tokens, 0);
    if (until.isAfter(blockedUntil)) {
      blockedUntil = until;
    }
  }

  /**
   * Caps the tokens to what the vendor says remains (rate-limit headers), never raising them.
   *
   * @param remaining the vendor's remaining count
   */
  public void capTo(double remaining) {
    refill();
    tokens = Math.min(tokens, remaining);
  }

  /**
   * Snapshot for the lane's next holder.
   *
   * @return JSON with tokens, time and block
   */
  public JsonObject snapshot() {
    refill();
    return new JsonObject()
        .put("tokens", tokens)
        .put("at", updated.toEpochMilli())
        .put("blockedUntil", blockedUntil.toEpochMilli());
  }

  /**
   * Restores a snapshot taken by another holder (refilling for the time elapsed since).
   *
   * @param s snapshot, ignored when null or malformed
   */
  public void restore(JsonObject s) {
    if (s == null
        || !(s.getValue("tokens") instanceof Number t)
        || !(s.getValue("at") instanceof Number at)) {
      return;
    }
    tokens = Math.min(capacity, t.doubleValue());
    updated = Instant.ofEpochMilli(at.longValue());
    if (s.getValue("blockedUntil") instanceof Number b) {
      blockedUntil = Instant.ofEpochMilli(b.longValue());
    }
    if (updated.isAfter(clock.instant())) {
      updated = clock.instant();
    }
    refill();
  }
}

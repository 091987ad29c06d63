package com.queast.gateway.connector.hubspot;

import com.queast.gateway.connector.PaceDecision;
import com.queast.gateway.ratelimit.LaneLoad;
import com.queast.gateway.ratelimit.SlidingWindow;
import com.queast.gateway.ratelimit.TokenBucket;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The pacing of one portal (lane): an exact rolling window at the published limit times the
 * headroom, corrected from HubSpot's {@code X-HubSpot-RateLimit-*} headers; a 5/s bucket for
 * search; a 429 blocks the window until it resets; a circuit breaker opens after a run of 5xx/wire
 * failures. Pure and single-threaded (a lane has one holder); time from the injected clock.
 */
public final class HubSpotPacer {

  /** Requests a batch of up to 100 records needs at most (upsert, association, lookup). */
  public static final int CALLS_PER_BATCH = 3;

  private static final Duration MIN_429_WAIT = Duration.ofMillis(500);

  /**
   * How long before its slot frees a batch may be claimed: about the time a lane takes to claim,
   * load and match a batch, so the batch waits at the caller when its slot frees.
   */
  static final Duration CLAIM_AHEAD = Duration.ofMillis(250);

  private final Clock clock;
  private final double headroom;
  private final Duration window;
  private final CircuitBreaker breaker;
  private final TokenBucket search;
  private int limit;
  private SlidingWindow requests;
  private Instant limitedUntil = Instant.EPOCH;
  private int published;
  private long rateLimited;
  private Instant lastRateLimitedAt;

  /**
   * A pacer.
   *
   * @param publishedLimit the vendor's requests per window for this app and portal
   * @param window the window
   * @param headroom share of the limit to use (e.g. 0.9)
   * @param searchPerSecond search requests per second
   * @param breaker the portal's circuit breaker
   * @param clock time source
   */
  public HubSpotPacer(
      int publishedLimit,
      Duration window,
      double headroom,
      int searchPerSecond,
      CircuitBreaker breaker,
      Clock clock) {
    this.clock = clock;
    this.headroom = headroom;
    this.window = window;
    this.breaker = breaker;
    this.search = new TokenBucket(searchPerSecond, searchPerSecond, clock);
    this.published = publishedLimit;
    this.limit = ownLimit(publishedLimit);
    this.requests = new SlidingWindow(limit, window, clock);
  }

  private int ownLimit(int published) {
    return Math.max(1, (int) Math.floor(published * headroom));
  }

  /**
   * How many jobs the lane may claim now.
   *
   * @param wanted most jobs wanted
   * @return permits, or a wait with its reason
   */
  public synchronized PaceDecision decide(int wanted) {
    Duration open = breaker.openFor();
    if (!open.isZero()) {
      return PaceDecision.waitFor(open, "circuit_open");
    }
    // One slot is enough to claim, and it may still be CLAIM_AHEAD away: a company batch is one
    // upsert, and the calls of a batch wait in the caller for their own slots (to the
    // millisecond). Claiming only once a whole batch's worth (3) was free kept two slots of the
    // window idle for good, and claiming only once a slot was free left it idle while the batch
    // was claimed, loaded and matched (76 ms at the median in HubSpotLaneBench).
    Duration wait = requests.timeUntil(1);
    if (wait.compareTo(CLAIM_AHEAD) <= 0) {
      return PaceDecision.allow(wanted);
    }
    boolean limited = clock.instant().isBefore(limitedUntil);
    return PaceDecision.waitFor(wait.minus(CLAIM_AHEAD), limited ? "rate_limited" : "bucket_empty");
  }

  /**
   * Whether the circuit breaker is open now.
   *
   * @return true while open
   */
  public synchronized boolean circuitOpen() {
    return !breaker.openFor().isZero();
  }

  /**
   * A request slot, or how long until one is free.
   *
   * @param taken when the slot was taken (null when none was free)
   * @param waitFor how long until a slot is free (zero when one was taken)
   */
  public record Slot(Instant taken, Duration waitFor) {

    /**
     * Whether a slot was taken.
     *
     * @return true when the request may go now
     */
    public boolean granted() {
      return taken != null;
    }
  }

  /**
   * Takes one request slot now if there is one. Give it back with {@link #answered} when the answer
   * (or a wire failure) is in.
   *
   * @return the slot, or the wait (nothing taken)
   */
  public synchronized Slot tryAcquire() {
    Instant taken = requests.takeOne();
    if (taken != null) {
      return new Slot(taken, Duration.ZERO);
    }
    Duration d = requests.timeUntil(1);
    return new Slot(null, d.isZero() ? Duration.ofMillis(10) : d);
  }

  /**
   * The request of a slot was answered (or failed on the wire): its slot now counts from this
   * moment, after the request reached HubSpot, so it leaves the window no earlier than HubSpot's
   * count of it.
   *
   * @param slot the slot {@link #tryAcquire} granted
   */
  public synchronized void answered(Slot slot) {
    requests.settle(slot.taken());
  }

  /**
   * Takes one search permit now if there is one.
   *
   * @return zero when taken, else how long until one is free
   */
  public synchronized Duration tryAcquireSearch() {
    if (search.take(1) == 1) {
      return Duration.ZERO;
    }
    return search.timeUntil(1);
  }

  /**
   * Learns from an answer: the rate-limit headers, a 429, a failure run.
   *
   * @param r the answer
   * @param d its classification
   */
  public synchronized void observe(HubSpotResponse r, HubSpotErrors.Decision d) {
    adapt(r.header("x-hubspot-ratelimit-max"), r.header("x-hubspot-ratelimit-remaining"));
    switch (d.kind()) {
      case RATE_LIMITED -> blockAfter429(d.delay());
      case AMBIGUOUS -> breaker.failure();
      case OK, NOT_FOUND, CONFLICT, REJECTED -> breaker.success();
      default -> {
        // auth, forbidden and busy answers say nothing about the portal's health
      }
    }
  }

  /**
   * After a 429 the portal's window is full: with {@code Retry-After} the lane waits that long;
   * without, the window is taken as full now and the lane waits until enough of the requests in it
   * age out for a batch (at least half a second, at most the window): a rolling window frees slots
   * as its oldest requests leave it.
   */
  private void blockAfter429(Duration retryAfter) {
    rateLimited++;
    lastRateLimitedAt = clock.instant();
    Duration wait;
    if (retryAfter != null) {
      wait = retryAfter;
    } else {
      requests.capTo(0);
      wait = requests.timeUntil(Math.min(CALLS_PER_BATCH, limit));
      wait = wait.compareTo(MIN_429_WAIT) < 0 ? MIN_429_WAIT : wait;
      wait = wait.compareTo(window) > 0 ? window : wait;
    }
    limitedUntil = clock.instant().plus(wait);
    requests.blockUntil(limitedUntil);
  }

  /**
   * Adapts to {@code X-HubSpot-RateLimit-Max} and {@code -Remaining}: a different published limit
   * resizes the window; the remaining count caps what we think is free, keeping the headroom.
   *
   * @param maxHeader the max header value or null
   * @param remainingHeader the remaining header value or null
   */
  public synchronized void adapt(String maxHeader, String remainingHeader) {
    Integer max = integer(maxHeader);
    if (max != null && max > 0) {
      published = max;
    }
    if (max != null && max > 0 && ownLimit(max) != limit) {
      JsonObject s = requests.snapshot();
      limit = ownLimit(max);
      requests = new SlidingWindow(limit, window, clock);
      requests.restore(s);
    }
    Integer remaining = integer(remainingHeader);
    if (remaining != null) {
      int reserve = max == null ? 0 : max - limit;
      requests.capTo(remaining - reserve);
    }
  }

  /**
   * When the lane must wait after a 429, if it must.
   *
   * @return the end of the block, or null
   */
  public synchronized Instant blockedUntil() {
    Duration d = requests.timeUntil(1);
    return requests.available() == 0 && !d.isZero() ? clock.instant().plus(d) : null;
  }

  /**
   * Requests the window allows in total.
   *
   * @return own limit (published times headroom)
   */
  public synchronized int limit() {
    return limit;
  }

  /**
   * Free request slots now.
   *
   * @return slots
   */
  public synchronized int available() {
    return requests.available();
  }

  /**
   * Snapshot for the next holder of the lane.
   *
   * @return JSON
   */
  public synchronized JsonObject snapshot() {
    return new JsonObject()
        .put("limit", limit)
        .put("requests", requests.snapshot())
        .put("search", search.snapshot())
        .put("breaker", breaker.snapshot())
        .put("load", load().toJson());
  }

  /**
   * The share of the portal's allowance in use now and the 429s seen, for the operator's view.
   *
   * @return the load
   */
  public synchronized LaneLoad load() {
    return new LaneLoad(
        published,
        window,
        requests.inWindow(),
        limit,
        rateLimited,
        lastRateLimitedAt,
        clock.instant());
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
    Integer l = s.getInteger("limit");
    if (l != null && l > 0 && l != limit) {
      limit = l;
      requests = new SlidingWindow(limit, window, clock);
    }
    requests.restore(s.getJsonObject("requests"));
    search.restore(s.getJsonObject("search"));
    breaker.restore(s.getJsonObject("breaker"));
    LaneLoad load = LaneLoad.fromJson(s.getJsonObject("load"));
    if (load != null && load.rateLimited() > rateLimited) {
      // Another instance held the lane meanwhile: its count includes ours.
      rateLimited = load.rateLimited();
      lastRateLimitedAt = load.lastRateLimitedAt();
    }
    if (load != null && load.allowance() > 0) {
      published = load.allowance();
    }
  }

  private static Integer integer(String v) {
    if (v == null) {
      return null;
    }
    try {
      return Integer.valueOf(v.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

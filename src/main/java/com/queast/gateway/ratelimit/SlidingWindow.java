package com.queast.gateway.ratelimit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * At most {@code limit} events in any rolling {@code window}: the exact model of HubSpot's "110
 * requests per 10 seconds" (a token bucket of the same size would allow up to twice that in one
 * window). Keeps one timestamp per event in the window. Pure, not thread-safe, time from the
 * injected {@link Clock}.
 */
public final class SlidingWindow {

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final ArrayDeque<Instant> sent = new ArrayDeque<>();
  private Instant blockedUntil = Instant.EPOCH;
  private int pending;

  /**
   * A window.
   *
   * @param limit events per window
   * @param window window length
   * @param clock time source
   */
  public SlidingWindow(int limit, Duration window, Clock clock) {
    if (limit <= 0 || window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("limit and window must be positive");
    }
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  private void evict(Instant now) {
    Instant cutoff = now.minus(window);
    while (!sent.isEmpty() && !sent.peekFirst().isAfter(cutoff)) {
      sent.pollFirst();
    }
  }

  /**
   * Events allowed now.
   *
   * @return free slots, 0 while blocked
   */
  public int available() {
    Instant now = clock.instant();
    evict(now);
    if (now.isBefore(blockedUntil)) {
      return 0;
    }
    return Math.max(0, limit - sent.size() - pending);
  }

  /**
   * Records up to {@code wanted} events now.
   *
   * @param wanted events wanted
   * @return events recorded
   */
  public int take(int wanted) {
    int n = Math.min(wanted, available());
    Instant now = clock.instant();
    for (int i = 0; i < n; i++) {
      sent.addLast(now);
    }
    return n;
  }

  /**
   * Takes one slot now, if there is one, for a request that is about to go: the slot counts as
   * taken until {@link #settle} says the request was answered, and from then on for the window.
   *
   * @return the time the slot was taken, or null when no slot is free
   */
  public Instant takeOne() {
    if (available() <= 0) {
      return null;
    }
    pending++;
    return clock.instant();
  }

  /**
   * The request of a slot {@link #takeOne} gave was answered (or failed): the slot now counts from
   * this moment for the window. The vendor counts a request when it arrives, which is some time
   * after the slot was taken (a new connection, a busy event loop: HubSpotPacingIT saw a first
   * request arrive 26 ms after its slot, so 100 arrived within 10 s against 99 slots) and before
   * its answer; a slot held while the request is out and for the window after its answer never
   * leaves before the vendor's count of the request does.
   *
   * @param taken what {@link #takeOne} returned (ignored when null)
   */
  public void settle(Instant taken) {
    if (taken == null) {
      return;
    }
    pending = Math.max(0, pending - 1);
    sent.addLast(clock.instant());
  }

  /** Records an event that happened regardless of the limit (e.g. a retry already on the wire). */
  public void record() {
    sent.addLast(clock.instant());
  }

  /**
   * How long until {@code n} slots are free.
   *
   * @param n slots wanted
   * @return zero when free now
   */
  public Duration timeUntil(int n) {
    Instant now = clock.instant();
    evict(now);
    Duration block =
        now.isBefore(blockedUntil) ? Duration.between(now, blockedUntil) : Duration.ZERO;
    int excess = sent.size() + pending + Math.min(n, limit) - limit;
    if (excess <= 0) {
      return block;
    }
    if (excess > sent.size()) {
      // Requests still out hold the slots: each frees a window after its answer.
      return window.compareTo(block) > 0 ? window : block;
    }
    Instant freeAt = sent.stream().skip(excess - 1L).findFirst().orElse(now).plus(window);
    Duration wait = Duration.between(now, freeAt);
    return wait.compareTo(block) > 0 ? wait : block;
  }

  /**
   * Refuses events until a time (after a 429).
   *
   * @param until when events may flow again
   */
  public void blockUntil(Instant until) {
    if (until.isAfter(blockedUntil)) {
      blockedUntil = until;
    }
  }

  /**
   * Aligns with the vendor's count of what remains in its window: if it says fewer remain than we
   * think, the missing ones are recorded as sent now.
   *
   * @param remaining the vendor's remaining count
   */
  public void capTo(int remaining) {
    int extra = available() - Math.max(0, remaining);
    for (int i = 0; i < extra; i++) {
      record();
    }
  }

  /**
   * Events in the window now (what the vendor would count, including those recorded from its
   * remaining-count headers).
   *
   * @return events in the window
   */
  public int inWindow() {
    evict(clock.instant());
    return sent.size() + pending;
  }

  /**
   * Events in the last {@code span} (at most the window).
   *
   * @param span how far back
   * @return events in it
   */
  public int inLast(Duration span) {
    Instant now = clock.instant();
    evict(now);
    Instant cutoff = now.minus(span);
    return (int) sent.stream().filter(i -> i.isAfter(cutoff)).count() + pending;
  }

  /**
   * Snapshot for the next holder of the lane.
   *
   * @return JSON with the timestamps in the window
   */
  public JsonObject snapshot() {
    evict(clock.instant());
    JsonArray times = new JsonArray();
    sent.forEach(i -> times.add(ceilMillis(i)));
    // Requests still out count as sent now (they will count from their answer).
    for (int i = 0; i < pending; i++) {
      times.add(ceilMillis(clock.instant()));
    }
    return new JsonObject().put("sent", times).put("blockedUntil", ceilMillis(blockedUntil));
  }

  /**
   * An instant in whole milliseconds, rounded up: a restored entry must leave the window no earlier
   * than the request it stands for (rounded down, a request taken at x.0005 s left at x.000 s + the
   * window, and a lane restored from its snapshot let one request too many into the window: 100 in
   * 10 s against 99 in HubSpotPacingIT with several batches in flight).
   */
  private static long ceilMillis(Instant i) {
    long ms = i.toEpochMilli();
    return i.getNano() % 1_000_000 == 0 ? ms : ms + 1;
  }

  /**
   * Restores a snapshot.
   *
   * @param s snapshot; ignored when null or malformed
   */
  public void restore(JsonObject s) {
    if (s == null || !(s.getValue("sent") instanceof JsonArray times)) {
      return;
    }
    // The union of what this window already knows and what the snapshot knows: a snapshot written
    // by
    // this process holds the same requests (rounded up to the millisecond, so they are matched by
    // that), one written by another instance adds the requests made there. Forgetting either side
    // would let more than the limit through.
    Map<Long, Integer> known = new HashMap<>();
    for (Instant i : sent) {
      known.merge(ceilMillis(i), 1, Integer::sum);
    }
    List<Instant> merged = new ArrayList<>(sent);
    for (Object o : times) {
      if (o instanceof Number n) {
        long ms = n.longValue();
        Integer left = known.get(ms);
        if (left != null && left > 0) {
          known.put(ms, left - 1);
        } else {
          merged.add(Instant.ofEpochMilli(ms));
        }
      }
    }
    merged.sort(null);
    sent.clear();
    sent.addAll(merged);
    if (s.getValue("blockedUntil") instanceof Number b) {
      blockUntil(Instant.ofEpochMilli(b.longValue()));
    }
    evict(clock.instant());
  }
}

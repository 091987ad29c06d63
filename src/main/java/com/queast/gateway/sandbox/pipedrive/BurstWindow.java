package com.queast.gateway.sandbox.pipedrive;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/** A rolling window of request times for one token (the vendor's 2-second burst window). */
final class BurstWindow {

  private final ArrayDeque<Instant> times = new ArrayDeque<>();
  private final Duration window;

  BurstWindow(Duration window) {
    this.window = window;
  }

  private void evict(Instant now) {
    while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
      times.pollFirst();
    }
  }

  boolean full(int limit, Instant now) {
    evict(now);
    return times.size() >= limit;
  }

  void record(Instant now) {
    times.addLast(now);
  }

  int remaining(int limit, Instant now) {
    evict(now);
    return Math.max(0, limit - times.size());
  }

  /** Whole seconds until the oldest request leaves the window (the window length when empty). */
  long resetSeconds(Instant now) {
    evict(now);
    Instant oldest = times.isEmpty() ? now : times.peekFirst();
    long ms = Duration.between(now, oldest.plus(window)).toMillis();
    return Math.max(1, (ms + 999) / 1000);
  }
}

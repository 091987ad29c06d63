package com.queast.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LimitersTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void slidingWindowNeverAllowsMoreThanTheLimitInAnyWindow() {
    SlidingWindow w = new SlidingWindow(110, Duration.ofSeconds(10), clock);
    assertThat(w.take(200)).isEqualTo(110);
    assertThat(w.take(1)).isZero();
    assertThat(w.timeUntil(1)).isEqualTo(Duration.ofSeconds(10));
    clock.advance(Duration.ofMillis(9_999));
    assertThat(w.available()).isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(w.available()).isEqualTo(110);
  }

  @Property(tries = 200)
  void slidingWindowHoldsForAnySchedule(
      @ForAll @Size(min = 1, max = 300)
          java.util.List<@IntRange(min = 0, max = 400) Integer> gapsMs,
      @ForAll @IntRange(min = 1, max = 30) int want) {
    MutableClock c = new MutableClock(Instant.EPOCH);
    SlidingWindow w = new SlidingWindow(20, Duration.ofSeconds(2), c);
    java.util.ArrayDeque<Instant> log = new java.util.ArrayDeque<>();
    for (int gap : gapsMs) {
      c.advance(Duration.ofMillis(gap));
      int got = w.take(want);
      for (int i = 0; i < got; i++) {
        log.add(c.instant());
      }
      while (!log.isEmpty() && !log.peekFirst().isAfter(c.instant().minusSeconds(2))) {
        log.pollFirst();
      }
      assertThat(log.size()).isLessThanOrEqualTo(20);
    }
  }

  @Test
  void a429BlocksUntilTheWindowResetsAndHeadersOnlyLowerTheCount() {
    SlidingWindow w = new SlidingWindow(110, Duration.ofSeconds(10), clock);
    w.take(10);
    w.capTo(50);
    assertThat(w.available()).isEqualTo(50);
    w.capTo(100);
    assertThat(w.available()).isEqualTo(50);
    w.blockUntil(clock.instant().plusSeconds(3));
    assertThat(w.available()).isZero();
    assertThat(w.timeUntil(1)).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void tokenBucketRefillsContinuouslyAndSnapshotsTravel() {
    TokenBucket b = new TokenBucket(20, 10, clock);
    assertThat(b.take(50)).isEqualTo(20);
    assertThat(b.timeUntil(5)).isEqualTo(Duration.ofMillis(500));
    clock.advance(Duration.ofMillis(500));
    assertThat(b.take(50)).isEqualTo(5);
    var snap = b.snapshot();
    TokenBucket other = new TokenBucket(20, 10, clock);
    other.restore(snap);
    assertThat(other.available()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(other.available()).isEqualTo(10);
    other.blockUntil(clock.instant().plusSeconds(2));
    assertThat(other.available()).isZero();
    assertThat(other.timeUntil(1)).isEqualTo(Duration.ofSeconds(2));
    other.charge(5);
    clock.advance(Duration.ofSeconds(2));
    assertThat(other.available()).isEqualTo(15);
  }

  @Test
  void windowSnapshotsRestoreTheSameCount() {
    SlidingWindow w = new SlidingWindow(10, Duration.ofSeconds(2), clock);
    w.take(7);
    SlidingWindow next = new SlidingWindow(10, Duration.ofSeconds(2), clock);
    next.restore(w.snapshot());
    assertThat(next.available()).isEqualTo(3);
    next.restore(null);
    assertThat(next.available()).isEqualTo(3);
  }

  /**
   * Restoring snapshots, into the same window (the lane's next holding in this process) or a new
   * one (another instance), never lets more than the limit into any window, whatever the
   * sub-millisecond timing of the requests: before the fix, snapshots rounded times down to the
   * millisecond and a restore replaced what the window knew, and HubSpotPacingIT saw 100 requests
   * in 10 s against 99.
   */
  @Property(tries = 300)
  void restoredSnapshotsNeverLetMoreThanTheLimitThrough(
      @ForAll @Size(min = 1, max = 300)
          java.util.List<@IntRange(min = 0, max = 900_000) Integer> gapsNanosTimes1000,
      @ForAll @Size(min = 1, max = 300) java.util.List<@IntRange(min = 0, max = 5) Integer> acts) {
    MutableClock c = new MutableClock(Instant.EPOCH.plusNanos(123_456));
    SlidingWindow w = new SlidingWindow(20, Duration.ofSeconds(2), c);
    java.util.List<Instant> log = new java.util.ArrayList<>();
    for (int i = 0; i < gapsNanosTimes1000.size(); i++) {
      c.advance(Duration.ofNanos(gapsNanosTimes1000.get(i) * 1_000L));
      int act = acts.get(i % acts.size());
      if (act == 0) {
        w.restore(w.snapshot());
      } else if (act == 1) {
        SlidingWindow next = new SlidingWindow(20, Duration.ofSeconds(2), c);
        next.restore(w.snapshot());
        w = next;
      }
      for (int k = w.take(act + 1); k > 0; k--) {
        log.add(c.instant());
      }
    }
    for (int i = 0, j = 0; i < log.size(); i++) {
      while (!log.get(j).isAfter(log.get(i).minus(Duration.ofSeconds(2)))) {
        j++;
      }
      assertThat(i - j + 1).isLessThanOrEqualTo(20);
    }
  }
}

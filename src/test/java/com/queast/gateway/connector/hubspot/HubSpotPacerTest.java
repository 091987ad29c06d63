package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.connector.PaceDecision;
import com.queast.gateway.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubSpotPacerTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T00:00:00Z"));

  private HubSpotPacer pacer() {
    return new HubSpotPacer(
        110,
        Duration.ofSeconds(10),
        0.9,
        5,
        new CircuitBreaker(5, Duration.ofSeconds(15), clock),
        clock);
  }

  private static HubSpotResponse answer(int status, Map<String, String> headers, String body) {
    return new HubSpotResponse(status, body, headers, 5, null);
  }

  private static void observe(HubSpotPacer p, HubSpotResponse r) {
    p.observe(r, HubSpotErrors.classify(r, Duration.ofSeconds(10)));
  }

  @Test
  void theOwnLimitIsThePublishedOneTimesTheHeadroom() {
    HubSpotPacer p = pacer();
    assertThat(p.limit()).isEqualTo(99);
    assertThat(p.decide(100)).isEqualTo(PaceDecision.allow(100));
  }

  @Test
  void aFullWindowWaitsUntilItsOldestRequestsAgeOut() {
    HubSpotPacer p = pacer();
    for (int i = 0; i < 99; i++) {
      HubSpotPacer.Slot slot = p.tryAcquire();
      assertThat(slot.granted()).isTrue();
      p.answered(slot);
      clock.advance(Duration.ofMillis(10));
    }
    assertThat(p.tryAcquire().granted()).isFalse();
    assertThat(p.tryAcquire().waitFor()).isPositive();
    PaceDecision d = p.decide(100);
    assertThat(d.permits()).isZero();
    assertThat(d.reason()).isEqualTo("bucket_empty");
    // The lane is told to come back CLAIM_AHEAD before the oldest slot frees, claims then, and its
    // batch waits at the caller for the slot itself.
    assertThat(d.retryIn())
        .isBetween(
            Duration.ofSeconds(9).minus(HubSpotPacer.CLAIM_AHEAD),
            Duration.ofSeconds(10).minus(HubSpotPacer.CLAIM_AHEAD));
    clock.advance(d.retryIn());
    assertThat(p.decide(100).permits()).isEqualTo(100);
    assertThat(p.tryAcquire().waitFor()).isEqualTo(HubSpotPacer.CLAIM_AHEAD);
    clock.advance(HubSpotPacer.CLAIM_AHEAD);
    assertThat(p.tryAcquire().granted()).isTrue();
  }

  @Test
  void aSlotCountsFromItsAnswerSoItLeavesNoEarlierThanHubSpotsCountOfIt() {
    HubSpotPacer p = pacer();
    HubSpotPacer.Slot first = p.tryAcquire();
    clock.advance(Duration.ofMillis(200));
    for (int i = 1; i < 99; i++) {
      assertThat(p.tryAcquire().granted()).isTrue();
    }
    // The first request reaches HubSpot late (a new connection) and is answered 300 ms after its
    // slot was taken: 10 s after the slot, HubSpot still counts it, so the pacer must too.
    clock.advance(Duration.ofMillis(100));
    p.answered(first);
    clock.advance(Duration.ofMillis(9_750));
    assertThat(p.tryAcquire().granted()).isFalse();
    clock.advance(Duration.ofMillis(250));
    assertThat(p.tryAcquire().granted()).isTrue();
  }

  @Test
  void headersResizeTheWindowAndCapWhatRemains() {
    HubSpotPacer p = pacer();
    p.adapt("1000", "1000");
    assertThat(p.limit()).isEqualTo(900);
    p.adapt("100", "40");
    assertThat(p.limit()).isEqualTo(90);
    // 40 remain for HubSpot, 10 of which are our headroom.
    assertThat(p.available()).isEqualTo(30);
  }

  @Test
  void a429BlocksTheLaneUntilEnoughOfTheWindowAgesOut() {
    HubSpotPacer p = pacer();
    for (int i = 0; i < 10; i++) {
      p.answered(p.tryAcquire());
    }
    clock.advance(Duration.ofSeconds(4));
    observe(
        p,
        answer(
            429,
            Map.of(),
            "{\"policyName\":\"TEN_SECONDLY_ROLLING\",\"errorType\":\"RATE_LIMIT\"}"));
    PaceDecision d = p.decide(100);
    assertThat(d.reason()).isEqualTo("rate_limited");
    assertThat(d.retryIn()).isEqualTo(Duration.ofSeconds(6).minus(HubSpotPacer.CLAIM_AHEAD));
    assertThat(p.blockedUntil()).isEqualTo(clock.instant().plusSeconds(6));
    clock.advance(Duration.ofSeconds(6));
    assertThat(p.decide(100).permits()).isEqualTo(100);
  }

  @Test
  void a429WithRetryAfterWaitsThatLong() {
    HubSpotPacer p = pacer();
    observe(p, answer(429, Map.of("retry-after", "3"), "{}"));
    assertThat(p.decide(10).retryIn())
        .isEqualTo(Duration.ofSeconds(3).minus(HubSpotPacer.CLAIM_AHEAD));
    assertThat(p.blockedUntil()).isEqualTo(clock.instant().plusSeconds(3));
  }

  @Test
  void fiveServerFailuresInARowOpenTheCircuitForFifteenSeconds() {
    HubSpotPacer p = pacer();
    for (int i = 0; i < 4; i++) {
      observe(p, answer(502, Map.of(), "{}"));
    }
    assertThat(p.decide(10).permits()).isEqualTo(10);
    observe(p, answer(0, Map.of(), ""));
    PaceDecision d = p.decide(10);
    assertThat(d.reason()).isEqualTo("circuit_open");
    assertThat(d.retryIn()).isEqualTo(Duration.ofSeconds(15));
    clock.advance(Duration.ofSeconds(15));
    assertThat(p.decide(10).permits()).isEqualTo(10);
    observe(p, answer(200, Map.of(), "{}"));
    observe(p, answer(502, Map.of(), "{}"));
    assertThat(p.decide(10).permits()).isEqualTo(10);
  }

  @Test
  void aSnapshotCarriesTheWindowToAnotherHolder() {
    HubSpotPacer p = pacer();
    for (int i = 0; i < 99; i++) {
      p.answered(p.tryAcquire());
    }
    HubSpotPacer other = pacer();
    other.restore(p.snapshot());
    assertThat(other.available()).isZero();
    assertThat(other.decide(5).permits()).isZero();
  }

  @Test
  void theSearchBucketAllowsFivePerSecond() {
    HubSpotPacer p = pacer();
    for (int i = 0; i < 5; i++) {
      assertThat(p.tryAcquireSearch()).isZero();
    }
    assertThat(p.tryAcquireSearch()).isPositive();
    clock.advance(Duration.ofMillis(200));
    assertThat(p.tryAcquireSearch()).isZero();
  }

  @Test
  void theLoadIsTheWindowsShareOfThePublishedLimitAndCountsTheVendors429s() {
    HubSpotPacer p = pacer();
    for (int i = 0; i < 55; i++) {
      HubSpotPacer.Slot slot = p.tryAcquire();
      assertThat(slot.granted()).isTrue();
      p.answered(slot);
    }
    assertThat(p.load().allowance()).isEqualTo(110);
    assertThat(p.load().used()).isEqualTo(55);
    assertThat(p.load().share()).isEqualTo(0.5);
    assertThat(p.load().ceiling()).isEqualTo(99);
    assertThat(p.load().rateLimited()).isZero();
    observe(
        p,
        answer(
            429,
            Map.of(),
            "{\"policyName\":\"TEN_SECONDLY_ROLLING\",\"errorType\":\"RATE_LIMIT\"}"));
    assertThat(p.load().rateLimited()).isEqualTo(1);
    assertThat(p.load().lastRateLimitedAt()).isEqualTo(clock.instant());
    clock.advance(Duration.ofSeconds(11));
    assertThat(p.load().used()).as("the window has moved on").isZero();
    HubSpotPacer next = pacer();
    next.restore(p.snapshot());
    assertThat(next.load().rateLimited()).isEqualTo(1);
  }
}

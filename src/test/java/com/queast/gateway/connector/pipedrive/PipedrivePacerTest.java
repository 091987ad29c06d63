package com.queast.gateway.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.connector.PaceDecision;
import com.queast.gateway.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PipedrivePacerTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));

  private PipedrivePacer limiter(int burst) {
    return new PipedrivePacer(burst, new DailyBudget(5, 1, 0.9, clock), clock);
  }

  private static int takeAll(PipedrivePacer l, PipedriveEndpoint e) {
    int n = 0;
    while (l.tryAcquire(e).acquired()) {
      l.release(e);
      n++;
    }
    return n;
  }

  @Test
  void documentedBurstsPerPlanAndAuth() {
    assertThat(PipedrivePacer.documentedBurst(1, false)).isEqualTo(20);
    assertThat(PipedrivePacer.documentedBurst(2, true)).isEqualTo(160);
    assertThat(PipedrivePacer.documentedBurst(5, true)).isEqualTo(400);
    assertThat(PipedrivePacer.documentedBurst(7, false)).isEqualTo(120);
  }

  @Test
  void burstWindowKeepsFivePercentHeadroomAndFreesAfterTheWindow() {
    PipedrivePacer l = limiter(40);
    assertThat(takeAll(l, PipedriveEndpoint.ORG_CREATE)).isEqualTo(38);
    PipedrivePacer.Slot s = l.tryAcquire(PipedriveEndpoint.ORG_CREATE);
    assertThat(s.acquired()).isFalse();
    assertThat(s.delay()).isPositive().isLessThanOrEqualTo(PipedrivePacer.WINDOW);
    clock.advance(PipedrivePacer.WINDOW);
    assertThat(l.tryAcquire(PipedriveEndpoint.ORG_CREATE).acquired()).isTrue();
  }

  @Test
  void searchHasItsOwnWindowBelowTenPerTwoSeconds() {
    PipedrivePacer l = limiter(400);
    assertThat(takeAll(l, PipedriveEndpoint.ORG_SEARCH)).isEqualTo(PipedrivePacer.SEARCH_LIMIT - 1);
    assertThat(l.tryAcquire(PipedriveEndpoint.ORG_CREATE).acquired()).isTrue();
  }

  @Test
  void callsInFlightAreCapped() {
    PipedrivePacer l = limiter(400);
    for (int i = 0; i < PipedrivePacer.MAX_IN_FLIGHT; i++) {
      assertThat(l.tryAcquire(PipedriveEndpoint.ORG_CREATE).acquired()).isTrue();
    }
    assertThat(l.tryAcquire(PipedriveEndpoint.ORG_CREATE).acquired()).isFalse();
    l.release(PipedriveEndpoint.ORG_CREATE);
    assertThat(l.tryAcquire(PipedriveEndpoint.ORG_CREATE).acquired()).isTrue();
  }

  @Test
  void headersLowerTheLimitAndCapTheRemainingSlots() {
    PipedrivePacer l = limiter(400);
    l.tryAcquire(PipedriveEndpoint.ORG_CREATE);
    l.release(PipedriveEndpoint.ORG_CREATE);
    l.onAnswer(PipedriveEndpoint.ORG_CREATE, 201, new RateHeaders(80, 10, 2, null));
    assertThat(l.burstLimit()).isEqualTo(76);
    assertThat(takeAll(l, PipedriveEndpoint.ORG_CREATE)).isEqualTo(10);
  }

  @Test
  void searchHeadersDoNotChangeTheGeneralLimit() {
    PipedrivePacer l = limiter(400);
    l.onAnswer(PipedriveEndpoint.ORG_SEARCH, 200, new RateHeaders(10, 9, 2, null));
    assertThat(l.burstLimit()).isEqualTo(380);
  }

  @Test
  void a429WithoutBudgetEvidencePausesTheLaneWithGrowingBackoff() {
    PipedrivePacer l = limiter(400);
    assertThat(l.on429(PipedriveEndpoint.ORG_CREATE, RateHeaders.NONE))
        .isEqualTo(PipedrivePacer.Verdict.BACKOFF);
    assertThat(l.pausedUntil()).isEqualTo(clock.instant().plusSeconds(2));
    PaceDecision d = l.permits(50);
    assertThat(d.permits()).isZero();
    assertThat(d.reason()).isEqualTo("rate_limited");
    l.on429(PipedriveEndpoint.ORG_CREATE, RateHeaders.NONE);
    assertThat(l.pausedUntil()).isEqualTo(clock.instant().plusSeconds(4));
    l.onAnswer(PipedriveEndpoint.ORG_CREATE, 201, RateHeaders.NONE);
    clock.advance(Duration.ofSeconds(5));
    l.on429(PipedriveEndpoint.ORG_CREATE, RateHeaders.NONE);
    assertThat(l.pausedUntil()).isEqualTo(clock.instant().plusSeconds(2));
  }

  @Test
  void a429ThatSaysWhenTheWindowResetsPausesTheLaneForExactlyThatUntilTheyKeepComing() {
    PipedrivePacer l = limiter(400);
    RateHeaders burstFull = new RateHeaders(400, 0, 1, null);
    assertThat(l.on429(PipedriveEndpoint.ORG_CREATE, burstFull))
        .isEqualTo(PipedrivePacer.Verdict.BACKOFF);
    assertThat(l.pausedUntil()).isEqualTo(clock.instant().plusSeconds(1));
    l.onAnswer(PipedriveEndpoint.ORG_CREATE, 201, RateHeaders.NONE);
    clock.advance(Duration.ofSeconds(1));
    l.on429(PipedriveEndpoint.ORG_CREATE, burstFull);
    assertThat(l.pausedUntil()).isEqualTo(clock.instant().plusSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    l.on429(PipedriveEndpoint.ORG_CREATE, burstFull);
    assertThat(l.pausedUntil()).isEqualTo(clock.instant().plusSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    l.on429(PipedriveEndpoint.ORG_CREATE, new RateHeaders(400, 0, 2, null));
    assertThat(l.pausedUntil()).isEqualTo(clock.instant().plusSeconds(4));
  }

  @Test
  void two429sWhileTheBurstWindowHasRoomMeanTheBudgetIsSpent() {
    PipedrivePacer l = limiter(400);
    RateHeaders roomLeft = new RateHeaders(400, 350, 1, null);
    assertThat(l.on429(PipedriveEndpoint.ORG_CREATE, roomLeft))
        .isEqualTo(PipedrivePacer.Verdict.BACKOFF);
    assertThat(l.on429(PipedriveEndpoint.ORG_CREATE, roomLeft))
        .isEqualTo(PipedrivePacer.Verdict.EXHAUSTED);
    PaceDecision d = l.permits(50);
    assertThat(d.reason()).startsWith(PipedriveConnector.BUDGET_EXHAUSTED);
    assertThat(clock.instant().plus(d.retryIn())).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
    assertThat(l.tryAcquire(PipedriveEndpoint.ORG_CREATE).exhausted()).isTrue();
  }

  @Test
  void persistent429sOverTenSecondsMeanTheBudgetIsSpent() {
    PipedrivePacer l = limiter(400);
    for (int i = 0; i < PipedrivePacer.EXHAUSTED_STREAK - 1; i++) {
      assertThat(l.on429(PipedriveEndpoint.ORG_CREATE, RateHeaders.NONE))
          .isEqualTo(PipedrivePacer.Verdict.BACKOFF);
      clock.advance(Duration.ofSeconds(4));
    }
    assertThat(l.on429(PipedriveEndpoint.ORG_CREATE, RateHeaders.NONE))
        .isEqualTo(PipedrivePacer.Verdict.EXHAUSTED);
  }

  @Test
  void permitsAreBoundedByTheWindowAndTheBudget() {
    PipedrivePacer l = new PipedrivePacer(400, new DailyBudget(1, 1, 1.0 / 750, clock), clock);
    assertThat(l.permits(100).permits()).isEqualTo(40 / PipedrivePacer.TOKENS_PER_JOB);
    PipedrivePacer roomy = limiter(20);
    assertThat(roomy.permits(100).permits()).isEqualTo(19);
  }

  @Test
  void snapshotCarriesWindowBudgetAndPauseToTheNextHolder() {
    PipedrivePacer l = limiter(40);
    takeAll(l, PipedriveEndpoint.ORG_CREATE);
    l.on429(PipedriveEndpoint.ORG_CREATE, RateHeaders.NONE);
    PipedrivePacer next = limiter(40);
    next.restore(l.snapshot());
    assertThat(next.pausedUntil()).isEqualTo(l.pausedUntil());
    assertThat(next.budget().used()).isEqualTo(l.budget().used());
    assertThat(next.tryAcquire(PipedriveEndpoint.ORG_CREATE).acquired()).isFalse();
  }

  @Test
  void theLoadIsTheVendorWindowsShareOfThePublishedBurstAndCountsEvery429() {
    PipedrivePacer l = limiter(40);
    for (int i = 0; i < 18; i++) {
      assertThat(l.tryAcquire(PipedriveEndpoint.ORG_CREATE).acquired()).isTrue();
      l.release(PipedriveEndpoint.ORG_CREATE);
    }
    clock.advance(Duration.ofMillis(2_100)); // out of the vendor's 2 s window
    for (int i = 0; i < 10; i++) {
      assertThat(l.tryAcquire(PipedriveEndpoint.ORG_CREATE).acquired()).isTrue();
      l.release(PipedriveEndpoint.ORG_CREATE);
    }
    var load = l.load();
    assertThat(load.allowance()).isEqualTo(40);
    assertThat(load.window()).isEqualTo(Duration.ofSeconds(2));
    assertThat(load.used()).isEqualTo(10);
    assertThat(load.share()).isEqualTo(0.25);
    assertThat(load.ceiling()).isEqualTo(38);
    l.on429(PipedriveEndpoint.ORG_CREATE, RateHeaders.NONE);
    l.onAnswer(PipedriveEndpoint.ORG_CREATE, 201, new RateHeaders(80, 70, 2, null));
    l.on429(PipedriveEndpoint.ORG_CREATE, RateHeaders.NONE);
    assertThat(l.load().rateLimited()).isEqualTo(2);
    assertThat(l.load().allowance()).as("the headers' limit").isEqualTo(80);
    PipedrivePacer next = limiter(40);
    next.restore(l.snapshot());
    assertThat(next.load().rateLimited()).isEqualTo(2);
    assertThat(next.load().lastRateLimitedAt()).isEqualTo(clock.instant());
    assertThat(next.load().allowance()).isEqualTo(80);
  }
}

package com.queast.gateway.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DailyBudgetTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T22:00:00Z"));

  @Test
  void limitIsBaseTimesPlanTimesSeatsTimesHeadroom() {
    assertThat(new DailyBudget(2, 5, 1.0, clock).limit()).isEqualTo(300_000);
    assertThat(new DailyBudget(5, 1, 0.9, clock).limit()).isEqualTo(135_000);
    assertThat(new DailyBudget(1, 1, 0.5, clock).limit()).isEqualTo(15_000);
  }

  @Test
  void chargesEachCallItsTokenCostAndRefusesWhatDoesNotFit() {
    DailyBudget b = new DailyBudget(1, 1, 1.0 / 3000, clock);
    assertThat(b.limit()).isEqualTo(10);
    assertThat(b.tryCharge(PipedriveEndpoint.ORG_CREATE.cost())).isTrue();
    assertThat(b.tryCharge(PipedriveEndpoint.ORG_CREATE.cost())).isTrue();
    assertThat(b.tryCharge(PipedriveEndpoint.ORG_CREATE.cost())).isFalse();
    assertThat(b.remaining()).isZero();
    b.refund(5);
    assertThat(b.remaining()).isEqualTo(5);
  }

  @Test
  void resetsAtMidnightUtc() {
    DailyBudget b = new DailyBudget(1, 1, 1.0, clock);
    b.tryCharge(20);
    assertThat(b.resetAt()).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
    clock.advance(Duration.ofHours(2));
    assertThat(b.used()).isZero();
    assertThat(b.resetAt()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
  }

  @Test
  void exhaustedByTheVendorMeansNothingUntilTheReset() {
    DailyBudget b = new DailyBudget(1, 1, 1.0, clock);
    b.exhausted();
    assertThat(b.isExhausted()).isTrue();
    assertThat(b.tryCharge(1)).isFalse();
    clock.advance(Duration.ofHours(2));
    assertThat(b.isExhausted()).isFalse();
    assertThat(b.tryCharge(1)).isTrue();
  }

  @Test
  void snapshotOfTheSameDayIsRestoredAndAnOlderOneIgnored() {
    DailyBudget b = new DailyBudget(1, 1, 1.0, clock);
    b.tryCharge(500);
    DailyBudget other = new DailyBudget(1, 1, 1.0, clock);
    other.restore(b.snapshot());
    assertThat(other.used()).isEqualTo(500);
    var old = b.snapshot();
    clock.advance(Duration.ofDays(1));
    DailyBudget tomorrow = new DailyBudget(1, 1, 1.0, clock);
    tomorrow.restore(old);
    assertThat(tomorrow.used()).isZero();
  }
}

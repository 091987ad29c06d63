package com.queast.gateway.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RateLimitModelTest {

  private static final Instant T0 = Instant.parse("2026-03-02T23:59:00Z");

  @Test
  void dailyBudgetIsBaseTimesMultiplierTimesSeatsPlusTopUp() {
    assertThat(Plan.LITE.dailyBudget(1, 0)).isEqualTo(30_000);
    assertThat(Plan.GROWTH.dailyBudget(5, 0)).isEqualTo(300_000);
    assertThat(Plan.PREMIUM.dailyBudget(2, 1_000)).isEqualTo(301_000);
    assertThat(Plan.ULTIMATE.burst(false)).isEqualTo(120);
    assertThat(Plan.ULTIMATE.burst(true)).isEqualTo(480);
    assertThat(Plan.parse("growth")).isEqualTo(Plan.GROWTH);
    assertThat(Plan.parse("5")).isEqualTo(Plan.PREMIUM);
    assertThatThrownBy(() -> Plan.parse("enterprise")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void budgetRefusesWhatDoesNotFitAndResetsAtMidnightOfItsZone() {
    Budget b = new Budget(Plan.LITE, 1, ZoneId.of("UTC"), T0);
    assertThat(b.tryCharge(29_995, T0)).isTrue();
    assertThat(b.tryCharge(10, T0)).isFalse();
    assertThat(b.tryCharge(5, T0)).isTrue();
    assertThat(b.used(T0)).isEqualTo(30_000);
    assertThat(b.tryCharge(1, T0.plusSeconds(60))).isTrue();
    assertThat(b.used(T0.plusSeconds(60))).isEqualTo(1);

    Budget berlin = new Budget(Plan.LITE, 1, ZoneId.of("Europe/Berlin"), T0);
    assertThat(berlin.nextReset(T0)).isEqualTo(Instant.parse("2026-03-03T23:00:00Z"));
  }

  @Test
  void burstWindowRollsAndReportsSecondsUntilReset() {
    BurstWindow w = new BurstWindow(Duration.ofSeconds(2));
    Instant t = Instant.parse("2026-03-02T10:00:00Z");
    for (int i = 0; i < 3; i++) {
      assertThat(w.full(3, t)).isFalse();
      w.record(t);
    }
    assertThat(w.full(3, t.plusMillis(1999))).isTrue();
    assertThat(w.remaining(3, t)).isZero();
    assertThat(w.resetSeconds(t.plusMillis(500))).isEqualTo(2);
    assertThat(w.resetSeconds(t.plusMillis(1500))).isEqualTo(1);
    assertThat(w.full(3, t.plusSeconds(2))).isFalse();
    assertThat(w.remaining(3, t.plusSeconds(2))).isEqualTo(3);
  }

  @Test
  void everyTokenCostComesFromTheTable() {
    assertThat(TokenCosts.of("GET", "/api/v2/organizations")).isEqualTo(10);
    assertThat(TokenCosts.of("GET", "/api/v2/persons/:id")).isEqualTo(1);
    assertThat(TokenCosts.of("POST", "/api/v2/persons")).isEqualTo(5);
    assertThat(TokenCosts.of("DELETE", "/api/v2/persons/:id")).isEqualTo(3);
    assertThat(TokenCosts.of("GET", "/api/v2/persons/search")).isEqualTo(20);
    assertThatThrownBy(() -> TokenCosts.of("GET", "/api/v2/deals"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

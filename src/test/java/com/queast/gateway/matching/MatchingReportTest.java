package com.queast.gateway.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchingReportTest {

  private static MatchingReport.Band band(int index, long confirmed, long rejected) {
    return new MatchingReport.Band(index, confirmed, 0, rejected, 0);
  }

  @Test
  void suggestsTheLowestBandBelowTheThresholdWhereOperatorsConfirmNearlyEverything() {
    // Bands 0.85-0.90 and 0.80-0.85 are confirmed; 0.75-0.80 had corrections.
    JsonObject s =
        MatchingReport.suggest(
            List.of(band(18, 40, 0), band(17, 50, 1), band(16, 30, 0), band(15, 20, 5)), 0.90);
    assertThat(s).isNotNull();
    assertThat(s.getDouble("autoLink")).isEqualTo(0.80);
  }

  @Test
  void suggestsNothingWithoutEnoughDecisionsOrWithCorrectionsJustBelowTheThreshold() {
    assertThat(MatchingReport.suggest(List.of(band(17, 5, 0)), 0.90)).isNull();
    assertThat(MatchingReport.suggest(List.of(band(17, 30, 3), band(16, 100, 0)), 0.90)).isNull();
    assertThat(MatchingReport.suggest(List.of(), 0.90)).isNull();
  }
}

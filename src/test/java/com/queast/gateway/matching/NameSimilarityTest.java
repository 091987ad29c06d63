package com.queast.gateway.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameSimilarityTest {

  private final CompanyNameNormalizer c = new CompanyNameNormalizer();

  private NameScore score(String a, String b) {
    return NameSimilarity.compare(c.normalize(a), c.normalize(b), TokenWeights.UNIFORM);
  }

  @Test
  void equalAfterNormalisationIsComplete() {
    assertThat(score("Microsoft Corporation", "Microsoft Corp.").score()).isEqualTo(1.0);
    assertThat(score("Wal-Mart Inc", "Walmart Inc.").method()).isEqualTo("spacing");
    assertThat(score("Center Lincoln", "Lincoln Centre").method()).isEqualTo("token-order");
  }

  @Test
  void typosStayCompleteButScoreBelowOne() {
    NameScore s = score("Abraham Lincoln Center Donoghue", "Abraham Lincoln Center Donohue");
    assertThat(s.complete()).isTrue();
    assertThat(s.score()).isBetween(0.9, 0.999);
  }

  @Test
  void containmentAndAcronymsArePartialAndCapped() {
    NameScore contained = score("Deloitte", "Deloitte Touche Tohmatsu Limited");
    assertThat(contained.complete()).isFalse();
    assertThat(contained.score()).isLessThanOrEqualTo(NameSimilarity.PARTIAL_CAP);
    assertThat(score("IBM", "International Business Machines").method()).isEqualTo("acronym");
    assertThat(score("Johnson & Johnson", "Johnson").complete()).isFalse();
  }

  @Test
  void competitorsScoreLow() {
    assertThat(score("Samsung Electronics", "LG Electronics").score()).isLessThan(0.6);
    assertThat(score("Coca-Cola Company", "PepsiCo Inc").score()).isLessThan(0.3);
    assertThat(score("Acme", "").method()).isEqualTo("missing");
  }

  @Test
  void aNameThatAlignsOnlyThroughMisspellingsIsNotComplete() {
    NameScore s = score("Hamlin", "Hamline");
    assertThat(s.method()).isEqualTo("fuzzy");
    assertThat(s.complete()).isFalse();
    assertThat(s.score()).isLessThanOrEqualTo(NameSimilarity.PARTIAL_CAP);
  }

  @Test
  void numbersMustBeEqual() {
    assertThat(NameSimilarity.tokenSimilarity("123", "124")).isZero();
    assertThat(NameSimilarity.tokenSimilarity("tech", "technology")).isEqualTo(0.85);
  }
}

package com.queast.gateway.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Conflicting location fields cap an identical name at review; a value missing on one side is
 * neutral.
 */
class ConflictingLocationTest {

  private final Normalizers n = Normalizers.defaults();

  private MatchDecision decide(String qZip, String qAddress, String cZip, String cAddress) {
    CrmIndex index = new CrmIndex(n);
    CrmRecord crm =
        CrmRecord.builder(RecordKind.COMPANY, "1")
            .name("Small Stride Academy")
            .country("US")
            .postcode(cZip)
            .address(cAddress)
            .build();
    index.put(crm);
    QueastCompany q =
        QueastCompany.builder()
            .name("Small Stride Academy")
            .country("US")
            .postcode(qZip)
            .address(qAddress)
            .build();
    return new IdentityMatcher(index, MatchThresholds.DEFAULT, n).decidePair(q, crm);
  }

  @Test
  void differentPostcodesCapAnIdenticalNameAtReview() {
    MatchDecision d = decide("60643", "10317 S. Western", "60628", "10317 S Western Ave");
    assertThat(d.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(d.score()).isLessThanOrEqualTo(Corroboration.MEDIUM_CAP);
    assertThat(d.best().disagreed()).containsExactly("postcode");
    assertThat(d.best().agreed()).contains("name", "address");
  }

  @Test
  void differentHouseNumbersCapAnIdenticalNameAtReview() {
    MatchDecision d = decide("60643", "10317 S. Western", "60643", "10400 S. Western");
    assertThat(d.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(d.score()).isLessThanOrEqualTo(Corroboration.MEDIUM_CAP);
    assertThat(d.best().disagreed()).containsExactly("address");
  }

  @Test
  void postcodeAndHouseNumberBothDifferingStayInReview() {
    MatchDecision d = decide("60643", "10317 S. Western", "60628", "12 W. Madison");
    assertThat(d.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(d.score()).isLessThan(Corroboration.MEDIUM_CAP);
    assertThat(d.best().disagreed()).containsExactlyInAnyOrder("postcode", "address");
  }

  @Test
  void aPostcodeMissingOnOneSideIsNeutralButDoesNotCorroborate() {
    // Not a conflict: nothing disagrees. Not a confirmation either: with no locator agreeing, the
    // equal names go to review unless the tenant lets names alone auto-link.
    MatchDecision d = decide("60643", "10317 S. Western", null, "10317 S. Western");
    assertThat(d.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(d.best().disagreed()).isEmpty();
    assertThat(d.best().detail()).contains("name alone");
    // Both postcodes present and equal: a site-level locator agrees, so it links.
    assertThat(decide("60643", "10317 S. Western", "60643", "10317 S. Western").outcome())
        .isEqualTo(MatchOutcome.AUTO_LINK);
  }
}

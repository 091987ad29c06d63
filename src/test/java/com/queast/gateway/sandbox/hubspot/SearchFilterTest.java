package com.queast.gateway.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchFilterTest {

  @Test
  void containsTokenMatchesWordsAndWildcards() {
    assertThat(SearchFilter.containsToken("ann@hubspot.com", "*@hubspot.com")).isTrue();
    assertThat(SearchFilter.containsToken("ann@example.com", "*@hubspot.com")).isFalse();
    assertThat(SearchFilter.containsToken("Big Blue Widgets", "blue")).isTrue();
    assertThat(SearchFilter.containsToken("Big Blue Widgets", "blu")).isFalse();
    assertThat(SearchFilter.containsToken("Big Blue Widgets", "blu*")).isTrue();
  }

  @Test
  void numbersAndDatesCompareNumerically() {
    PropertyDef number =
        PropertyDef.builtIn("n", "number", "number", "g", false, java.time.Instant.EPOCH);
    assertThat(SearchFilter.compare(number, "10", "9")).isPositive();
    assertThat(SearchFilter.equal(number, "1.0", "1")).isTrue();
    PropertyDef date =
        PropertyDef.builtIn("d", "datetime", "date", "g", false, java.time.Instant.EPOCH);
    assertThat(SearchFilter.compare(date, "2024-01-17T19:55:04.281Z", "1705521304280"))
        .isPositive();
    assertThat(SearchFilter.equal(null, "ABC", "abc")).isTrue();
  }
}

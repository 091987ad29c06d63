package com.queast.gateway.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNormalizerTest {

  private final PhoneNormalizer phones = new PhoneNormalizer();

  @Test
  void nationalNumberIsReadInTheRecordsCountry() {
    assertThat(phones.normalize("(030) 1234-5678", "DE")).contains("+493012345678");
    assertThat(phones.normalize("020 7946 0018", "GB")).contains("+442079460018");
    assertThat(phones.normalize("(312) 555-0142", "US")).contains("+13125550142");
  }

  @Test
  void numberWithItsCountryCodeIgnoresTheRecordsCountry() {
    assertThat(phones.normalize("+49 30 12345678", null)).contains("+493012345678");
    assertThat(phones.normalize("0049 30 12345678", "US")).contains("+493012345678");
    assertThat(phones.normalize("+44 (0)20 7946 0018", "DE")).contains("+442079460018");
  }

  @Test
  void theSameLineWrittenDifferentlyIsOneKey() {
    assertThat(phones.normalize("+1-312-555-0142", null))
        .isEqualTo(phones.normalize("312.555.0142", "US"))
        .isEqualTo(phones.normalize("(312) 555 0142 ext. 12", "US"));
  }

  @Test
  void aNationalNumberWithoutACountryIsNotComparable() {
    assertThat(phones.normalize("030 12345678", null)).isEmpty();
    assertThat(phones.normalize("030 12345678", "Germany")).isEmpty();
  }

  @Test
  void aLocalNumberWithoutItsAreaCodeIsNotComparable() {
    // Seven US digits are another line in each area code (Chicago alone has 312 and 773).
    assertThat(phones.normalize("534-6361", "US")).isEmpty();
    assertThat(phones.normalize("(773) 534-6361", "US")).contains("+17735346361");
  }

  @Test
  void textThatIsNoPossibleNumberIsNotComparable() {
    assertThat(phones.normalize("n/a", "US")).isEmpty();
    assertThat(phones.normalize("123", "US")).isEmpty();
    assertThat(phones.normalize("   ", "US")).isEmpty();
    assertThat(phones.normalize(null, "US")).isEmpty();
    assertThat(phones.normalize("+1 " + "5".repeat(80), null)).isEmpty();
  }
}

package com.queast.gateway.matching;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * Normalises phone numbers to E.164 ({@code +493012345678}) with Google's libphonenumber (ADR
 * 0020), whose metadata ships in its jar. A number written with its country code ({@code +44 20
 * ...}, {@code 0044 20 ...}) is read as such; a national number ({@code (030) 1234-5678}) is read
 * in the record's country. A national number without a country, a number dialable only locally
 * (seven US digits without the area code) and text that is not a possible number of its region are
 * not comparable: the key is empty, never a guess. An extension is dropped: the line it hangs off
 * is what two records can share.
 *
 * <p>Immutable and thread-safe.
 */
public final class PhoneNormalizer {

  /** Text longer than this is not a phone number (libphonenumber's own limit is 250). */
  private static final int MAX_LENGTH = 64;

  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

  /**
   * Normalises one number.
   *
   * @param raw the number as written, may be null
   * @param countryIso the record's country as an ISO alpha-2 code (what {@link
   *     LocationNormalizer#country} returns), may be null
   * @return the E.164 form, or empty when the number cannot be placed in a country or is not a
   *     possible number there
   */
  public Optional<String> normalize(String raw, String countryIso) {
    if (raw == null || raw.isBlank() || raw.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String s = raw.strip();
    if (s.startsWith("00")) {
      s = "+" + s.substring(2);
    }
    boolean international = s.startsWith("+");
    String region = isoCode(countryIso) ? countryIso : null;
    if (!international && region == null) {
      return Optional.empty();
    }
    try {
      PhoneNumber n = util.parse(s, international ? "ZZ" : region);
      // Local-only numbers (a US number without its area code) are possible but not comparable:
      // the same seven digits are another line in the next area code.
      if (util.isPossibleNumberWithReason(n) != PhoneNumberUtil.ValidationResult.IS_POSSIBLE) {
        return Optional.empty();
      }
      return Optional.of(util.format(n, PhoneNumberUtil.PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  private static boolean isoCode(String s) {
    return s != null
        && s.length() == 2
        && Character.isUpperCase(s.charAt(0))
        && Character.isUpperCase(s.charAt(1));
  }
}

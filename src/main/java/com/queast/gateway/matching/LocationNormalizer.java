package com.queast.gateway.matching;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises the location fields used as supporting evidence: country (to ISO 3166-1 alpha-2 from
 * codes, English names and {@code matching/country-aliases.txt}), city, postcode and the house
 * number of a street address.
 */
public final class LocationNormalizer {

  private static final Pattern HOUSE_NUMBER = Pattern.compile("^\\D{0,12}?(\\d{1,6})(?!\\d)");
  private static final Pattern US_ZIP = Pattern.compile("^(\\d{5})(?:\\d{4})?$");

  private final Map<String, String> countries = new HashMap<>();

  /** Builds the country table from the JDK's ISO list and the alias resource. */
  public LocationNormalizer() {
    for (String iso2 : Locale.getISOCountries()) {
      Locale locale = new Locale("", iso2);
      countries.put(iso2.toLowerCase(Locale.ROOT), iso2);
      try {
        countries.put(locale.getISO3Country().toLowerCase(Locale.ROOT), iso2);
      } catch (MissingResourceException e) {
        // a few codes have no alpha-3 in the JDK; the alpha-2 and name still resolve
      }
      countries.put(TextFolding.foldToTokens(locale.getDisplayCountry(Locale.ENGLISH)), iso2);
    }
    for (String line : WordLists.load("country-aliases.txt")) {
      String[] kv = line.split("=", 2);
      countries.put(TextFolding.foldToTokens(kv[0]), kv[1].strip());
    }
  }

  /**
   * Country as an ISO alpha-2 code when recognised, else its folded text.
   *
   * @param country {@code "USA"}, {@code "United States"}, {@code "us"}, {@code "Deutschland"}
   * @return {@code US}, {@code DE}..., or empty when blank
   */
  public Optional<String> country(String country) {
    String key = TextFolding.foldToTokens(country);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(countries.getOrDefault(key, key));
  }

  /**
   * City folded to tokens ({@code "São Paulo"} → {@code "sao paulo"}).
   *
   * @param city raw city
   * @return folded city, or empty when blank
   */
  public Optional<String> city(String city) {
    String key = TextFolding.foldToTokens(city);
    return key.isEmpty() ? Optional.empty() : Optional.of(key);
  }

  /**
   * Postcode upper-cased without spaces or dashes; a US ZIP+4 keeps its first five digits.
   *
   * @param postcode raw postcode
   * @return normalised postcode, or empty when blank
   */
  public Optional<String> postcode(String postcode) {
    if (postcode == null) {
      return Optional.empty();
    }
    String p = TextFolding.NOT_ALNUM.matcher(postcode).replaceAll("").toUpperCase(Locale.ROOT);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    Matcher zip = US_ZIP.matcher(p);
    return Optional.of(zip.matches() ? zip.group(1) : p);
  }

  /**
   * The house number at the start of a street address ({@code "728 W. Roosevelt Rd"} → 728).
   *
   * @param address raw street address
   * @return the number, or empty when the address does not start with one
   */
  public Optional<String> houseNumber(String address) {
    if (address == null) {
      return Optional.empty();
    }
    Matcher m = HOUSE_NUMBER.matcher(address.strip());
    return m.find() ? Optional.of(m.group(1).replaceFirst("^0+(?=\\d)", "")) : Optional.empty();
  }
}

package com.queast.gateway.matching;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises LinkedIn URLs: any scheme or none, {@code www.}, {@code m.} and country subdomains
 * ({@code uk.linkedin.com}), trailing slashes, sub-pages ({@code /about}), query strings and
 * fragments, percent-encoding and case all disappear; company, showcase, school and person pages
 * stay distinct.
 */
public final class LinkedInNormalizer {

  private static final Pattern URL =
      Pattern.compile(
          "^(?:[a-z][a-z0-9+.-]*://)?(?:[a-z0-9-]+\\.)*linkedin\\.com(?::\\d+)?/+"
              + "(company-beta|company|showcase|school|edu/school|in|pub|profile/view)/+([^/?#]*)"
              + "(?:[/?#].*)?$");
  private static final Pattern QUERY_ID = Pattern.compile("[?&]id=([^&#]+)");

  /**
   * Parses a LinkedIn URL.
   *
   * @param input a URL such as {@code https://uk.linkedin.com/company/Acme-Inc/about/?trk=x}
   * @return the page, or empty when the input is not a LinkedIn page URL
   */
  public Optional<LinkedInRef> normalize(String input) {
    if (input == null || input.isBlank()) {
      return Optional.empty();
    }
    String s = input.strip().toLowerCase(Locale.ROOT);
    Matcher m = URL.matcher(s);
    if (!m.matches()) {
      return Optional.empty();
    }
    String section = m.group(1);
    String slug = decode(m.group(2)).strip();
    if (section.equals("profile/view")) {
      Matcher id = QUERY_ID.matcher(s);
      slug = id.find() ? decode(id.group(1)) : "";
    }
    if (slug.isEmpty()) {
      return Optional.empty();
    }
    LinkedInRef.Kind kind =
        switch (section) {
          case "company", "company-beta" -> LinkedInRef.Kind.COMPANY;
          case "showcase" -> LinkedInRef.Kind.SHOWCASE;
          case "school", "edu/school" -> LinkedInRef.Kind.SCHOOL;
          default -> LinkedInRef.Kind.PERSON;
        };
    return Optional.of(new LinkedInRef(kind, slug));
  }

  /**
   * Parses every LinkedIn page in a field that may hold several, separated by whitespace, commas or
   * semicolons: some CRMs keep a company's vanity URL and its numeric-id URL side by side ({@code
   * linkedin.com/company/microsoft linkedin.com/company/1035}), and both name one page.
   *
   * @param input one URL or several, may be null
   * @return the distinct pages in the order written (empty when none parses)
   */
  public java.util.List<LinkedInRef> normalizeAll(String input) {
    if (input == null || input.isBlank()) {
      return java.util.List.of();
    }
    String s = input.strip();
    if (!SEPARATORS.matcher(s).find()) {
      return normalize(s).map(java.util.List::of).orElse(java.util.List.of());
    }
    java.util.List<LinkedInRef> out = new java.util.ArrayList<>(2);
    for (String part : SEPARATORS.split(s)) {
      normalize(part).filter(r -> !out.contains(r)).ifPresent(out::add);
    }
    return java.util.List.copyOf(out);
  }

  private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}

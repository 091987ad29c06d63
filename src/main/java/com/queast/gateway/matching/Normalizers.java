package com.queast.gateway.matching;

/**
 * The normalisers, built once (each loads its word list) and shared: all are immutable and
 * thread-safe after construction.
 *
 * @param companyName company names
 * @param personName person names
 * @param domain domains, URLs and email domains
 * @param linkedin LinkedIn URLs
 * @param email email addresses
 * @param location country, city, postcode, house number
 * @param phone phone numbers (E.164)
 */
public record Normalizers(
    CompanyNameNormalizer companyName,
    PersonNameNormalizer personName,
    DomainNormalizer domain,
    LinkedInNormalizer linkedin,
    EmailNormalizer email,
    LocationNormalizer location,
    PhoneNormalizer phone) {

  private static final Normalizers DEFAULTS =
      new Normalizers(
          new CompanyNameNormalizer(),
          new PersonNameNormalizer(),
          new DomainNormalizer(),
          new LinkedInNormalizer(),
          new EmailNormalizer(true),
          new LocationNormalizer(),
          new PhoneNormalizer());

  /**
   * The shared default instance (word lists from the classpath, plus-addressing folded).
   *
   * @return the defaults
   */
  public static Normalizers defaults() {
    return DEFAULTS;
  }
}

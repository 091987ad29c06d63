package com.queast.gateway.matching;

/**
 * A Queast person about to be written to a connection. Every field may be null.
 *
 * @param queastId Queast's id
 * @param fullName full name
 * @param email email address
 * @param linkedin LinkedIn profile URL ({@code /in/<slug>})
 * @param companyDomain the employer's website or domain
 * @param country country
 * @param city city
 * @param storedCrmId the CRM id of an existing link, if any
 * @param suppliedCrmId a CRM id that Queast itself supplied
 * @param phone phone number, national (read in {@code country}) or with its country code
 * @param companyCrmId the CRM id of the person's company in this connection (the company record the
 *     gateway delivered it to or linked it with), if any
 */
public record QueastPerson(
    String queastId,
    String fullName,
    String email,
    String linkedin,
    String companyDomain,
    String country,
    String city,
    String storedCrmId,
    String suppliedCrmId,
    String phone,
    String companyCrmId) {

  /**
   * A person without phone and company link.
   *
   * @param queastId Queast's id
   * @param fullName full name
   * @param email email address
   * @param linkedin LinkedIn profile URL
   * @param companyDomain the employer's website or domain
   * @param country country
   * @param city city
   * @param storedCrmId the CRM id of an existing link, if any
   * @param suppliedCrmId a CRM id that Queast itself supplied
   */
  public QueastPerson(
      String queastId,
      String fullName,
      String email,
      String linkedin,
      String companyDomain,
      String country,
      String city,
      String storedCrmId,
      String suppliedCrmId) {
    this(
        queastId,
        fullName,
        email,
        linkedin,
        companyDomain,
        country,
        city,
        storedCrmId,
        suppliedCrmId,
        null,
        null);
  }
}

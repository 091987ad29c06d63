package com.queast.gateway.matching;

/**
 * A record of either side reduced to normalised, comparable fields. Nullable fields are absent.
 *
 * @param kind company or person
 * @param crmId CRM id (CRM side only)
 * @param queastId Queast id (Queast side), or the CRM's {@code queast_id} property (CRM side)
 * @param name normalised name (never null, may be empty)
 * @param domain registrable company domain, null when absent or shared
 * @param host host without {@code www.}, null when absent
 * @param linkedin normalised LinkedIn page
 * @param email normalised email (people)
 * @param country ISO alpha-2 or folded text
 * @param city folded city
 * @param postcode normalised postcode
 * @param houseNumber house number from the street address
 * @param storedCrmId stored link (Queast side)
 * @param suppliedCrmId CRM id supplied by Queast (Queast side)
 */
public record Profile(
    RecordKind kind,
    String crmId,
    String queastId,
    NormalizedName name,
    String domain,
    String host,
    LinkedInRef linkedin,
    String email,
    String country,
    String city,
    String postcode,
    String houseNumber,
    String storedCrmId,
    String suppliedCrmId) {

  /**
   * Normalises a Queast company.
   *
   * @param c the company
   * @param n normalisers
   * @return its profile
   */
  public static Profile of(QueastCompany c, Normalizers n) {
    return new Profile(
        RecordKind.COMPANY,
        null,
        blankToNull(c.queastId()),
        n.companyName().normalize(c.name()),
        n.domain().companyDomain(c.domain()).orElse(null),
        n.domain().host(c.domain()).orElse(null),
        n.linkedin().normalize(c.linkedin()).orElse(null),
        null,
        n.location().country(c.country()).orElse(null),
        n.location().city(c.city()).orElse(null),
        n.location().postcode(c.postcode()).orElse(null),
        n.location().houseNumber(c.address()).orElse(null),
        blankToNull(c.storedCrmId()),
        blankToNull(c.suppliedCrmId()));
  }

  /**
   * Normalises a Queast person; the employer domain falls back to the email's domain.
   *
   * @param p the person
   * @param n normalisers
   * @return its profile
   */
  public static Profile of(QueastPerson p, Normalizers n) {
    String email = n.email().normalize(p.email()).orElse(null);
    String domainSource = p.companyDomain() != null ? p.companyDomain() : email;
    return new Profile(
        RecordKind.PERSON,
        null,
        blankToNull(p.queastId()),
        n.personName().normalize(p.fullName()),
        n.domain().companyDomain(domainSource).orElse(null),
        n.domain().host(domainSource).orElse(null),
        n.linkedin().normalize(p.linkedin()).orElse(null),
        email,
        n.location().country(p.country()).orElse(null),
        n.location().city(p.city()).orElse(null),
        null,
        null,
        blankToNull(p.storedCrmId()),
        blankToNull(p.suppliedCrmId()));
  }

  /**
   * Normalises a CRM record.
   *
   * @param r the record
   * @param n normalisers
   * @return its profile
   */
  public static Profile of(CrmRecord r, Normalizers n) {
    boolean person = r.kind() == RecordKind.PERSON;
    String email = n.email().normalize(r.email()).orElse(null);
    String domainSource = r.domain() != null || !person ? r.domain() : email;
    return new Profile(
        r.kind(),
        r.crmId(),
        blankToNull(r.queastId()),
        person ? n.personName().normalize(r.name()) : n.companyName().normalize(r.name()),
        n.domain().companyDomain(domainSource).orElse(null),
        n.domain().host(domainSource).orElse(null),
        n.linkedin().normalize(r.linkedin()).orElse(null),
        email,
        n.location().country(r.country()).orElse(null),
        n.location().city(r.city()).orElse(null),
        n.location().postcode(r.postcode()).orElse(null),
        n.location().houseNumber(r.address()).orElse(null),
        null,
        null);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}

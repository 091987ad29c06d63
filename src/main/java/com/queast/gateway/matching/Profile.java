package com.queast.gateway.matching;

import java.util.List;

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
 * @param linkedinPages every LinkedIn page the record names ({@code linkedin} first): a CRM may
 *     hold a page's vanity URL and its numeric-id URL side by side
 * @param phone phone number in E.164, null when absent or not placeable in a country
 * @param companyCrmId a person's company in the CRM (CRM side: its association; Queast side: the
 *     CRM record our company is linked to)
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
    String suppliedCrmId,
    List<LinkedInRef> linkedinPages,
    String phone,
    String companyCrmId) {

  /** Keeps {@code linkedinPages} consistent with {@code linkedin}. */
  public Profile {
    if (linkedinPages == null || linkedinPages.isEmpty()) {
      linkedinPages = linkedin == null ? List.of() : List.of(linkedin);
    }
  }

  /**
   * A copy under another name (a learned alias).
   *
   * @param other the name
   * @return the copy
   */
  Profile withName(NormalizedName other) {
    return new Profile(
        kind,
        crmId,
        queastId,
        other,
        domain,
        host,
        linkedin,
        email,
        country,
        city,
        postcode,
        houseNumber,
        storedCrmId,
        suppliedCrmId,
        linkedinPages,
        phone,
        companyCrmId);
  }

  /**
   * A copy with another registrable domain and no host (a learned domain alias).
   *
   * @param other the domain
   * @return the copy
   */
  Profile withDomain(String other) {
    return new Profile(
        kind,
        crmId,
        queastId,
        name,
        other,
        null,
        linkedin,
        email,
        country,
        city,
        postcode,
        houseNumber,
        storedCrmId,
        suppliedCrmId,
        linkedinPages,
        phone,
        companyCrmId);
  }

  /**
   * Normalises a Queast company.
   *
   * @param c the company
   * @param n normalisers
   * @return its profile
   */
  public static Profile of(QueastCompany c, Normalizers n) {
    List<LinkedInRef> pages = n.linkedin().normalizeAll(c.linkedin());
    String country = n.location().country(c.country()).orElse(null);
    return new Profile(
        RecordKind.COMPANY,
        null,
        blankToNull(c.queastId()),
        n.companyName().normalize(c.name()),
        n.domain().companyDomain(c.domain()).orElse(null),
        n.domain().host(c.domain()).orElse(null),
        first(pages),
        null,
        country,
        n.location().city(c.city()).orElse(null),
        n.location().postcode(c.postcode()).orElse(null),
        n.location().houseNumber(c.address()).orElse(null),
        blankToNull(c.storedCrmId()),
        blankToNull(c.suppliedCrmId()),
        pages,
        n.phone().normalize(c.phone(), country).orElse(null),
        null);
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
    List<LinkedInRef> pages = n.linkedin().normalizeAll(p.linkedin());
    String country = n.location().country(p.country()).orElse(null);
    return new Profile(
        RecordKind.PERSON,
        null,
        blankToNull(p.queastId()),
        n.personName().normalize(p.fullName()),
        n.domain().companyDomain(domainSource).orElse(null),
        n.domain().host(domainSource).orElse(null),
        first(pages),
        email,
        country,
        n.location().city(p.city()).orElse(null),
        null,
        null,
        blankToNull(p.storedCrmId()),
        blankToNull(p.suppliedCrmId()),
        pages,
        n.phone().normalize(p.phone(), country).orElse(null),
        blankToNull(p.companyCrmId()));
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
    List<LinkedInRef> pages = n.linkedin().normalizeAll(r.linkedin());
    String country = n.location().country(r.country()).orElse(null);
    return new Profile(
        r.kind(),
        r.crmId(),
        blankToNull(r.queastId()),
        person ? n.personName().normalize(r.name()) : n.companyName().normalize(r.name()),
        n.domain().companyDomain(domainSource).orElse(null),
        n.domain().host(domainSource).orElse(null),
        first(pages),
        email,
        country,
        n.location().city(r.city()).orElse(null),
        n.location().postcode(r.postcode()).orElse(null),
        n.location().houseNumber(r.address()).orElse(null),
        null,
        null,
        pages,
        n.phone().normalize(r.phone(), country).orElse(null),
        person ? blankToNull(r.companyCrmId()) : null);
  }

  private static LinkedInRef first(List<LinkedInRef> pages) {
    return pages.isEmpty() ? null : pages.get(0);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}

package com.queast.gateway.matching;

import java.util.Objects;

/**
 * A company or person as it exists in the customer's CRM, as the index holds it. Every field but
 * {@code kind} and {@code crmId} may be null.
 *
 * @param kind company or person
 * @param crmId the CRM's id (HubSpot object id, Pipedrive id)
 * @param queastId the value of the CRM's {@code queast_id} property, if we wrote it before
 * @param name company name, or a person's full name
 * @param domain company website/domain (for a person: the employer's)
 * @param linkedin LinkedIn URL
 * @param email a person's email
 * @param country country
 * @param city city
 * @param postcode postal code
 * @param address street address
 */
public record CrmRecord(
    RecordKind kind,
    String crmId,
    String queastId,
    String name,
    String domain,
    String linkedin,
    String email,
    String country,
    String city,
    String postcode,
    String address) {

  /** Requires kind and CRM id. */
  public CrmRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(crmId, "crmId");
  }

  /**
   * A company with the fields most CRMs fill.
   *
   * @param crmId CRM id
   * @param name name
   * @param domain website or domain
   * @param linkedin LinkedIn URL
   * @param country country
   * @return the record
   */
  public static CrmRecord company(
      String crmId, String name, String domain, String linkedin, String country) {
    return new CrmRecord(
        RecordKind.COMPANY, crmId, null, name, domain, linkedin, null, country, null, null, null);
  }

  /**
   * A person with the fields most CRMs fill.
   *
   * @param crmId CRM id
   * @param fullName full name
   * @param email email
   * @param linkedin LinkedIn profile URL
   * @return the record
   */
  public static CrmRecord person(String crmId, String fullName, String email, String linkedin) {
    return new CrmRecord(
        RecordKind.PERSON, crmId, null, fullName, null, linkedin, email, null, null, null, null);
  }

  /**
   * A copy carrying a {@code queast_id}.
   *
   * @param id the Queast id
   * @return the copy
   */
  public CrmRecord withQueastId(String id) {
    return new CrmRecord(
        kind, crmId, id, name, domain, linkedin, email, country, city, postcode, address);
  }
}

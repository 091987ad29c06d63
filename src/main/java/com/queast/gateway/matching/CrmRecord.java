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
 * @param phone phone number as the CRM holds it (a company's main line, a person's first number)
 * @param companyCrmId a person's company in the same CRM (HubSpot's primary associated company,
 *     Pipedrive's {@code org_id}); null for companies
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
    String address,
    String phone,
    String companyCrmId) {

  /** Requires kind and CRM id. */
  public CrmRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(crmId, "crmId");
  }

  /**
   * A record without phone and CRM company.
   *
   * @param kind company or person
   * @param crmId the CRM's id
   * @param queastId the CRM's {@code queast_id} property
   * @param name name
   * @param domain website or domain
   * @param linkedin LinkedIn URL
   * @param email email
   * @param country country
   * @param city city
   * @param postcode postal code
   * @param address street address
   */
  public CrmRecord(
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
    this(
        kind, crmId, queastId, name, domain, linkedin, email, country, city, postcode, address,
        null, null);
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
        kind,
        crmId,
        id,
        name,
        domain,
        linkedin,
        email,
        country,
        city,
        postcode,
        address,
        phone,
        companyCrmId);
  }

  /**
   * A builder, for connectors mapping a CRM object field by field.
   *
   * @param kind company or person
   * @param crmId the CRM's id
   * @return a builder with every optional field null
   */
  public static Builder builder(RecordKind kind, String crmId) {
    return new Builder(kind, crmId);
  }

  /** Builds a {@link CrmRecord} field by field. */
  public static final class Builder {
    private final RecordKind kind;
    private final String crmId;
    private String queastId;
    private String name;
    private String domain;
    private String linkedin;
    private String email;
    private String country;
    private String city;
    private String postcode;
    private String address;
    private String phone;
    private String companyCrmId;

    private Builder(RecordKind kind, String crmId) {
      this.kind = kind;
      this.crmId = crmId;
    }

    /**
     * Sets {@code queastId}.
     *
     * @param v value, may be null
     * @return this
     */
    public Builder queastId(String v) {
      queastId = v;
      return this;
    }

    /**
     * Sets {@code name}.
     *
     * @param v value, may be null
     * @return this
     */
    public Builder name(String v) {
      name = v;
      return this;
    }

    /**
     * Sets {@code domain}.
     *
     * @param v value, may be null
     * @return this
     */
    public Builder domain(String v) {
      domain = v;
      return this;
    }

    /**
     * Sets {@code linkedin}.
     *
     * @param v value, may be null
     * @return this
     */
    public Builder linkedin(String v) {
      linkedin = v;
      return this;
    }

    /**
     * Sets {@code email}.
     *
     * @param v value, may be null
     * @return this
     */
    public Builder email(String v) {
      email = v;
      return this;
    }

    /**
     * Sets {@code country}.
     *
     * @param v value, may be null
     * @return this
     */
    public Builder country(String v) {
      country = v;
      return this;
    }

    /**
     * Sets {@code city}.
     *
     * @param v value, may be null
     * @return this
     */
    public Builder city(String v) {
      city = v;
      return this;
    }

    /**
     * Sets {@code postcode}.
     *
     * @param v value, may be null
     * @return this
     */
    public Builder postcode(String v) {
      postcode = v;
      return this;
    }

    /**
     * Sets {@code address}.
     *
     * @param v value, may be null
     * @return this
     */
    public Builder address(String v) {
      address = v;
      return this;
    }

    /**
     * Sets {@code phone}.
     *
     * @param v value, may be null
     * @return this
     */
    public Builder phone(String v) {
      phone = v;
      return this;
    }

    /**
     * Sets {@code companyCrmId}: a person's company in the same CRM.
     *
     * @param v value, may be null
     * @return this
     */
    public Builder companyCrmId(String v) {
      companyCrmId = v;
      return this;
    }

    /**
     * Builds the record.
     *
     * @return the record
     */
    public CrmRecord build() {
      return new CrmRecord(
          kind,
          crmId,
          queastId,
          name,
          domain,
          linkedin,
          email,
          country,
          city,
          postcode,
          address,
          phone,
          companyCrmId);
    }
  }
}

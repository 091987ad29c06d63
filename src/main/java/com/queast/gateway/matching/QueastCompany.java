package com.queast.gateway.matching;

/**
 * A Queast company about to be written to a connection: what the matcher knows about it. Every
 * field may be null.
 *
 * @param queastId Queast's id (the CRM's {@code queast_id} property holds it once written)
 * @param name company name
 * @param domain website, URL or domain
 * @param linkedin LinkedIn company page URL
 * @param country country name or ISO code
 * @param city city
 * @param postcode postal code
 * @param address street address
 * @param storedCrmId the CRM id of an existing link for this record and connection, if any
 * @param suppliedCrmId a CRM id that Queast itself supplied (e.g. the user pasted it)
 * @param phone the company's phone number, national (read in {@code country}) or with its country
 *     code
 */
public record QueastCompany(
    String queastId,
    String name,
    String domain,
    String linkedin,
    String country,
    String city,
    String postcode,
    String address,
    String storedCrmId,
    String suppliedCrmId,
    String phone) {

  /**
   * A builder, for call sites that know only some fields.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link QueastCompany} field by field. */
  public static final class Builder {
    private String queastId;
    private String name;
    private String domain;
    private String linkedin;
    private String country;
    private String city;
    private String postcode;
    private String address;
    private String storedCrmId;
    private String suppliedCrmId;
    private String phone;

    /**
     * Sets the Queast id.
     *
     * @param v value
     * @return this
     */
    public Builder queastId(String v) {
      queastId = v;
      return this;
    }

    /**
     * Sets the name.
     *
     * @param v value
     * @return this
     */
    public Builder name(String v) {
      name = v;
      return this;
    }

    /**
     * Sets the domain, URL or website.
     *
     * @param v value
     * @return this
     */
    public Builder domain(String v) {
      domain = v;
      return this;
    }

    /**
     * Sets the LinkedIn URL.
     *
     * @param v value
     * @return this
     */
    public Builder linkedin(String v) {
      linkedin = v;
      return this;
    }

    /**
     * Sets the country.
     *
     * @param v value
     * @return this
     */
    public Builder country(String v) {
      country = v;
      return this;
    }

    /**
     * Sets the city.
     *
     * @param v value
     * @return this
     */
    public Builder city(String v) {
      city = v;
      return this;
    }

    /**
     * Sets the postcode.
     *
     * @param v value
     * @return this
     */
    public Builder postcode(String v) {
      postcode = v;
      return this;
    }

    /**
     * Sets the street address.
     *
     * @param v value
     * @return this
     */
    public Builder address(String v) {
      address = v;
      return this;
    }

    /**
     * Sets the CRM id of the stored link.
     *
     * @param v value
     * @return this
     */
    public Builder storedCrmId(String v) {
      storedCrmId = v;
      return this;
    }

    /**
     * Sets the CRM id supplied by Queast.
     *
     * @param v value
     * @return this
     */
    public Builder suppliedCrmId(String v) {
      suppliedCrmId = v;
      return this;
    }

    /**
     * Sets the phone number.
     *
     * @param v value
     * @return this
     */
    public Builder phone(String v) {
      phone = v;
      return this;
    }

    /**
     * Builds the company.
     *
     * @return the record
     */
    public QueastCompany build() {
      return new QueastCompany(
          queastId,
          name,
          domain,
          linkedin,
          country,
          city,
          postcode,
          address,
          storedCrmId,
          suppliedCrmId,
          phone);
    }
  }
}

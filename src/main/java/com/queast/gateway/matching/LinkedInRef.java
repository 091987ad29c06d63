package com.queast.gateway.matching;

/**
 * A normalised LinkedIn page: what kind of page it is and its slug (or numeric id).
 *
 * @param kind company, showcase, school or person page
 * @param slug lower-case slug, percent-decoded, without slashes
 */
public record LinkedInRef(Kind kind, String slug) {

  /** The kinds of LinkedIn page that can identify a record. */
  public enum Kind {
    /** {@code /company/<slug>}. */
    COMPANY,
    /** {@code /showcase/<slug>}: a product page of a company, not the company itself. */
    SHOWCASE,
    /** {@code /school/<slug>}. */
    SCHOOL,
    /** {@code /in/<slug>} or the old {@code /pub/...}: a person. */
    PERSON
  }

  /**
   * Canonical key, e.g. {@code company/acme}, used for index lookups.
   *
   * @return kind and slug
   */
  public String key() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + slug;
  }

  /**
   * Whether this page can stand for an organisation (company or school).
   *
   * @return true for company and school pages
   */
  public boolean isOrganisation() {
    return kind == Kind.COMPANY || kind == Kind.SCHOOL;
  }
}

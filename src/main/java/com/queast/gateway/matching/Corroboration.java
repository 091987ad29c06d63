package com.queast.gateway.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * The supporting fields of a candidate compared with the subject's: which agree, which disagree
 * (present on both sides and different), and what that does to a strategy's base score.
 *
 * <p>Penalties keep precision high: two different registrable domains both present are always a
 * conflict, medium when they share a brand label ({@code acme.com}/{@code acme.de}) or one label
 * contains the other ({@code acme}/{@code acmecorp}), strong otherwise. A strong conflict
 * (different country, unrelated company domains, different LinkedIn pages) multiplies the score by
 * {@value #STRONG_FACTOR} and caps it at {@value #STRONG_CAP}; a medium conflict (postcode, house
 * number) by {@value #MEDIUM_FACTOR} with a cap of {@value #MEDIUM_CAP}; a different city by
 * {@value #WEAK_FACTOR}. Both caps sit below any auto-link threshold worth using, so a conflicting
 * candidate is at best reviewed. Agreement on location only helps fuzzy-name candidates climb
 * towards the review band; it cannot turn a partial name into an auto-link.
 *
 * <p>Some fields only ever agree: an equal phone number ({@code phone}) and, for people, the same
 * CRM company ({@code crm_company}) lift a score like an equal postcode, but different values are
 * no conflict (companies have many numbers; people change employers and CRMs keep the old one).
 */
public final class Corroboration {

  static final double STRONG_FACTOR = 0.85;
  static final double STRONG_CAP = 0.80;
  static final double MEDIUM_FACTOR = 0.92;
  static final double MEDIUM_CAP = 0.85;
  static final double WEAK_FACTOR = 0.95;

  private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

  private final List<String> agreed = new ArrayList<>();
  private final List<String> disagreed = new ArrayList<>();
  private final List<String> strong = new ArrayList<>();
  private final List<String> medium = new ArrayList<>();
  private final List<String> weak = new ArrayList<>();
  private double support;

  private Corroboration() {}

  /**
   * Compares every supporting field except the ones a strategy already used.
   *
   * @param q the Queast side
   * @param c the CRM candidate
   * @param skip field names not to compare ({@code domain}, {@code linkedin}, ...)
   * @return the comparison
   */
  public static Corroboration compare(Profile q, Profile c, List<String> skip) {
    Corroboration r = new Corroboration();
    if (!skip.contains("domain")) {
      r.domain(q, c);
    }
    if (!skip.contains("linkedin")) {
      r.linkedin(q.linkedinPages(), c.linkedinPages());
    }
    if (!skip.contains("phone")) {
      r.agreeOnly("phone", q.phone(), c.phone(), 0.35);
    }
    r.agreeOnly("crm_company", q.companyCrmId(), c.companyCrmId(), 0.35);
    r.country(q.country(), c.country());
    r.city(q.city(), c.city());
    r.optional("postcode", q.postcode(), c.postcode(), r.medium, 0.35);
    r.optional("address", q.houseNumber(), c.houseNumber(), r.medium, 0.35);
    return r;
  }

  /**
   * Any page of one equal to a page of the other agrees; otherwise they conflict only when some
   * pair is comparable. A record may name a page both by its vanity slug and by its numeric id.
   */
  private void linkedin(List<LinkedInRef> a, List<LinkedInRef> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return;
    }
    boolean comparable = false;
    for (LinkedInRef x : a) {
      for (LinkedInRef y : b) {
        if (x.equals(y)) {
          field("linkedin", true, strong, 0.0);
          return;
        }
        comparable |= comparable(x, y);
      }
    }
    if (comparable) {
      field("linkedin", false, strong, 0.0);
    }
  }

  /** Equal values agree; different ones are not a conflict. */
  private void agreeOnly(String name, String a, String b, double boost) {
    if (a != null && a.equals(b)) {
      agreed.add(name);
      support += boost;
    }
  }

  /** Same kind, and not a numeric id against a slug (the same page can be addressed both ways). */
  private static boolean comparable(LinkedInRef a, LinkedInRef b) {
    return a.kind() == b.kind() && (a.equals(b) || isNumeric(a.slug()) == isNumeric(b.slug()));
  }

  private static boolean isNumeric(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  private void domain(Profile q, Profile c) {
    if (q.domain() == null || c.domain() == null) {
      return;
    }
    if (q.domain().equals(c.domain())) {
      agreed.add("domain");
      support += 0.5;
      return;
    }
    String a = DomainNormalizer.label(q.domain());
    String b = DomainNormalizer.label(c.domain());
    disagreed.add("domain");
    if (a.equals(b)) {
      agreed.add("domain_label");
      medium.add("domain");
    } else if (a.length() >= 4 && b.length() >= 4 && (a.contains(b) || b.contains(a))) {
      agreed.add("domain_similar");
      medium.add("domain");
    } else {
      strong.add("domain");
    }
  }

  /** Two recognised ISO codes can disagree; unrecognised free text only ever agrees. */
  private void country(String a, String b) {
    if (a == null || b == null) {
      return;
    }
    if (a.equals(b) || (isIsoCode(a) && isIsoCode(b))) {
      field("country", a.equals(b), strong, 0.05);
    }
  }

  private static boolean isIsoCode(String s) {
    return s.length() == 2
        && Character.isUpperCase(s.charAt(0))
        && Character.isUpperCase(s.charAt(1));
  }

  private void city(String a, String b) {
    if (a == null || b == null) {
      return;
    }
    boolean same = a.equals(b) || JARO_WINKLER.apply(a, b) >= 0.93;
    field("city", same, weak, 0.1);
  }

  private void optional(String name, String a, String b, List<String> severity, double boost) {
    if (a != null && b != null) {
      field(name, Objects.equals(a, b), severity, boost);
    }
  }

  private void field(String name, boolean same, List<String> severity, double boost) {
    if (same) {
      agreed.add(name);
      support += boost;
    } else {
      disagreed.add(name);
      severity.add(name);
    }
  }

  /**
   * Applies the conflict penalties to a base score.
   *
   * @param base the strategy's score before corroboration
   * @return the penalised score
   */
  public double penalise(double base) {
    double s = base;
    for (int i = 0; i < strong.size(); i++) {
      s = Math.min(s * STRONG_FACTOR, STRONG_CAP);
    }
    for (int i = 0; i < medium.size(); i++) {
      s = Math.min(s * MEDIUM_FACTOR, MEDIUM_CAP);
    }
    for (int i = 0; i < weak.size(); i++) {
      s *= WEAK_FACTOR;
    }
    return s;
  }

  /**
   * Raises a score towards 1 by the agreeing fields' support, never past {@code cap}, then applies
   * the penalties.
   *
   * @param base the score before corroboration
   * @param cap the most support may lift it to
   * @return the corroborated score
   */
  public double supportAndPenalise(double base, double cap) {
    double lifted = base + (1.0 - base) * Math.min(support, 0.9);
    return penalise(Math.max(base, Math.min(lifted, cap)));
  }

  /**
   * Fields that agreed.
   *
   * @return field names
   */
  public List<String> agreed() {
    return List.copyOf(agreed);
  }

  /**
   * Fields present on both sides that disagreed.
   *
   * @return field names
   */
  public List<String> disagreed() {
    return List.copyOf(disagreed);
  }

  /**
   * Whether a strong conflict (country, domain, LinkedIn) was found.
   *
   * @return true if any
   */
  public boolean hasStrongConflict() {
    return !strong.isEmpty();
  }
}

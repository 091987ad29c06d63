package com.queast.gateway.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Strategies on a shared key: registrable company domain, LinkedIn page, a person's email, and a
 * phone number (weaker: see {@link #PHONE_AND_NAME}). The key agreeing gives a base score that the
 * name then modulates (a key shared by two records whose names have nothing in common is more
 * likely a data error than an identity), and conflicting supporting fields penalise it through
 * {@link Corroboration}.
 */
public final class KeyStrategy implements MatchStrategy {

  /** Name comparisons that, with a shared key, still point to the same organisation. */
  private static final java.util.Set<String> CLOSE_NAME_METHODS =
      java.util.Set.of("containment", "acronym", "fuzzy", NameSimilarity.CROSS_SCRIPT);

  /** Key equal and names agree completely, or a name is missing. */
  static final double KEY_AND_NAME = 0.99;

  /**
   * Key equal, one name wholly inside the other, an acronym of it ({@code IBM}) or a misspelling.
   */
  static final double KEY_CONTAINED_NAME = 0.92;

  /** Key equal, names only partly agree (≥ 0.5): a parent and a subsidiary look like this. */
  static final double KEY_PARTIAL_NAME = 0.85;

  /** Key equal, names disagree: worth a look, not a link. */
  static final double KEY_NAME_CONFLICT = 0.80;

  /** Domain equal but the hosts differ ({@code cloud.acme.com} vs {@code acme.com}). */
  static final double SUBDOMAIN_PENALTY = 0.06;

  /**
   * Phone equal and names agree completely. A phone is weaker than a domain on its own (shared
   * switchboards, serviced offices, a group's head-office line on every subsidiary), so only a
   * complete name agreement makes it an auto-link, and below a domain's {@link #KEY_AND_NAME}.
   */
  static final double PHONE_AND_NAME = 0.95;

  /** Phone equal, one name contained in the other, an acronym or a misspelling: review. */
  static final double PHONE_CONTAINED_NAME = 0.85;

  /** Phone equal, names partly agree or a name is missing: review. */
  static final double PHONE_PARTIAL_NAME = 0.75;

  /** Phone equal, names disagree (a shared switchboard, or a rebrand): low review. */
  static final double PHONE_NAME_CONFLICT = 0.60;

  /** Key equal but it is a shared role mailbox ({@code info@}): never proof. */
  static final double ROLE_MAILBOX = 0.80;

  private final Kind kind;
  private final Normalizers normalizers;

  /** Which key. */
  public enum Kind {
    /** Registrable company domain (companies). */
    DOMAIN,
    /** Normalised LinkedIn page (companies: company/school/showcase pages; people: /in/). */
    LINKEDIN,
    /** Normalised email (people). */
    EMAIL,
    /** Phone number in E.164 (companies and people). */
    PHONE
  }

  /**
   * Creates the strategy.
   *
   * @param kind which key
   * @param normalizers used for role-mailbox detection
   */
  public KeyStrategy(Kind kind, Normalizers normalizers) {
    this.kind = kind;
    this.normalizers = normalizers;
  }

  @Override
  public String name() {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public List<IndexedRecord> candidates(Profile subject, CrmIndex index) {
    return switch (kind) {
      case DOMAIN ->
          subject.kind() == RecordKind.COMPANY
              ? index.byDomain(RecordKind.COMPANY, subject.domain())
              : List.of();
      case LINKEDIN -> index.byLinkedIn(subject.kind(), subject.linkedinPages());
      case EMAIL ->
          subject.kind() == RecordKind.PERSON ? index.byEmail(subject.email()) : List.of();
      case PHONE -> index.byPhone(subject.kind(), subject.phone());
    };
  }

  @Override
  public Optional<Evidence> evaluate(Profile subject, Profile candidate, TokenWeights weights) {
    String a = sharedKey(subject, candidate);
    if (a == null || subject.kind() != candidate.kind()) {
      return Optional.empty();
    }
    String field = name();
    Corroboration corr = Corroboration.compare(subject, candidate, List.of(field));
    NameScore ns = NameSimilarity.compare(subject.name(), candidate.name(), weights);
    List<String> agreed = new ArrayList<>();
    List<String> disagreed = new ArrayList<>(corr.disagreed());
    agreed.add(field);
    double base;
    if (kind == Kind.PHONE) {
      base = weakKeyBase(ns, agreed, disagreed);
    } else if (ns == NameScore.MISSING || ns.complete()) {
      base = KEY_AND_NAME;
      if (ns != NameScore.MISSING) {
        agreed.add("name");
      }
    } else if (CLOSE_NAME_METHODS.contains(ns.method())) {
      base = KEY_CONTAINED_NAME;
      agreed.add("name_partial");
    } else if (ns.score() >= 0.5) {
      base = KEY_PARTIAL_NAME;
      agreed.add("name_partial");
    } else {
      base = KEY_NAME_CONFLICT;
      disagreed.add("name");
    }
    String detail = field + " " + a + " equal; name " + ns.method() + " " + fmt(ns.score());
    if (kind == Kind.DOMAIN && hostsDiffer(subject, candidate)) {
      base -= SUBDOMAIN_PENALTY;
      detail += "; subdomains differ (" + subject.host() + " vs " + candidate.host() + ")";
    }
    if (kind == Kind.EMAIL && normalizers.email().isRoleMailbox(a)) {
      base = Math.min(base, ROLE_MAILBOX);
      detail += "; shared role mailbox";
    }
    agreed.addAll(corr.agreed());
    return Optional.of(
        new Evidence(field, candidate.crmId(), corr.penalise(base), agreed, disagreed, detail));
  }

  /**
   * The base score of a key weaker than a domain (phone, the email domain of a company's people):
   * names must agree more to count.
   *
   * @param ns the names' comparison
   * @param agreed where agreeing name fields go
   * @param disagreed where a disagreeing name goes
   * @return the base score
   */
  static double weakKeyBase(NameScore ns, List<String> agreed, List<String> disagreed) {
    if (ns != NameScore.MISSING && ns.complete()) {
      agreed.add("name");
      return PHONE_AND_NAME;
    }
    if (ns != NameScore.MISSING && CLOSE_NAME_METHODS.contains(ns.method())) {
      agreed.add("name_partial");
      return PHONE_CONTAINED_NAME;
    }
    if (ns == NameScore.MISSING || ns.score() >= 0.5) {
      if (ns != NameScore.MISSING) {
        agreed.add("name_partial");
      }
      return PHONE_PARTIAL_NAME;
    }
    disagreed.add("name");
    return PHONE_NAME_CONFLICT;
  }

  /**
   * The key both records share, or null: for LinkedIn any page of one equal to a page of the other.
   */
  private String sharedKey(Profile s, Profile c) {
    if (kind == Kind.LINKEDIN) {
      for (LinkedInRef page : s.linkedinPages()) {
        if (c.linkedinPages().contains(page)) {
          return page.key();
        }
      }
      return null;
    }
    String a = key(s);
    return a != null && a.equals(key(c)) ? a : null;
  }

  private String key(Profile p) {
    return switch (kind) {
      case DOMAIN -> p.kind() == RecordKind.COMPANY ? p.domain() : null;
      case LINKEDIN -> p.linkedin() == null ? null : p.linkedin().key();
      case EMAIL -> p.kind() == RecordKind.PERSON ? p.email() : null;
      case PHONE -> p.phone();
    };
  }

  /** {@code cloud.acme.com} vs {@code acme.com}: often a division, not the same company. */
  private static boolean hostsDiffer(Profile a, Profile b) {
    return a.host() != null && b.host() != null && !a.host().equals(b.host());
  }

  /** Three decimals without {@code String.format}, which is slow on the matching hot path. */
  static String fmt(double d) {
    long thousandths = Math.round(d * 1000);
    String frac = Long.toString(1000 + thousandths % 1000).substring(1);
    return thousandths / 1000 + "." + frac;
  }
}

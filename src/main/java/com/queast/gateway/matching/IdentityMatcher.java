package com.queast.gateway.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Finds the CRM record a Queast record already is. Strategies run in order (stored link, {@code
 * queast_id}, supplied CRM id, domain, LinkedIn, email, phone, the email domain of a CRM company's
 * people, fuzzy name); the first whose best candidate reaches the auto-link threshold decides,
 * unless another candidate of the same strategy is within {@value #AMBIGUITY_MARGIN} of it (two CRM
 * records both look right: a human decides). Otherwise the best evidence of all strategies goes to
 * review if it reaches the floor, and the record is created if not.
 *
 * <p>Pure and synchronous: no I/O; safe to call from many threads while the index is updated.
 */
public final class IdentityMatcher {

  /** Two auto-link-grade candidates closer than this are ambiguous. */
  public static final double AMBIGUITY_MARGIN = 0.05;

  private static final int MAX_EVIDENCE = 10;

  private final CrmIndex index;
  private final MatchThresholds thresholds;
  private final Normalizers normalizers;
  private final List<MatchStrategy> strategies;
  private final LearnedRules rules;

  /**
   * Creates a matcher with the default strategy order.
   *
   * @param index the connection's CRM index
   * @param thresholds the tenant's thresholds
   * @param normalizers normalisers (use the index's)
   */
  public IdentityMatcher(CrmIndex index, MatchThresholds thresholds, Normalizers normalizers) {
    this(index, thresholds, normalizers, LearnedRules.EMPTY);
  }

  /**
   * Creates a matcher with the default strategy order and the tenant's learned rules: aliases match
   * through {@link LearnedStrategy} (after the identifiers), rejected pairs are never proposed by
   * any strategy but an identifier.
   *
   * @param index the connection's CRM index
   * @param thresholds the tenant's thresholds
   * @param normalizers normalisers (use the index's)
   * @param rules the tenant's rules
   */
  public IdentityMatcher(
      CrmIndex index, MatchThresholds thresholds, Normalizers normalizers, LearnedRules rules) {
    this(
        index,
        thresholds,
        normalizers,
        withRules(defaultStrategies(normalizers), rules, normalizers),
        rules);
  }

  private static List<MatchStrategy> withRules(
      List<MatchStrategy> strategies, LearnedRules rules, Normalizers n) {
    if (rules.isEmpty()) {
      return strategies;
    }
    List<MatchStrategy> out = new ArrayList<>();
    for (MatchStrategy s : strategies) {
      if (!(s instanceof IdentifierStrategy)
          && out.stream().noneMatch(LearnedStrategy.class::isInstance)) {
        out.add(new LearnedStrategy(rules, n));
      }
      out.add(s);
    }
    return out;
  }

  /**
   * Creates a matcher with explicit strategies.
   *
   * @param index the connection's CRM index
   * @param thresholds the tenant's thresholds
   * @param normalizers normalisers
   * @param strategies strategies in the order they are tried
   */
  public IdentityMatcher(
      CrmIndex index,
      MatchThresholds thresholds,
      Normalizers normalizers,
      List<MatchStrategy> strategies) {
    this(index, thresholds, normalizers, strategies, LearnedRules.EMPTY);
  }

  private IdentityMatcher(
      CrmIndex index,
      MatchThresholds thresholds,
      Normalizers normalizers,
      List<MatchStrategy> strategies,
      LearnedRules rules) {
    this.rules = Objects.requireNonNull(rules);
    this.index = Objects.requireNonNull(index);
    this.thresholds = Objects.requireNonNull(thresholds);
    this.normalizers = Objects.requireNonNull(normalizers);
    this.strategies = List.copyOf(strategies);
  }

  /**
   * The default order: stored link, {@code queast_id}, supplied CRM id, domain, LinkedIn, email,
   * phone, the email domain of a CRM company's people, name.
   *
   * @param n normalisers
   * @return the strategies
   */
  public static List<MatchStrategy> defaultStrategies(Normalizers n) {
    return List.of(
        IdentifierStrategy.storedLink(),
        IdentifierStrategy.queastId(),
        IdentifierStrategy.suppliedCrmId(),
        new KeyStrategy(KeyStrategy.Kind.DOMAIN, n),
        new KeyStrategy(KeyStrategy.Kind.LINKEDIN, n),
        new KeyStrategy(KeyStrategy.Kind.EMAIL, n),
        new KeyStrategy(KeyStrategy.Kind.PHONE, n),
        new StaffDomainStrategy(),
        new NameStrategy());
  }

  /**
   * Matches a company against the index.
   *
   * @param company the Queast company
   * @return the decision with its evidence
   */
  public MatchDecision match(QueastCompany company) {
    return match(Profile.of(company, normalizers));
  }

  /**
   * Matches a person against the index.
   *
   * @param person the Queast person
   * @return the decision with its evidence
   */
  public MatchDecision match(QueastPerson person) {
    return match(Profile.of(person, normalizers));
  }

  /**
   * Scores one given pair with every strategy, ignoring the rest of the index except for token
   * weights: what {@code match-eval} measures.
   *
   * @param company the Queast side
   * @param candidate the CRM side
   * @return the decision for this pair alone
   */
  public MatchDecision decidePair(QueastCompany company, CrmRecord candidate) {
    Profile subject = Profile.of(company, normalizers);
    Profile other = Profile.of(candidate, normalizers);
    TokenWeights weights = index.weights(subject.kind());
    List<Evidence> all = new ArrayList<>();
    for (MatchStrategy s : strategies) {
      if (rejected(s, subject, other)) {
        continue;
      }
      s.evaluate(subject, other, weights).map(this::policy).ifPresent(all::add);
    }
    return decideFromEvidence(all, null);
  }

  /**
   * Matches a normalised profile.
   *
   * @param subject the Queast side
   * @return the decision
   */
  public MatchDecision match(Profile subject) {
    TokenWeights weights = index.weights(subject.kind());
    List<Evidence> all = new ArrayList<>();
    for (MatchStrategy s : strategies) {
      List<Evidence> found = new ArrayList<>();
      for (IndexedRecord c : s.candidates(subject, index)) {
        if (ownedByAnother(subject, c) || rejected(s, subject, c.profile())) {
          continue;
        }
        s.evaluate(subject, c, index, weights).map(this::policy).ifPresent(found::add);
      }
      all.addAll(found);
      found.sort(BY_SCORE);
      if (!found.isEmpty() && found.get(0).score() >= thresholds.autoLink()) {
        Evidence top = found.get(0);
        long rivals =
            found.stream()
                .filter(e -> !e.crmId().equals(top.crmId()))
                .filter(e -> e.score() >= thresholds.autoLink())
                .filter(e -> e.score() > top.score() - AMBIGUITY_MARGIN)
                .count();
        if (rivals == 0) {
          return decideFromEvidence(all, top);
        }
        return new MatchDecision(
            MatchOutcome.NEEDS_REVIEW,
            top.crmId(),
            top.score(),
            top.strategy(),
            "ambiguous: " + (rivals + 1) + " candidates by " + top.strategy(),
            ordered(all, top));
      }
    }
    return decideFromEvidence(all, null);
  }

  /** An operator rejected this pair of names: no strategy but an identifier proposes it again. */
  private boolean rejected(MatchStrategy s, Profile subject, Profile candidate) {
    return !rules.isEmpty()
        && !(s instanceof IdentifierStrategy)
        && rules.rejection(subject, candidate) != null;
  }

  /**
   * Fields that corroborate a name match independently of the name: an equal phone number counts (a
   * shared switchboard with a completely equal name is still the same company), and so does a
   * person's CRM company.
   */
  static final List<String> LOCATORS =
      List.of("postcode", "domain", "linkedin", "phone", "crm_company");

  /**
   * The name policy: unless the tenant allows names alone to auto-link, a name match with no
   * agreeing locator (postcode, domain, LinkedIn page, phone, a person's CRM company) is held at
   * {@link NameSimilarity#PARTIAL_CAP}, the review level. Equal names are weak evidence on their
   * own: businesses share names ("Summit Consulting"), and a missing field cannot tell them apart.
   */
  private Evidence policy(Evidence e) {
    if (thresholds.nameAutoLink()
        || !"name".equals(e.strategy())
        || e.score() <= NameSimilarity.PARTIAL_CAP
        || e.agreed().stream().anyMatch(LOCATORS::contains)) {
      return e;
    }
    return new Evidence(
        e.strategy(),
        e.crmId(),
        NameSimilarity.PARTIAL_CAP,
        e.agreed(),
        e.disagreed(),
        e.detail() + "; name alone: review (no postcode, domain, LinkedIn or phone agrees)");
  }

  /**
   * A CRM record that already carries another Queast record's {@code queast_id} is that record's
   * twin: it cannot also be the CRM record of this one, however alike their names are (a CRM that
   * holds "Company 28" written for Queast id c28 does not make "Company 281" a review item).
   */
  private static boolean ownedByAnother(Profile subject, IndexedRecord c) {
    String theirs = c.profile().queastId();
    return theirs != null && subject.queastId() != null && !theirs.equals(subject.queastId());
  }

  private MatchDecision decideFromEvidence(List<Evidence> all, Evidence forced) {
    List<Evidence> sorted = ordered(all, forced);
    if (sorted.isEmpty()) {
      return new MatchDecision(MatchOutcome.CREATE, null, 0.0, null, "no candidate", List.of());
    }
    Evidence best = sorted.get(0);
    MatchOutcome outcome = thresholds.classify(best.score());
    String reason =
        switch (outcome) {
          case AUTO_LINK -> "auto-link by " + best.strategy();
          case NEEDS_REVIEW -> "review: best is " + best.strategy() + " below auto-link";
          case CREATE -> "create: best candidate below review floor";
        };
    String crmId = outcome == MatchOutcome.CREATE ? null : best.crmId();
    return new MatchDecision(outcome, crmId, best.score(), best.strategy(), reason, sorted);
  }

  private static List<Evidence> ordered(List<Evidence> all, Evidence first) {
    List<Evidence> sorted = new ArrayList<>(all);
    sorted.sort(BY_SCORE);
    if (first != null) {
      sorted.remove(first);
      sorted.add(0, first);
    }
    return sorted.size() > MAX_EVIDENCE ? List.copyOf(sorted.subList(0, MAX_EVIDENCE)) : sorted;
  }

  private static final Comparator<Evidence> BY_SCORE =
      Comparator.comparingDouble(Evidence::score).reversed();
}

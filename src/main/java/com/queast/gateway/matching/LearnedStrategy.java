package com.queast.gateway.matching;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches through the tenant's aliases (learned from operators' decisions or loaded as lists): a
 * company whose name (or domain) is an alias of a CRM record's name (or domain) is compared as if
 * it carried the alias, by the same name and domain rules, so a conflicting country, postcode or
 * domain still caps the score. An alias counts as a complete name agreement an operator vouched
 * for, so it can auto-link on its own, at most at {@value #ALIAS_SCORE}; two CRM records behind one
 * alias are ambiguous and go to review as usual. Evidence names the rule ({@code agreed} holds
 * {@code learned_alias}, {@code detail} starts with the rule's id and source).
 */
public final class LearnedStrategy implements MatchStrategy {

  /** The most an alias scores: auto-link, below an identifier. */
  static final double ALIAS_SCORE = 0.95;

  private final LearnedRules rules;
  private final NameStrategy names = new NameStrategy();
  private final KeyStrategy domains;

  /**
   * A strategy over the given rules.
   *
   * @param rules the tenant's rules
   * @param n normalisers
   */
  public LearnedStrategy(LearnedRules rules, Normalizers n) {
    this.rules = rules;
    this.domains = new KeyStrategy(KeyStrategy.Kind.DOMAIN, n);
  }

  @Override
  public String name() {
    return "learned";
  }

  @Override
  public List<IndexedRecord> candidates(Profile subject, CrmIndex index) {
    if (subject.kind() != RecordKind.COMPANY || rules.isEmpty()) {
      return List.of();
    }
    Map<String, IndexedRecord> out = new LinkedHashMap<>();
    for (LearnedRules.Alias a : rules.nameAliases(subject.name())) {
      for (IndexedRecord c :
          index.nameCandidates(subject.withName(a.name()), NameStrategy.CANDIDATES)) {
        if (c.profile().name().key().equals(a.name().key())) {
          out.putIfAbsent(c.profile().crmId(), c);
        }
      }
    }
    for (LearnedRules.Alias a : rules.domainAliases(subject.domain())) {
      for (IndexedRecord c : index.byDomain(RecordKind.COMPANY, a.domain())) {
        out.putIfAbsent(c.profile().crmId(), c);
      }
    }
    return List.copyOf(out.values());
  }

  @Override
  public Optional<Evidence> evaluate(Profile subject, Profile candidate, TokenWeights weights) {
    if (subject.kind() != RecordKind.COMPANY
        || candidate.kind() != RecordKind.COMPANY
        || rules.isEmpty()) {
      return Optional.empty();
    }
    Evidence best = null;
    for (LearnedRules.Alias a : rules.nameAliases(subject.name())) {
      if (!candidate.name().isEmpty() && candidate.name().key().equals(a.name().key())) {
        Optional<Evidence> e = names.evaluate(subject.withName(a.name()), candidate, weights);
        if (e.isPresent()) {
          best = better(best, learned(e.get(), a));
        }
      }
    }
    for (LearnedRules.Alias a : rules.domainAliases(subject.domain())) {
      if (a.domain().equals(candidate.domain())) {
        Optional<Evidence> e = domains.evaluate(subject.withDomain(a.domain()), candidate, weights);
        if (e.isPresent()) {
          best = better(best, learned(e.get(), a));
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private Evidence learned(Evidence e, LearnedRules.Alias a) {
    List<String> agreed = new ArrayList<>();
    agreed.add("learned_alias");
    agreed.addAll(e.agreed());
    return new Evidence(
        name(),
        e.crmId(),
        Math.min(ALIAS_SCORE, e.score()),
        agreed,
        e.disagreed(),
        a.why() + "; " + e.detail());
  }

  private static Evidence better(Evidence a, Evidence b) {
    return a == null || b.score() > a.score() ? b : a;
  }
}

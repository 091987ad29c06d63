package com.queast.gateway.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's rules, normalised once and indexed for the matcher: name aliases and domain aliases by
 * either side, rejected pairs by their two names. Immutable and thread-safe. Rules whose values do
 * not normalise to anything comparable (an empty name, a shared or invalid domain) are ignored.
 */
public final class LearnedRules {

  /** No rules. */
  public static final LearnedRules EMPTY = new LearnedRules(Map.of(), Map.of(), Map.of(), 0);

  /**
   * One side of an alias as the matcher uses it.
   *
   * @param name the other name (for a name alias), else null
   * @param domain the other domain (for a domain alias), else null
   * @param rule the rule
   * @param why how evidence names the rule
   */
  public record Alias(NormalizedName name, String domain, LearnedRule rule, String why) {}

  private final Map<String, List<Alias>> names;
  private final Map<String, List<Alias>> domains;
  private final Map<String, String> rejected;
  private final int size;

  private LearnedRules(
      Map<String, List<Alias>> names,
      Map<String, List<Alias>> domains,
      Map<String, String> rejected,
      int size) {
    this.names = names;
    this.domains = domains;
    this.rejected = rejected;
    this.size = size;
  }

  /**
   * Normalises and indexes rules.
   *
   * @param rules rules as stored
   * @param n normalisers (the matcher's)
   * @return the index
   */
  public static LearnedRules of(List<LearnedRule> rules, Normalizers n) {
    if (rules.isEmpty()) {
      return EMPTY;
    }
    Map<String, List<Alias>> names = new HashMap<>();
    Map<String, List<Alias>> domains = new HashMap<>();
    Map<String, String> rejected = new HashMap<>();
    int size = 0;
    for (LearnedRule r : rules) {
      switch (r.kind()) {
        case LearnedRule.NAME_ALIAS -> {
          NormalizedName a = n.companyName().normalize(r.left());
          NormalizedName b = n.companyName().normalize(r.right());
          if (a.isEmpty() || b.isEmpty() || a.key().equals(b.key())) {
            continue;
          }
          String why = r.describe(a.key(), b.key());
          names.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(new Alias(b, null, r, why));
          names.computeIfAbsent(b.key(), k -> new ArrayList<>()).add(new Alias(a, null, r, why));
          size++;
        }
        case LearnedRule.DOMAIN_ALIAS -> {
          String a = n.domain().companyDomain(r.left()).orElse(null);
          String b = n.domain().companyDomain(r.right()).orElse(null);
          if (a == null || b == null || a.equals(b)) {
            continue;
          }
          String why = r.describe(a, b);
          domains.computeIfAbsent(a, k -> new ArrayList<>()).add(new Alias(null, b, r, why));
          domains.computeIfAbsent(b, k -> new ArrayList<>()).add(new Alias(null, a, r, why));
          size++;
        }
        case LearnedRule.REJECTED_PAIR -> {
          String a = n.companyName().normalize(r.left()).key();
          String b = n.companyName().normalize(r.right()).key();
          if (a.isEmpty() || b.isEmpty() || a.equals(b)) {
            continue;
          }
          rejected.put(pair(a, b), r.describe(a, b));
          size++;
        }
        default -> {
          // A kind this version does not know: ignored, never guessed.
        }
      }
    }
    return new LearnedRules(Map.copyOf(names), Map.copyOf(domains), Map.copyOf(rejected), size);
  }

  /**
   * The symmetric key of two normalised names.
   *
   * @param a one name key
   * @param b the other
   * @return the pair key
   */
  static String pair(String a, String b) {
    return a.compareTo(b) <= 0 ? a + "\u0000" + b : b + "\u0000" + a;
  }

  /**
   * Names the given name is an alias of.
   *
   * @param name a normalised name
   * @return aliases, possibly none
   */
  public List<Alias> nameAliases(NormalizedName name) {
    return name.isEmpty() ? List.of() : names.getOrDefault(name.key(), List.of());
  }

  /**
   * Domains the given registrable domain is an alias of.
   *
   * @param domain a registrable company domain, may be null
   * @return aliases, possibly none
   */
  public List<Alias> domainAliases(String domain) {
    return domain == null ? List.of() : domains.getOrDefault(domain, List.of());
  }

  /**
   * The rejection that forbids proposing one record for the other, if any.
   *
   * @param a one side
   * @param b the other
   * @return how evidence names the rejection, or null when none applies
   */
  public String rejection(Profile a, Profile b) {
    if (rejected.isEmpty() || a.name().isEmpty() || b.name().isEmpty()) {
      return null;
    }
    return rejected.get(pair(a.name().key(), b.name().key()));
  }

  /**
   * Whether there are no rules.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * Rules in effect.
   *
   * @return count of usable rules
   */
  public int size() {
    return size;
  }
}

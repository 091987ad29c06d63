package com.queast.gateway.matching;

/**
 * One rule the matcher applies on top of its strategies: a learned or loaded alias (two names, or
 * two domains, of one company) or a rejected pair of names (never propose one for the other).
 * Values are as written; {@link LearnedRules} normalises them.
 *
 * @param id database id (0 while not stored)
 * @param kind {@link #NAME_ALIAS}, {@link #DOMAIN_ALIAS} or {@link #REJECTED_PAIR}
 * @param left one value (the Queast side's, for a learned rule)
 * @param right the other value (the CRM side's)
 * @param source {@code confirm}, {@code relink}, {@code reject} (an operator's decision) or {@code
 *     list} (an alias list)
 * @param operatorWide true for an operator-wide alias list (every tenant)
 */
public record LearnedRule(
    long id, String kind, String left, String right, String source, boolean operatorWide) {

  /** Two names of one company (a rebrand, a former name, an abbreviation). */
  public static final String NAME_ALIAS = "name_alias";

  /** Two domains of one company. */
  public static final String DOMAIN_ALIAS = "domain_alias";

  /** Two names an operator said are different companies. */
  public static final String REJECTED_PAIR = "rejected_pair";

  /**
   * A copy with its database id.
   *
   * @param newId the id
   * @return the rule with the id
   */
  public LearnedRule withId(long newId) {
    return new LearnedRule(newId, kind, left, right, source, operatorWide);
  }

  /**
   * How evidence names the rule: {@code rule 12 (confirm): 'bcg' = 'boston consulting group'}.
   *
   * @param leftKey the left value as compared
   * @param rightKey the right value as compared
   * @return one line
   */
  String describe(String leftKey, String rightKey) {
    String sep = REJECTED_PAIR.equals(kind) ? " != " : " = ";
    return "rule "
        + id
        + " ("
        + (operatorWide ? "operator " : "")
        + source
        + "): '"
        + leftKey
        + "'"
        + sep
        + "'"
        + rightKey
        + "'";
  }
}

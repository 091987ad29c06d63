package com.queast.gateway.matching;

import java.util.ArrayList;
import java.util.List;

/**
 * What one operator decision teaches, the same for the gateway and for {@code match-eval}'s replay.
 * A confirmation (or a relink) of two companies whose names differ teaches a name alias, of two
 * different company domains a domain alias; a rejection of two differently named companies teaches
 * a rejected pair, and a relink rejects the pair first proposed. Equal names teach nothing: the
 * name rule ("a name alone reviews") exists because equal names are weak evidence, and one decision
 * on one pair does not change that. People teach nothing (names of people are not aliases).
 */
public final class RuleLearner {

  private RuleLearner() {}

  /**
   * One side of a decided pair, as written.
   *
   * @param name company name, may be null
   * @param domain domain, website or email, may be null
   */
  public record Side(String name, String domain) {}

  /**
   * The rules one decision teaches.
   *
   * @param source {@code confirm}, {@code relink} or {@code reject}
   * @param queast the Queast record
   * @param crm the CRM record it was linked to (confirm, relink) or rejected from (reject)
   * @param proposed for a relink, the CRM record first proposed; else null
   * @param n normalisers
   * @return rules with id 0, keys in sorted order, possibly none
   */
  public static List<LearnedRule> learn(
      String source, Side queast, Side crm, Side proposed, Normalizers n) {
    List<LearnedRule> out = new ArrayList<>();
    if (queast == null || crm == null) {
      return out;
    }
    String q = nameKey(queast.name(), n);
    String c = nameKey(crm.name(), n);
    boolean names = !q.isEmpty() && !c.isEmpty() && !q.equals(c);
    if ("reject".equals(source)) {
      if (names) {
        out.add(
            new LearnedRule(
                0, LearnedRule.REJECTED_PAIR, queast.name(), crm.name(), source, false));
      }
      return out;
    }
    if (names) {
      out.add(new LearnedRule(0, LearnedRule.NAME_ALIAS, queast.name(), crm.name(), source, false));
    }
    String qd = domainKey(queast.domain(), n);
    String cd = domainKey(crm.domain(), n);
    if (qd != null && cd != null && !qd.equals(cd)) {
      out.add(
          new LearnedRule(
              0, LearnedRule.DOMAIN_ALIAS, queast.domain(), crm.domain(), source, false));
    }
    if ("relink".equals(source) && proposed != null) {
      String p = nameKey(proposed.name(), n);
      if (!p.isEmpty() && !q.isEmpty() && !p.equals(q) && !p.equals(c)) {
        out.add(
            new LearnedRule(
                0, LearnedRule.REJECTED_PAIR, queast.name(), proposed.name(), source, false));
      }
    }
    return out;
  }

  /**
   * The normalised key a rule value is compared by.
   *
   * @param kind the rule's kind
   * @param value the value as written
   * @param n normalisers
   * @return the key, or null when the value has nothing comparable
   */
  public static String key(String kind, String value, Normalizers n) {
    if (LearnedRule.DOMAIN_ALIAS.equals(kind)) {
      return domainKey(value, n);
    }
    String k = nameKey(value, n);
    return k.isEmpty() ? null : k;
  }

  private static String nameKey(String name, Normalizers n) {
    return name == null ? "" : n.companyName().normalize(name).key();
  }

  private static String domainKey(String domain, Normalizers n) {
    return domain == null ? null : n.domain().companyDomain(domain).orElse(null);
  }
}

package com.queast.gateway.matching;

import java.util.List;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Compares two normalised names with token-level and character-level measures combined.
 *
 * <p>Equal token sequences, equal token sets (word order) and equal letters (spacing, {@code
 * Wal-Mart} vs {@code Walmart}) score near 1. Otherwise tokens are aligned softly (exact, a
 * truncation such as {@code techn}/{@code technology}, or Jaro–Winkler ≥ 0.9 for typos) and a
 * weighted Dice coefficient over both sides is taken, so that rare tokens dominate. A name that
 * aligns completely but mostly through misspellings is not complete. A name whose tokens all appear
 * inside the other but not vice versa is only partial evidence (a parent and its site or subsidiary
 * look like that) and is capped at {@link #PARTIAL_CAP}, below any sensible auto-link threshold.
 * Acronyms ({@code IBM} vs {@code International Business Machines}) score {@link #ACRONYM_SCORE}:
 * worth a review, never a link.
 */
public final class NameSimilarity {

  /** Highest score a partial name agreement can reach. */
  public static final double PARTIAL_CAP = 0.85;

  /**
   * Share of the token weight that must match exactly for a misspelt name to count as complete:
   * {@code Hamlin} vs {@code Hamline} may be a typo or two different names.
   */
  public static final double MIN_EXACT_SHARE = 0.6;

  /** Score of an acronym match. */
  public static final double ACRONYM_SCORE = 0.70;

  private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
  private static final LevenshteinDistance LEVENSHTEIN = new LevenshteinDistance(40);

  private NameSimilarity() {}

  /**
   * Scores two names.
   *
   * @param a one name
   * @param b the other
   * @param weights token weights (from the index, or uniform)
   * @return the score, whether the match is complete, and the rule used
   */
  public static NameScore compare(NormalizedName a, NormalizedName b, TokenWeights weights) {
    if (a.isEmpty() || b.isEmpty()) {
      return NameScore.MISSING;
    }
    if (a.key().equals(b.key())) {
      return new NameScore(1.0, true, "exact");
    }
    if (a.sortedKey().equals(b.sortedKey())) {
      return new NameScore(0.98, true, "token-order");
    }
    if (a.compact().equals(b.compact())) {
      return new NameScore(0.97, true, "spacing");
    }
    double[] coverA = cover(a.tokens(), b.tokens(), weights);
    double[] coverB = cover(b.tokens(), a.tokens(), weights);
    double dice = (coverA[0] + coverB[0]) / (coverA[1] + coverB[1]);
    double fracA = coverA[0] / coverA[1];
    double fracB = coverB[0] / coverB[1];
    boolean sameLength = a.tokens().size() == b.tokens().size();
    if (coverA[2] == 1.0 && coverB[2] == 1.0 && sameLength) {
      double exact = (coverA[3] + coverB[3]) / (coverA[1] + coverB[1]);
      if (exact < MIN_EXACT_SHARE) {
        return new NameScore(Math.min(dice, PARTIAL_CAP), false, "fuzzy");
      }
      return new NameScore(dice, true, "tokens");
    }
    NameScore acronym = acronym(a, b);
    double charRatio = charRatio(a.compact(), b.compact(), dice);
    double score;
    String method;
    if (Math.max(fracA, fracB) >= 0.95 || compactPrefix(a.compact(), b.compact())) {
      score = 0.50 + 0.40 * Math.max(dice, charRatio);
      method = "containment";
    } else {
      score = Math.max(dice, charRatio - 0.15);
      method = "partial";
    }
    score = Math.min(score, PARTIAL_CAP);
    if (acronym != null && acronym.score() > score) {
      return acronym;
    }
    return new NameScore(score, false, method);
  }

  /**
   * Weighted soft coverage of {@code from}'s tokens by {@code to}'s.
   *
   * @return {matched weight, total weight, 1 if every token matched else 0, exact weight}
   */
  private static double[] cover(List<String> from, List<String> to, TokenWeights weights) {
    double matched = 0;
    double total = 0;
    double exact = 0;
    boolean all = true;
    for (String t : from) {
      double w = weights.weight(t);
      double best = 0;
      for (String u : to) {
        best = Math.max(best, tokenSimilarity(t, u));
        if (best == 1.0) {
          break;
        }
      }
      all &= best > 0;
      matched += w * best;
      total += w;
      exact += best == 1.0 ? w : 0.0;
    }
    return new double[] {matched, total, all ? 1.0 : 0.0, exact};
  }

  /**
   * Similarity of two tokens: 1 if equal; 0.85 for a truncation of at least 4 letters; the
   * Jaro–Winkler similarity for typos in words of 5+ letters (same first letter, lengths within 2)
   * when it is at least 0.9; else 0. Tokens with digits must be equal.
   *
   * @param t one token
   * @param u the other
   * @return 0..1
   */
  static double tokenSimilarity(String t, String u) {
    if (t.equals(u)) {
      return 1.0;
    }
    if (hasDigit(t) || hasDigit(u)) {
      return 0.0;
    }
    String shorter = t.length() <= u.length() ? t : u;
    String longer = shorter == t ? u : t;
    if (shorter.length() >= 4 && longer.startsWith(shorter)) {
      return 0.85;
    }
    if (shorter.length() >= 5
        && longer.length() - shorter.length() <= 2
        && t.charAt(0) == u.charAt(0)) {
      double jw = JARO_WINKLER.apply(t, u);
      if (jw >= 0.9) {
        return jw;
      }
    }
    return 0.0;
  }

  private static NameScore acronym(NormalizedName a, NormalizedName b) {
    NormalizedName single = a.tokens().size() == 1 ? a : b;
    NormalizedName multi = single == a ? b : a;
    String s = single.tokens().size() == 1 ? single.tokens().get(0) : "";
    if (s.length() >= 2 && s.length() <= 6 && s.equals(multi.acronym())) {
      return new NameScore(ACRONYM_SCORE, false, "acronym");
    }
    return null;
  }

  /** {@code walmart} is a prefix of {@code walmartstore} ({@code Wal-Mart Stores}). */
  private static boolean compactPrefix(String a, String b) {
    String shorter = a.length() <= b.length() ? a : b;
    String longer = shorter == a ? b : a;
    return shorter.length() >= 5 && longer.startsWith(shorter);
  }

  /** Levenshtein ratio, skipped (0) when even its upper bound could not beat {@code dice}. */
  private static double charRatio(String a, String b, double dice) {
    int max = Math.max(a.length(), b.length());
    if (max == 0) {
      return 0.0;
    }
    double upperBound = 1.0 - (double) Math.abs(a.length() - b.length()) / max;
    if (upperBound <= dice) {
      return 0.0;
    }
    int d = LEVENSHTEIN.apply(a, b);
    return d < 0 ? 0.0 : 1.0 - (double) d / max;
  }

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}

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
 * worth a review, never a link. Names in different scripts are compared through their Latin forms
 * ({@link #crossScript}) and score at most {@link #CROSS_SCRIPT_CAP}, also review-level.
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

  /** Highest score of a comparison across scripts: review-level on its own. */
  public static final double CROSS_SCRIPT_CAP = 0.80;

  /** Method name of a comparison across scripts. */
  public static final String CROSS_SCRIPT = "cross-script";

  private static final LevenshteinDistance SKELETON_DISTANCE = new LevenshteinDistance(2);

  /**
   * Weakest token alignment a name wholly contained in the other across scripts must have: a
   * skeleton of two or three consonants ({@code soni}/{@code sony}) is too common to place a short
   * name inside a long one, though it may confirm two names that align completely.
   */
  private static final double STRONG_ALIGNMENT = 0.85;

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
    NameScore same = sameScript(a, b, weights);
    if (same.complete() || (a.latin() == null && b.latin() == null)) {
      return same;
    }
    NameScore cross = crossScript(a.latinOrSelf(), b.latinOrSelf(), weights);
    return cross.score() > same.score() ? cross : same;
  }

  /**
   * Compares the Latin forms of two names of which at least one was written in another script
   * ({@code samseong electronics} vs {@code samsung electronics}). Transliteration is lossy and
   * romanisations differ ({@code samseong}/{@code samsung}, {@code soni}/{@code sony}), so tokens
   * also align on a consonant skeleton ({@link #romanTokenSimilarity}) and the result is at most
   * {@link #CROSS_SCRIPT_CAP}: review-level evidence that needs a shared domain or LinkedIn page to
   * become a link. Every token aligned on both sides scores near the cap; one side wholly and
   * strongly aligned (a short name inside a long one, every token at {@value #STRONG_ALIGNMENT} or
   * more) scores {@code 0.55 + 0.25·dice}; anything else {@code 0.75 · dice}, which stays below
   * review unless most of both names align.
   *
   * @param a Latin form of one name
   * @param b Latin form of the other
   * @param weights token weights
   * @return a score that is never complete, method {@code cross-script}
   */
  static NameScore crossScript(NormalizedName a, NormalizedName b, TokenWeights weights) {
    if (a.sortedKey().equals(b.sortedKey()) || a.compact().equals(b.compact())) {
      return new NameScore(CROSS_SCRIPT_CAP, false, CROSS_SCRIPT);
    }
    double[] coverA = romanCover(a.tokens(), b.tokens(), weights);
    double[] coverB = romanCover(b.tokens(), a.tokens(), weights);
    double dice = (coverA[0] + coverB[0]) / (coverA[1] + coverB[1]);
    double score;
    if (coverA[2] == 1.0 && coverB[2] == 1.0) {
      score = CROSS_SCRIPT_CAP * (0.9 + 0.1 * dice);
    } else if (coverA[3] >= STRONG_ALIGNMENT || coverB[3] >= STRONG_ALIGNMENT) {
      score = 0.55 + 0.25 * dice;
    } else {
      score = 0.75 * dice;
    }
    return new NameScore(Math.min(score, CROSS_SCRIPT_CAP), false, CROSS_SCRIPT);
  }

  /**
   * Weighted romanisation-tolerant coverage of {@code from}'s tokens by {@code to}'s.
   *
   * @return {matched weight, total weight, 1 if every token aligned else 0, the weakest token's
   *     alignment}
   */
  private static double[] romanCover(List<String> from, List<String> to, TokenWeights weights) {
    double matched = 0;
    double total = 0;
    double weakest = 1.0;
    boolean all = true;
    for (String t : from) {
      double w = weights.weight(t);
      double best = 0;
      for (String u : to) {
        best = Math.max(best, romanTokenSimilarity(t, u));
      }
      all &= best > 0;
      weakest = Math.min(weakest, best);
      matched += w * best;
      total += w;
    }
    return new double[] {matched, total, all ? 1.0 : 0.0, weakest};
  }

  /**
   * Token similarity tolerant of romanisation: {@link #tokenSimilarity} first; else, for tokens
   * with the same initial sound, 0.9 when their consonant skeletons ({@link #skeleton}, a final
   * plural {@code s} aside) are equal, 0.9 for four consonants or more ({@code samseong}/{@code
   * samsung}) and 0.75 for two or three ({@code soni}/{@code sony}); 0.8 when skeletons of four
   * consonants or more differ by one edit ({@code sutabakkusu}/{@code starbucks}); else 0.
   *
   * @param t one token
   * @param u the other
   * @return 0..1
   */
  static double romanTokenSimilarity(String t, String u) {
    double plain = tokenSimilarity(t, u);
    if (plain > 0 || hasDigit(t) || hasDigit(u)) {
      return plain;
    }
    if (soundClass(t.charAt(0)) != soundClass(u.charAt(0))) {
      return 0.0;
    }
    String st = dropPlural(skeleton(t));
    String su = dropPlural(skeleton(u));
    if (st.length() >= 2 && st.equals(su)) {
      return st.length() >= 4 ? 0.9 : 0.75;
    }
    if (Math.min(st.length(), su.length()) >= 4 && SKELETON_DISTANCE.apply(st, su) == 1) {
      return 0.8;
    }
    return 0.0;
  }

  /**
   * Consonant skeleton of a Latin token, for comparing romanisations: vowels, {@code y}, {@code w}
   * and {@code h} dropped, and so is an {@code r} before a consonant or at the end (non-rhotic
   * romanisations: Japanese {@code sutā} for "star"); letters that spell one sound merged ({@code c
   * k q}, {@code s z}); doubled letters collapsed. Voiced and voiceless consonants are kept apart:
   * a coarser, Soundex-like key makes unrelated names of labials and liquids collide.
   *
   * @param token lower-case Latin token
   * @return e.g. {@code smsnk} for both {@code samseong} and {@code samsung}
   */
  static String skeleton(String token) {
    StringBuilder sb = new StringBuilder(token.length());
    char last = 0;
    for (int i = 0; i < token.length(); i++) {
      char raw = token.charAt(i);
      if (raw == 'r' && (i + 1 == token.length() || soundClass(token.charAt(i + 1)) != 0)) {
        continue;
      }
      char c = soundClass(raw);
      if (c == 0 || c == last) {
        continue;
      }
      sb.append(c);
      last = c;
    }
    return sb.toString();
  }

  /**
   * A final {@code s} of a skeleton of three consonants or more is dropped: the Latin side's plural
   * was folded by the normaliser ({@code motors} → {@code motor}) while a transliteration that ends
   * in a vowel ({@code motarsa}) keeps it.
   */
  private static String dropPlural(String skeleton) {
    return skeleton.length() >= 3 && skeleton.endsWith("s")
        ? skeleton.substring(0, skeleton.length() - 1)
        : skeleton;
  }

  private static char soundClass(char c) {
    return switch (c) {
      case 'a', 'e', 'i', 'o', 'u', 'y', 'w', 'h' -> 0;
      case 'c', 'k', 'q' -> 'k';
      case 'z' -> 's';
      default -> c;
    };
  }

  private static NameScore sameScript(NormalizedName a, NormalizedName b, TokenWeights weights) {
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
    if (t.length() != u.length()
        && Math.min(t.length(), u.length()) >= 4
        && hasDigraph(t.length() > u.length() ? t : u)
        && digraphFold(t).equals(digraphFold(u))) {
      // The same letters in the two spellings of German and Nordic names: Kühne/Kuehne,
      // Ørsted/Oersted, Ålborg/Aalborg (the diacritic was folded away before).
      return 1.0;
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

  /** Whether a token holds a digraph {@link #digraphFold} collapses. */
  private static boolean hasDigraph(String t) {
    for (int i = 1; i < t.length(); i++) {
      char c = t.charAt(i);
      char prev = t.charAt(i - 1);
      if ((c == 'e' && (prev == 'a' || prev == 'o' || prev == 'u')) || (c == 'a' && prev == 'a')) {
        return true;
      }
    }
    return false;
  }

  /**
   * A token with the transliteration digraphs of ä, ö, ü, ø and å collapsed to the letter their
   * folded form keeps ({@code ae, oe, ue → a, o, u}; {@code aa → a}; {@code qu} is left alone), so
   * that {@code kuehne} and {@code kuhne} (from Kühne) compare equal in both directions. {@code ß}
   * is already {@code ss} on both sides.
   *
   * @param t a normalised token
   * @return the collapsed token (the token itself when it has no such digraph)
   */
  static String digraphFold(String t) {
    if (t.indexOf('e') < 0 && t.indexOf("aa") < 0) {
      return t;
    }
    StringBuilder out = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      char prev = i > 0 ? t.charAt(i - 1) : 0;
      char before = i > 1 ? t.charAt(i - 2) : 0;
      if (c == 'e' && (prev == 'a' || prev == 'o' || (prev == 'u' && before != 'q'))) {
        continue;
      }
      if (c == 'a' && prev == 'a') {
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * One name is an abbreviation of the other: a one-token name of 2–6 letters (or, for a mixed-case
   * one such as {@code PwC}, its capitals) equals the other's initialisms (first letters of its
   * tokens after legal forms and stop words, so {@code Ernst & Young} → {@code ey}; or of the
   * camel-case parts of its words, {@code PricewaterhouseCoopers} → {@code pc}).
   */
  private static NameScore acronym(NormalizedName a, NormalizedName b) {
    if (abbreviates(a, b) || abbreviates(b, a)) {
      return new NameScore(ACRONYM_SCORE, false, "acronym");
    }
    return null;
  }

  private static boolean abbreviates(NormalizedName shortName, NormalizedName longName) {
    for (String form : shortName.abbreviationForms()) {
      if (form.length() >= 2 && form.length() <= 6 && longName.initialisms().contains(form)) {
        return !form.equals(longName.compact());
      }
    }
    return false;
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

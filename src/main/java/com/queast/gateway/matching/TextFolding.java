package com.queast.gateway.matching;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Unicode folding shared by every normaliser: NFKD, combining marks removed, a few letters that do
 * not decompose mapped by hand, then case-folded with the root locale.
 */
public final class TextFolding {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  /** A run of characters that are neither letters nor digits (the separators between tokens). */
  static final Pattern NOT_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");

  private TextFolding() {}

  /**
   * Folds text for comparison: {@code "Nestlé S.A."} becomes {@code "nestle s.a."}.
   *
   * @param text any text, may be null
   * @return the folded text, empty for null or blank input
   */
  public static String fold(String text) {
    if (text == null || text.isBlank()) {
      return "";
    }
    String lower = Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
    String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFKD);
    String unmarked = MARKS.matcher(decomposed).replaceAll("");
    StringBuilder out = new StringBuilder(unmarked.length());
    for (int i = 0; i < unmarked.length(); i++) {
      char c = unmarked.charAt(i);
      switch (c) {
        case 'ß' -> out.append("ss");
        case 'æ', 'Æ' -> out.append("ae");
        case 'œ', 'Œ' -> out.append("oe");
        case 'ø', 'Ø' -> out.append('o');
        case 'ł', 'Ł' -> out.append('l');
        case 'đ', 'Đ' -> out.append('d');
        case 'ð', 'Ð' -> out.append('d');
        case 'þ', 'Þ' -> out.append("th");
        case 'ı' -> out.append('i');
        default -> out.append(c);
      }
    }
    return out.toString().strip();
  }

  /**
   * Folds and reduces to letter/digit tokens separated by single spaces.
   *
   * @param text any text, may be null
   * @return space-separated tokens, empty when nothing is left
   */
  public static String foldToTokens(String text) {
    return NOT_ALNUM.matcher(fold(text)).replaceAll(" ").strip();
  }
}

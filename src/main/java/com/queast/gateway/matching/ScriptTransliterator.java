package com.queast.gateway.matching;

import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Latin form of a name written (partly) in another script, so that {@code 华为技术有限公司} can be compared
 * with {@code Huawei Technologies}: generic business words are first replaced by their English
 * equivalents or dropped ({@code matching/script-glossary.txt}: legal forms and industry words such
 * as {@code 技术} → {@code technology}, never company names), then each run of non-Latin letters is
 * transliterated with ICU4J's {@code Any-Latin; Latin-ASCII} (Han → pinyin without tones, Hangul →
 * Revised Romanization, Kana → Hepburn, Cyrillic, Greek...) and its syllables are joined into one
 * word ({@code hua wei} → {@code huawei}).
 *
 * <p>Names with Latin letters only are returned unchanged without touching ICU (the common case
 * costs one scan of the string). Thread-safe: each thread gets its own ICU transliterator.
 */
public final class ScriptTransliterator {

  /**
   * Cyrillic by BGN/PCGN ({@code я} → {@code ya}, as in the English spellings of Russian company
   * names: Yandex, Lukoil) rather than ISO 9; every other script by ICU's default Latin
   * transliterator; then accents removed.
   */
  private static final String ICU_ID = "Russian-Latin/BGN; Any-Latin; Latin-ASCII; Lower";

  private static final ThreadLocal<Transliterator> ICU =
      ThreadLocal.withInitial(() -> Transliterator.getInstance(ICU_ID));

  /** Glossary entries in scripts without word separators, longest first. */
  private final List<Map.Entry<String, String>> substrings = new ArrayList<>();

  /** Glossary entries in alphabetic scripts, matched as whole words. */
  private final Map<String, String> words = new HashMap<>();

  /** Loads the glossary from the classpath. */
  public ScriptTransliterator() {
    for (String line : WordLists.load("script-glossary.txt")) {
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String from = Normalizer.normalize(line.substring(0, eq).strip(), Normalizer.Form.NFKC);
      String to = line.substring(eq + 1).strip();
      if (from.codePoints().allMatch(ScriptTransliterator::isUnspacedScript)) {
        substrings.add(Map.entry(from, to));
      } else {
        words.put(from.toLowerCase(Locale.ROOT), to);
      }
    }
    substrings.sort(
        Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
  }

  /**
   * Whether the text has a letter outside the Latin script.
   *
   * @param text any text, may be null
   * @return true for {@code 삼성전자}, {@code LG전자}, {@code Газпром}; false for {@code Nestlé}
   */
  public static boolean hasNonLatinLetters(String text) {
    if (text == null) {
      return false;
    }
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (isNonLatinLetter(cp)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  /**
   * The Latin form of a name in another script.
   *
   * @param name raw name, may be null
   * @return lower-case ASCII text ({@code 华为技术有限公司} → {@code "huawei technology "}), or null when
   *     the name has no letter outside the Latin script
   */
  public String toLatin(String name) {
    if (!hasNonLatinLetters(name)) {
      return null;
    }
    // NFKC, not NFKD: decomposing would split Hangul into jamo and strip Kana voicing marks.
    String s = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> e : substrings) {
      if (s.contains(e.getKey())) {
        s = s.replace(e.getKey(), " " + e.getValue() + " ");
      }
    }
    StringBuilder out = new StringBuilder(s.length() * 2);
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (isNonLatinLetter(cp)) {
        int end = i;
        while (end < s.length()) {
          int c = s.codePointAt(end);
          // Marks and script-neutral letters (the Kana length mark ー) belong to the run.
          boolean neutral =
              Character.getType(c) == Character.NON_SPACING_MARK
                  || Character.getType(c) == Character.COMBINING_SPACING_MARK
                  || (c >= 0x0250 && Character.isLetter(c) && !isLatin(c));
          if (!isNonLatinLetter(c) && !neutral) {
            break;
          }
          end += Character.charCount(c);
        }
        String run = s.substring(i, end);
        String replacement = words.get(run);
        if (replacement != null) {
          out.append(' ').append(replacement).append(' ');
        } else {
          String latin = ICU.get().transliterate(run);
          // One word per run: pinyin syllables ("hua wei") are joined.
          out.append(latin.replaceAll("[^a-z0-9]+", ""));
        }
        i = end;
      } else {
        out.appendCodePoint(cp);
        i += Character.charCount(cp);
      }
    }
    return out.toString();
  }

  private static boolean isNonLatinLetter(int cp) {
    if (cp < 0x0250 || !Character.isLetter(cp)) {
      return false;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script != Character.UnicodeScript.LATIN
        && script != Character.UnicodeScript.COMMON
        && script != Character.UnicodeScript.INHERITED;
  }

  private static boolean isLatin(int cp) {
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN;
  }

  private static boolean isUnspacedScript(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL
        || script == Character.UnicodeScript.COMMON
        || !Character.isLetter(cp);
  }
}

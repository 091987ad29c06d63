package com.queast.gateway.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalises company names so that spelling variants of one name compare equal: Unicode folding
 * (NFKD, diacritics, case), {@code &} → {@code and}, apostrophes, web suffixes ({@code
 * Amazon.com}), runs of initials ({@code P & G} → {@code pg}), legal forms of many countries at the
 * end ({@code matching/legal-suffixes.txt}), abbreviations ({@code matching/abbreviations.txt}),
 * light plural folding and stop words ({@code matching/stop-words.txt}). Names in another script
 * also get a Latin form through {@link ScriptTransliterator}.
 */
public final class CompanyNameNormalizer {

  private static final Pattern APOSTROPHE = Pattern.compile("['’‘`´]|(?<=\\p{L})\\?(?=s\\b)");
  private static final Pattern WEB_SUFFIX =
      Pattern.compile("(?<=\\p{L})\\.(com|net|org|io|co|biz)(?![\\p{L}\\p{N}])");
  private static final Pattern LATIN = Pattern.compile("[a-z0-9]+");

  private final List<List<String>> legalForms = new ArrayList<>();
  private final List<String> cjkLegalForms = new ArrayList<>();
  private final Map<String, String> abbreviations = new HashMap<>();
  private final Set<String> stopWords;
  private final ScriptTransliterator transliterator = new ScriptTransliterator();

  /** Loads the word lists from the classpath. */
  public CompanyNameNormalizer() {
    this.stopWords = new HashSet<>(WordLists.load("stop-words.txt"));
    for (String line : WordLists.load("abbreviations.txt")) {
      String[] kv = line.split("=", 2);
      abbreviations.put(TextFolding.fold(kv[0]), TextFolding.fold(kv[1]));
    }
    for (String form : WordLists.load("legal-suffixes.txt")) {
      String folded = TextFolding.fold(form);
      if (LATIN.matcher(TextFolding.NOT_ALNUM.matcher(folded).replaceAll("")).matches()) {
        List<String> tokens = tokenize(folded);
        if (!tokens.isEmpty()) {
          legalForms.add(tokens);
        }
      } else {
        cjkLegalForms.add(folded);
      }
    }
    legalForms.sort(Comparator.comparingInt((List<String> l) -> l.size()).reversed());
    cjkLegalForms.sort(Comparator.comparingInt(String::length).reversed());
  }

  /**
   * Normalises a company name. A name written (partly) in another script also gets its Latin form
   * ({@link NormalizedName#latin()}); camel-case words and mixed-case abbreviations add the
   * initialisms only the raw case reveals ({@code PricewaterhouseCoopers}, {@code PwC}).
   *
   * @param name raw name, may be null
   * @return the normalised tokens; {@link NormalizedName#EMPTY} when nothing is left
   */
  public NormalizedName normalize(String name) {
    NormalizedName plain = plain(name);
    if (plain.isEmpty()) {
      return plain;
    }
    String latinText = transliterator.toLatin(name);
    NormalizedName latin = latinText == null ? null : plain(latinText);
    List<String> initialisms = camelInitialisms(name, plain);
    List<String> abbreviations = mixedCaseCapitals(name, plain);
    if (latin == null && initialisms.isEmpty() && abbreviations.isEmpty()) {
      return plain;
    }
    return new NormalizedName(plain.tokens(), latin, initialisms, abbreviations);
  }

  /**
   * Initials of the camel-case parts of the name's words ({@code PricewaterhouseCoopers} → {@code
   * pc}), other tokens contributing their first letter; empty when no word is camel-case. Parts
   * must have three letters or more ({@code McDonald} is one word).
   */
  private List<String> camelInitialisms(String raw, NormalizedName plain) {
    if (!hasCamelTransition(raw)) {
      return List.of();
    }
    Map<String, String> camel = null;
    for (String word : TextFolding.NOT_ALNUM.split(raw)) {
      List<String> parts = camelParts(word);
      if (parts.size() >= 2) {
        if (camel == null) {
          camel = new HashMap<>();
        }
        StringBuilder initials = new StringBuilder();
        for (String part : parts) {
          initials.append(Character.toLowerCase(part.charAt(0)));
        }
        String folded = TextFolding.fold(word);
        camel.put(stem(abbreviations.getOrDefault(folded, folded)), initials.toString());
      }
    }
    if (camel == null) {
      return List.of();
    }
    StringBuilder sb = new StringBuilder();
    for (String t : plain.tokens()) {
      String initials = camel.get(t);
      sb.append(initials != null ? initials : t.substring(0, 1));
    }
    return List.of(sb.toString());
  }

  private static boolean hasCamelTransition(String raw) {
    for (int i = 1; i < raw.length(); i++) {
      if (Character.isLowerCase(raw.charAt(i - 1)) && Character.isUpperCase(raw.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> camelParts(String word) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 1; i < word.length(); i++) {
      if (Character.isLowerCase(word.charAt(i - 1)) && Character.isUpperCase(word.charAt(i))) {
        parts.add(word.substring(start, i));
        start = i;
      }
    }
    parts.add(word.substring(start));
    for (String part : parts) {
      if (part.length() < 3 || !Character.isLetter(part.charAt(0))) {
        return List.of();
      }
    }
    return parts;
  }

  /**
   * The capitals of a one-token, mixed-case abbreviation ({@code PwC} → {@code pc}, {@code EnBW} →
   * {@code ebw}); empty otherwise.
   */
  private static List<String> mixedCaseCapitals(String raw, NormalizedName plain) {
    if (plain.tokens().size() != 1 || plain.tokens().get(0).length() > 6) {
      return List.of();
    }
    for (String word : TextFolding.NOT_ALNUM.split(raw)) {
      if (!TextFolding.fold(word).equals(plain.tokens().get(0))) {
        continue;
      }
      StringBuilder capitals = new StringBuilder();
      boolean lower = false;
      for (int i = 0; i < word.length(); i++) {
        char c = word.charAt(i);
        if (Character.isUpperCase(c)) {
          capitals.append(Character.toLowerCase(c));
        } else if (Character.isLowerCase(c)) {
          lower = true;
        }
      }
      if (lower && capitals.length() >= 2) {
        return List.of(capitals.toString());
      }
    }
    return List.of();
  }

  private NormalizedName plain(String name) {
    String folded = stripCjkForms(TextFolding.fold(name));
    List<String> tokens = tokenize(folded);
    if (tokens.isEmpty()) {
      return NormalizedName.EMPTY;
    }
    stripTrailingForms(tokens);
    List<String> out = new ArrayList<>(tokens.size());
    for (String t : tokens) {
      String canonical = stem(abbreviations.getOrDefault(t, t));
      if (!stopWords.contains(canonical)) {
        out.add(canonical);
      }
    }
    if (out.isEmpty()) {
      tokens.replaceAll(t -> stem(abbreviations.getOrDefault(t, t)));
      return new NormalizedName(tokens);
    }
    return new NormalizedName(out);
  }

  private List<String> tokenize(String folded) {
    String s = folded.replace("&", " and ").replace("+", " and ");
    s = APOSTROPHE.matcher(s).replaceAll("");
    s = WEB_SUFFIX.matcher(s).replaceAll("");
    List<String> raw = new ArrayList<>(Arrays.asList(TextFolding.NOT_ALNUM.split(s.strip())));
    raw.removeIf(String::isEmpty);
    return joinInitials(raw);
  }

  /** {@code p g}, {@code p and g} → {@code pg}: a run of single Latin letters is one token. */
  private static List<String> joinInitials(List<String> raw) {
    List<String> out = new ArrayList<>(raw.size());
    StringBuilder run = new StringBuilder();
    int runLength = 0;
    for (int i = 0; i < raw.size(); i++) {
      String t = raw.get(i);
      if (runLength > 0 && t.equals("and") && i + 1 < raw.size() && isInitial(raw.get(i + 1))) {
        continue;
      }
      if (isInitial(t)) {
        run.append(t);
        runLength++;
        continue;
      }
      flush(out, run, runLength);
      run.setLength(0);
      runLength = 0;
      out.add(t);
    }
    flush(out, run, runLength);
    return out;
  }

  private static boolean isInitial(String t) {
    return t.length() == 1 && Character.isLetter(t.charAt(0)) && t.charAt(0) < 128;
  }

  private static void flush(List<String> out, StringBuilder run, int runLength) {
    if (runLength > 0) {
      out.add(run.toString());
    }
  }

  private void stripTrailingForms(List<String> tokens) {
    boolean changed = true;
    while (changed && tokens.size() > 1) {
      changed = false;
      if (stopWords.contains(tokens.get(tokens.size() - 1))) {
        tokens.remove(tokens.size() - 1);
        changed = true;
        continue;
      }
      for (List<String> form : legalForms) {
        int n = form.size();
        if (n < tokens.size() && tokens.subList(tokens.size() - n, tokens.size()).equals(form)) {
          tokens.subList(tokens.size() - n, tokens.size()).clear();
          changed = true;
          break;
        }
      }
    }
  }

  private String stripCjkForms(String folded) {
    String s = folded.strip();
    for (String form : cjkLegalForms) {
      if (s.length() > form.length() && s.endsWith(form)) {
        s = s.substring(0, s.length() - form.length()).strip();
      }
      if (s.length() > form.length() && s.startsWith(form)) {
        s = s.substring(form.length()).strip();
      }
    }
    return s;
  }

  /** Light plural folding for Latin tokens: {@code technologies} → {@code technology}. */
  static String stem(String t) {
    if (t.length() < 4 || !LATIN.matcher(t).matches()) {
      return t;
    }
    if (t.endsWith("ies")) {
      return t.substring(0, t.length() - 3) + "y";
    }
    if (t.endsWith("s") && !t.endsWith("ss") && !t.endsWith("us") && !t.endsWith("is")) {
      return t.substring(0, t.length() - 1);
    }
    return t;
  }
}

package com.queast.gateway.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A name reduced to comparable tokens, in their original order, with its derived keys computed once
 * (names are compared many times). Equality is on the tokens.
 */
public final class NormalizedName {

  /** The empty name. */
  public static final NormalizedName EMPTY = new NormalizedName(List.of());

  private final List<String> tokens;
  private final String key;
  private final String sortedKey;
  private final String compact;
  private final String acronym;
  private final NormalizedName latin;
  private final List<String> initialisms;
  private final List<String> abbreviationForms;

  /**
   * Creates a name.
   *
   * @param tokens normalised tokens; empty when the name had nothing comparable
   */
  public NormalizedName(List<String> tokens) {
    this(tokens, null, List.of(), List.of());
  }

  /**
   * Creates a name with the forms that only the raw text reveals.
   *
   * @param tokens normalised tokens; empty when the name had nothing comparable
   * @param latin the name transliterated to Latin when it was written (partly) in another script,
   *     else null
   * @param extraInitialisms initialisms besides the first letters of the tokens, e.g. {@code pc}
   *     for the camel-case parts of {@code PricewaterhouseCoopers}
   * @param extraAbbreviationForms forms the name may take as an abbreviation besides its only
   *     token, e.g. {@code pc} for the capitals of {@code PwC}
   */
  public NormalizedName(
      List<String> tokens,
      NormalizedName latin,
      List<String> extraInitialisms,
      List<String> extraAbbreviationForms) {
    this.tokens = List.copyOf(tokens);
    this.key = String.join(" ", this.tokens);
    this.sortedKey = this.tokens.stream().sorted().collect(Collectors.joining(" "));
    this.compact = String.join("", this.tokens);
    StringBuilder sb = new StringBuilder();
    if (this.tokens.size() >= 2) {
      for (String t : this.tokens) {
        sb.appendCodePoint(t.codePointAt(0));
      }
    }
    this.acronym = sb.toString();
    this.latin = latin == null || latin.isEmpty() ? null : latin;
    List<String> inits = new ArrayList<>();
    if (!acronym.isEmpty()) {
      inits.add(acronym);
    }
    for (String i : extraInitialisms) {
      if (i.length() >= 2 && !inits.contains(i)) {
        inits.add(i);
      }
    }
    this.initialisms = List.copyOf(inits);
    List<String> abbrevs = new ArrayList<>();
    if (this.tokens.size() == 1) {
      abbrevs.add(this.tokens.get(0));
      for (String f : extraAbbreviationForms) {
        if (f.length() >= 2 && !abbrevs.contains(f)) {
          abbrevs.add(f);
        }
      }
    }
    this.abbreviationForms = List.copyOf(abbrevs);
  }

  /**
   * The name transliterated to Latin, for names written (partly) in another script.
   *
   * @return the Latin form ({@code samseong electronics} for {@code 삼성전자}), or null for a name in
   *     Latin script
   */
  public NormalizedName latin() {
    return latin;
  }

  /**
   * This name in Latin script: the transliterated form when there is one, else the name itself.
   *
   * @return never null
   */
  public NormalizedName latinOrSelf() {
    return latin == null ? this : latin;
  }

  /**
   * Initialisms this name can be abbreviated to: the first letters of its tokens (two tokens or
   * more) and of the camel-case parts of its words ({@code PricewaterhouseCoopers} → {@code pc}).
   *
   * @return lower-case initialisms, possibly empty
   */
  public List<String> initialisms() {
    return initialisms;
  }

  /**
   * Forms this name may take when it is itself an abbreviation: for a one-token name the token and,
   * when it was written in mixed case, its capitals ({@code PwC} → {@code pwc}, {@code pc}).
   *
   * @return lower-case forms; empty for names of two tokens or more
   */
  public List<String> abbreviationForms() {
    return abbreviationForms;
  }

  /**
   * The tokens.
   *
   * @return immutable token list
   */
  public List<String> tokens() {
    return tokens;
  }

  /**
   * Whether nothing comparable is left.
   *
   * @return true when there are no tokens
   */
  public boolean isEmpty() {
    return tokens.isEmpty();
  }

  /**
   * Tokens joined by spaces in original order.
   *
   * @return e.g. {@code "abraham lincoln center"}
   */
  public String key() {
    return key;
  }

  /**
   * Tokens sorted and joined by spaces, for word-order-insensitive equality.
   *
   * @return e.g. {@code "abraham center lincoln"}
   */
  public String sortedKey() {
    return sortedKey;
  }

  /**
   * Tokens joined without separators, so {@code wal mart} equals {@code walmart}.
   *
   * @return the compact form
   */
  public String compact() {
    return compact;
  }

  /**
   * First letters of the tokens, for names of two tokens or more.
   *
   * @return e.g. {@code "ibm"} for {@code international business machine}; empty otherwise
   */
  public String acronym() {
    return acronym;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NormalizedName n && n.tokens.equals(tokens);
  }

  @Override
  public int hashCode() {
    return tokens.hashCode();
  }

  @Override
  public String toString() {
    return "NormalizedName[" + key + "]";
  }
}

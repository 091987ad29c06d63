package com.queast.gateway.matching;

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

  /**
   * Creates a name.
   *
   * @param tokens normalised tokens; empty when the name had nothing comparable
   */
  public NormalizedName(List<String> tokens) {
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

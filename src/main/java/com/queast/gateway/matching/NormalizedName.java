package com.queast.gateway.matching;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A name reduced to comparable tokens, in their original order.
 *
 * @param tokens normalised tokens; empty when the name had nothing comparable
 */
public record NormalizedName(List<String> tokens) {

  /** The empty name. */
  public static final NormalizedName EMPTY = new NormalizedName(List.of());

  /** Copies the token list. */
  public NormalizedName {
    tokens = List.copyOf(tokens);
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
    return String.join(" ", tokens);
  }

  /**
   * Tokens sorted and joined by spaces, for word-order-insensitive equality.
   *
   * @return e.g. {@code "abraham center lincoln"}
   */
  public String sortedKey() {
    return tokens.stream().sorted().collect(Collectors.joining(" "));
  }

  /**
   * Tokens joined without separators, so {@code wal mart} equals {@code walmart}.
   *
   * @return the compact form
   */
  public String compact() {
    return String.join("", tokens);
  }

  /**
   * First letters of the tokens, for names of two tokens or more.
   *
   * @return e.g. {@code "ibm"} for {@code international business machine}; empty otherwise
   */
  public String acronym() {
    if (tokens.size() < 2) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (String t : tokens) {
      sb.appendCodePoint(t.codePointAt(0));
    }
    return sb.toString();
  }
}

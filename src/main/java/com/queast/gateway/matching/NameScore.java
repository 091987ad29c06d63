package com.queast.gateway.matching;

/**
 * How similar two normalised names are.
 *
 * @param score 0..1
 * @param complete true when every token on both sides found a counterpart (the names are the same
 *     name, possibly reordered or misspelt); false for partial agreement such as {@code Deloitte}
 *     vs {@code Deloitte Touche Tohmatsu}
 * @param method which rule produced the score ({@code exact}, {@code token-order}, {@code spacing},
 *     {@code tokens}, {@code containment}, {@code acronym}, {@code partial}, {@code missing})
 */
public record NameScore(double score, boolean complete, String method) {

  /** One or both names missing: no opinion. */
  public static final NameScore MISSING = new NameScore(0.0, false, "missing");
}

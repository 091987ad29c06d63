package com.queast.gateway.matching;

/**
 * How much a name token counts: rare tokens ({@code donoghue}) say more than common ones ({@code
 * center}, {@code group}). The index supplies weights from its own records (inverse document
 * frequency); {@link #UNIFORM} counts every token the same.
 */
@FunctionalInterface
public interface TokenWeights {

  /** Every token weighs 1. */
  TokenWeights UNIFORM = token -> 1.0;

  /**
   * Weight of one normalised token.
   *
   * @param token a token of a {@link NormalizedName}
   * @return a positive weight
   */
  double weight(String token);
}

package com.queast.gateway.matching;

/**
 * The two tenant-configurable cut-offs on a match score.
 *
 * @param autoLink scores at or above it link automatically
 * @param reviewFloor scores at or above it (and below {@code autoLink}) go to review; below it the
 *     record is created
 */
public record MatchThresholds(double autoLink, double reviewFloor) {

  /**
   * Defaults chosen on held-out halves of the evaluation sets (see {@code docs/matching.md}): the
   * lowest auto-link cut-off with precision ≥ 0.99 on every calibration half, rounded up, and the
   * highest review floor keeping auto-plus-review recall ≥ 0.95, rounded down.
   */
  public static final MatchThresholds DEFAULT = new MatchThresholds(0.90, 0.55);

  /** Validates {@code 0 < reviewFloor <= autoLink <= 1}. */
  public MatchThresholds {
    if (!(reviewFloor > 0.0 && reviewFloor <= autoLink && autoLink <= 1.0)) {
      throw new IllegalArgumentException(
          "thresholds must satisfy 0 < reviewFloor <= autoLink <= 1, got reviewFloor="
              + reviewFloor
              + " autoLink="
              + autoLink);
    }
  }

  /**
   * Classifies a score.
   *
   * @param score 0..1
   * @return the outcome the score alone earns
   */
  public MatchOutcome classify(double score) {
    if (score >= autoLink) {
      return MatchOutcome.AUTO_LINK;
    }
    return score >= reviewFloor ? MatchOutcome.NEEDS_REVIEW : MatchOutcome.CREATE;
  }
}

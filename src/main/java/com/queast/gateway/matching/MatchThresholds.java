package com.queast.gateway.matching;

/**
 * The tenant-configurable cut-offs on a match score, and whether a name alone may auto-link.
 *
 * @param autoLink scores at or above it link automatically
 * @param reviewFloor scores at or above it (and below {@code autoLink}) go to review; below it the
 *     record is created
 * @param nameAutoLink true: a complete name agreement with no conflicting field may auto-link on
 *     its own; false (default): a name match auto-links only when an independent locator agrees
 *     (postcode, domain or LinkedIn page), otherwise it goes to review
 */
public record MatchThresholds(double autoLink, double reviewFloor, boolean nameAutoLink) {

  /**
   * Defaults chosen on held-out halves of the evaluation sets (see {@code docs/matching.md}): the
   * lowest auto-link cut-off with precision ≥ 0.99 on every calibration half, rounded up, and the
   * highest review floor keeping auto-plus-review recall ≥ 0.95, rounded down.
   */
  public static final MatchThresholds DEFAULT = new MatchThresholds(0.90, 0.55);

  /**
   * Cut-offs with the default name policy (a name alone never auto-links).
   *
   * @param autoLink auto-link threshold
   * @param reviewFloor review floor
   */
  public MatchThresholds(double autoLink, double reviewFloor) {
    this(autoLink, reviewFloor, false);
  }

  /**
   * The same cut-offs with another name policy.
   *
   * @param allowed whether a name alone may auto-link
   * @return the thresholds
   */
  public MatchThresholds withNameAutoLink(boolean allowed) {
    return new MatchThresholds(autoLink, reviewFloor, allowed);
  }

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

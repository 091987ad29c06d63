package com.queast.gateway.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses thresholds on one half of the pairs and measures them on the other, so the figures in the
 * docs are held-out figures. The split is seeded and deterministic.
 */
public final class ThresholdCalibrator {

  /** Target precision of auto-links. */
  public static final double AUTO_PRECISION = 0.99;

  /** Target recall of auto-links plus review items. */
  public static final double REVIEW_RECALL = 0.95;

  /**
   * Result of one calibration.
   *
   * @param autoLink lowest cut-off (step 0.01) with calibration precision ≥ 0.99
   * @param reviewFloor highest cut-off with calibration recall ≥ 0.95
   * @param heldOutAuto auto-link counts on the held-out half
   * @param heldOutReview auto-or-review counts on the held-out half
   */
  public record Result(
      double autoLink, double reviewFloor, Confusion heldOutAuto, Confusion heldOutReview) {}

  private ThresholdCalibrator() {}

  /**
   * Splits, calibrates on one half, evaluates on the other.
   *
   * @param scored scored pairs (scores do not depend on thresholds)
   * @param seed split seed
   * @return chosen thresholds and held-out counts
   */
  public static Result calibrate(List<PairEvaluation.Scored> scored, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<PairEvaluation.Scored> fit = new ArrayList<>();
    List<PairEvaluation.Scored> test = new ArrayList<>();
    for (PairEvaluation.Scored s : scored) {
      (random.nextBoolean() ? fit : test).add(s);
    }
    double auto = 1.0;
    for (int i = 100; i >= 1; i--) {
      double t = i / 100.0;
      if (PairEvaluation.atCutoff(fit, t).precision() >= AUTO_PRECISION) {
        auto = t;
      } else {
        break;
      }
    }
    double floor = 0.01;
    for (int i = 1; i <= 100; i++) {
      double t = i / 100.0;
      if (PairEvaluation.atCutoff(fit, t).recall() >= REVIEW_RECALL) {
        floor = t;
      } else {
        break;
      }
    }
    floor = Math.min(floor, auto);
    return new Result(
        auto, floor, PairEvaluation.atCutoff(test, auto), PairEvaluation.atCutoff(test, floor));
  }
}

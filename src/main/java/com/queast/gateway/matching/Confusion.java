package com.queast.gateway.matching;

/**
 * Counts for one predicate "predicted positive" over labelled pairs.
 *
 * <p>Precision = true positives / predicted positives (1.0 by convention when nothing was
 * predicted: no wrong link was made). Recall = true positives / labelled positives (1.0 when the
 * file has no positives).
 */
public final class Confusion {

  private int truePositives;
  private int falsePositives;
  private int positives;

  /**
   * Records one pair.
   *
   * @param predicted whether the pair was predicted positive
   * @param actual the label
   */
  public void add(boolean predicted, boolean actual) {
    if (actual) {
      positives++;
    }
    if (predicted) {
      if (actual) {
        truePositives++;
      } else {
        falsePositives++;
      }
    }
  }

  /**
   * Precision of the positive predictions.
   *
   * @return 0..1
   */
  public double precision() {
    int predicted = truePositives + falsePositives;
    return predicted == 0 ? 1.0 : (double) truePositives / predicted;
  }

  /**
   * Recall over labelled positives.
   *
   * @return 0..1
   */
  public double recall() {
    return positives == 0 ? 1.0 : (double) truePositives / positives;
  }

  /**
   * Predicted positives.
   *
   * @return count
   */
  public int predicted() {
    return truePositives + falsePositives;
  }

  /**
   * False positives.
   *
   * @return count
   */
  public int falsePositives() {
    return falsePositives;
  }
}

package com.queast.gateway.matching;

import java.util.List;
import java.util.Optional;

/**
 * One way of recognising a Queast record in the CRM. Strategies run in a fixed order; each finds
 * its own candidates in the index and scores a candidate with evidence, or says nothing when it
 * does not apply to the pair.
 */
public interface MatchStrategy {

  /**
   * Stable name, used in evidence and in the evaluation tables.
   *
   * @return e.g. {@code domain}
   */
  String name();

  /**
   * Candidates this strategy can speak about.
   *
   * @param subject the Queast side
   * @param index the connection's CRM index
   * @return candidate records (possibly none)
   */
  List<IndexedRecord> candidates(Profile subject, CrmIndex index);

  /**
   * Scores one candidate.
   *
   * @param subject the Queast side
   * @param candidate the CRM side
   * @param weights token weights for name comparison
   * @return evidence, or empty when this strategy has nothing to say about the pair
   */
  Optional<Evidence> evaluate(Profile subject, Profile candidate, TokenWeights weights);

  /**
   * Scores a candidate the strategy found in an index; strategies whose evidence lives in the index
   * rather than in the two records (the email domains of a CRM company's people) override it.
   *
   * @param subject the Queast side
   * @param candidate a candidate from {@link #candidates}
   * @param index the index it came from
   * @param weights token weights
   * @return the evidence, or empty when the strategy has nothing to say
   */
  default Optional<Evidence> evaluate(
      Profile subject, IndexedRecord candidate, CrmIndex index, TokenWeights weights) {
    return evaluate(subject, candidate.profile(), weights);
  }
}

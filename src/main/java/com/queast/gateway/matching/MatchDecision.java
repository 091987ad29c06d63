package com.queast.gateway.matching;

import java.util.List;

/**
 * The matcher's answer for one Queast record.
 *
 * @param outcome link, review or create
 * @param crmId the proposed CRM record; null when the outcome is {@link MatchOutcome#CREATE} and no
 *     candidate reached the review floor
 * @param score score of the proposed candidate (0 when there was none)
 * @param strategy the strategy whose evidence decided, or null when there was none
 * @param reason one line for humans and logs
 * @param evidence every piece of evidence gathered, best first (several strategies may speak about
 *     the same candidate)
 */
public record MatchDecision(
    MatchOutcome outcome,
    String crmId,
    double score,
    String strategy,
    String reason,
    List<Evidence> evidence) {

  /** Copies the evidence list. */
  public MatchDecision {
    evidence = List.copyOf(evidence);
  }

  /**
   * The evidence that decided, if any.
   *
   * @return the first evidence item, or null
   */
  public Evidence best() {
    return evidence.isEmpty() ? null : evidence.get(0);
  }
}

package com.queast.gateway.matching;

import java.util.List;

/**
 * Why one strategy scored one candidate as it did: serialisable as-is into the review queue.
 *
 * @param strategy strategy name ({@code stored_link}, {@code queast_id}, {@code crm_id}, {@code
 *     domain}, {@code linkedin}, {@code email}, {@code name})
 * @param crmId the candidate CRM record
 * @param score 0..1, comparable across strategies against the thresholds
 * @param agreed fields that agreed ({@code domain}, {@code name}, {@code country}, ...)
 * @param disagreed fields present on both sides that disagreed
 * @param detail one human-readable line (similarity figures, which rule capped the score)
 */
public record Evidence(
    String strategy,
    String crmId,
    double score,
    List<String> agreed,
    List<String> disagreed,
    String detail) {

  /** Copies the lists and clamps the score to 0..1. */
  public Evidence {
    agreed = List.copyOf(agreed);
    disagreed = List.copyOf(disagreed);
    score = Math.max(0.0, Math.min(1.0, score));
  }
}

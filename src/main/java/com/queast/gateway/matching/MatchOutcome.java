package com.queast.gateway.matching;

/** What delivery does with a Queast record after matching. */
public enum MatchOutcome {
  /** Score at or above the auto-link threshold: link to the CRM record (listed as auto-linked). */
  AUTO_LINK,
  /** Score between the review floor and the threshold, or an ambiguous tie: a human decides. */
  NEEDS_REVIEW,
  /** Nothing at or above the review floor: create a new CRM record. */
  CREATE
}

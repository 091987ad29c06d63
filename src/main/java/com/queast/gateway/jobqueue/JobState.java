package com.queast.gateway.jobqueue;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * States of a job and the transitions between them (drawn in {@code docs/job-queue.md}). The SQL in
 * {@code jobs.sql} only ever performs transitions this table allows; {@code JobStateTest} checks
 * both agree.
 */
public enum JobState {
  /** Due (or due at {@code run_at}), never tried or replayed. */
  AVAILABLE,
  /** Claimed by a worker holding a lease. */
  RUNNING,
  /** Failed an attempt; due again at {@code run_at}. */
  RETRYABLE,
  /** Delivered. Deleted after the retention period. */
  COMPLETED,
  /** Failed for good (attempts used up or a permanent error). Kept and replayable. */
  DEAD,
  /** No longer wanted (record deleted, connection removed). Replayable. */
  CANCELLED;

  private static final Map<JobState, Set<JobState>> ALLOWED =
      Map.of(
          AVAILABLE, EnumSet.of(RUNNING, CANCELLED),
          RUNNING, EnumSet.of(COMPLETED, RETRYABLE, AVAILABLE, DEAD, CANCELLED),
          RETRYABLE, EnumSet.of(RUNNING, AVAILABLE, CANCELLED),
          COMPLETED, EnumSet.noneOf(JobState.class),
          DEAD, EnumSet.of(AVAILABLE),
          CANCELLED, EnumSet.of(AVAILABLE));

  /**
   * Whether a job may move from this state to {@code next}.
   *
   * @param next target state
   * @return true when the transition is in the table
   */
  public boolean canMoveTo(JobState next) {
    return ALLOWED.get(this).contains(next);
  }

  /**
   * States reachable from this one.
   *
   * @return an unmodifiable set
   */
  public Set<JobState> next() {
    return Set.copyOf(ALLOWED.get(this));
  }

  /**
   * The Postgres enum label.
   *
   * @return lower-case name
   */
  public String db() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a Postgres enum label.
   *
   * @param s lower-case name
   * @return the state
   */
  public static JobState fromDb(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}

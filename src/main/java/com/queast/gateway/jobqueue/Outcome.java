package com.queast.gateway.jobqueue;

import java.time.Duration;

/**
 * What a worker says happened to one job. Workers return outcomes; they never throw to signal a
 * result. Each outcome carries what the delivery log records about the attempt.
 */
public sealed interface Outcome {

  /**
   * What the attempt looked like on the wire.
   *
   * @return the attempt details
   */
  Attempt attempt();

  /**
   * Done.
   *
   * @param attempt wire details
   * @param crmObjectType the CRM object written, e.g. {@code companies}, or null
   * @param crmId the CRM id written, or null
   */
  record Complete(Attempt attempt, String crmObjectType, String crmId) implements Outcome {}

  /**
   * Try again later; counts as an attempt. {@code after} null means the queue's backoff decides.
   *
   * @param attempt wire details
   * @param after vendor-given wait (e.g. Retry-After) or null
   */
  record Retry(Attempt attempt, Duration after) implements Outcome {}

  /**
   * Not now, and not the job's fault (lane paused, a dependency not delivered yet): does not use an
   * attempt. A snooze for a dependency (the record's company not in the CRM yet) is bounded: once
   * the job has waited for dependencies longer than {@code queue.dependencyMaxWaitMs} in total, it
   * is dead instead (replayable), with the snooze's message.
   *
   * @param attempt wire details
   * @param after how long to wait
   * @param dependency true when the job waits for another record to be delivered first
   */
  record Snooze(Attempt attempt, Duration after, boolean dependency) implements Outcome {

    /**
     * A snooze that is not a dependency wait (lane paused, re-authorisation, review).
     *
     * @param attempt wire details
     * @param after how long to wait
     */
    public Snooze(Attempt attempt, Duration after) {
      this(attempt, after, false);
    }
  }

  /**
   * Will never succeed as it is (validation refused by the CRM, record gone): dead, replayable.
   *
   * @param attempt wire details
   */
  record Fail(Attempt attempt) implements Outcome {}

  /**
   * No longer wanted.
   *
   * @param attempt wire details
   */
  record Cancel(Attempt attempt) implements Outcome {}

  /**
   * Details of one attempt for the delivery log.
   *
   * @param code stable outcome or error code, e.g. {@code ok}, {@code rate_limited}, {@code
   *     vendor_validation}
   * @param message human-readable detail (vendor message), never a secret
   * @param httpStatus vendor HTTP status or null
   * @param vendorCode vendor error code/category or null
   * @param vendorRequestId vendor correlation id or null
   * @param durationMs time spent on this record's share of the call
   */
  record Attempt(
      String code,
      String message,
      Integer httpStatus,
      String vendorCode,
      String vendorRequestId,
      long durationMs) {

    /**
     * An attempt with only a code and message.
     *
     * @param code stable code
     * @param message detail
     * @return the attempt
     */
    public static Attempt of(String code, String message) {
      return new Attempt(code, message, null, null, null, 0);
    }
  }

  /**
   * Shorthand for a completion without CRM ids.
   *
   * @param attempt wire details
   * @return the outcome
   */
  static Outcome complete(Attempt attempt) {
    return new Complete(attempt, null, null);
  }

  /**
   * The delivery log's name for this outcome.
   *
   * @return completed, retry, snoozed, failed or cancelled
   */
  default String label() {
    if (this instanceof Complete) {
      return "completed";
    }
    if (this instanceof Retry) {
      return "retry";
    }
    if (this instanceof Snooze) {
      return "snoozed";
    }
    if (this instanceof Fail) {
      return "failed";
    }
    return "cancelled";
  }
}

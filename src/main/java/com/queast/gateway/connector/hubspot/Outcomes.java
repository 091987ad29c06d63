package com.queast.gateway.connector.hubspot;

import com.queast.gateway.jobqueue.Outcome;
import java.time.Duration;

/** Turns HubSpot answers into job outcomes with the attempt details the delivery log keeps. */
public final class Outcomes {

  /** How long a record waits for a dependency (its company) or a review. */
  public static final Duration DEPENDENCY_WAIT = Duration.ofSeconds(5);

  private Outcomes() {}

  /**
   * The attempt of an answer.
   *
   * @param code stable code
   * @param r the answer
   * @param message message (HubSpot's, or ours)
   * @param category HubSpot's category or null
   * @return the attempt
   */
  public static Outcome.Attempt attempt(
      String code, HubSpotResponse r, String message, String category) {
    return new Outcome.Attempt(
        code,
        message,
        r.status() == 0 ? null : r.status(),
        category,
        r.correlationId(),
        r.durationMs());
  }

  /**
   * The outcome of a whole call that did not succeed, for each record it carried.
   *
   * @param d classification
   * @param r the answer
   * @return retry, snooze or fail
   */
  public static Outcome forFailedCall(HubSpotErrors.Decision d, HubSpotResponse r) {
    Outcome.Attempt a = attempt(d.code(), r, r.message(), r.category());
    return switch (d.kind()) {
      case RATE_LIMITED, BUSY ->
          new Outcome.Snooze(a, d.delay() == null ? java.time.Duration.ofSeconds(1) : d.delay());
      case FORBIDDEN, REJECTED -> new Outcome.Fail(a);
      default -> new Outcome.Retry(a, d.delay());
    };
  }

  /**
   * A snooze that is not the record's fault.
   *
   * @param code stable code
   * @param message why
   * @param after how long
   * @return the outcome
   */
  public static Outcome snooze(String code, String message, Duration after) {
    return new Outcome.Snooze(Outcome.Attempt.of(code, message), after);
  }

  /**
   * A wait for another record to reach the CRM first (bounded by {@code
   * queue.dependencyMaxWaitMs}).
   *
   * @param code stable code
   * @param message why, naming the record waited for
   * @return the outcome
   */
  public static Outcome waitForDependency(String code, String message) {
    return new Outcome.Snooze(Outcome.Attempt.of(code, message), DEPENDENCY_WAIT, true);
  }
}

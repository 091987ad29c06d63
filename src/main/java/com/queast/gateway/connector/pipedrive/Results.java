package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.connector.ItemResult;
import com.queast.gateway.jobqueue.Job;
import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.record.DeliveredState;
import com.queast.gateway.record.QueastRecord;
import com.queast.gateway.tenant.Connection;
import com.queast.gateway.tenant.TokenManager;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** Builds item results from answers and failures. Pure. */
final class Results {

  /**
   * How long a job waiting for a re-authorisation snoozes. Short on purpose: jobs of a connection
   * that is not active are never claimed, so the wait only decides how soon after the
   * re-authorisation the job runs (a 5-minute snooze written just after a re-activation used to
   * delay delivery by 5 minutes).
   */
  static final Duration REAUTH_WAIT = Duration.ofSeconds(5);

  private Results() {}

  static ItemResult complete(
      Job job,
      PipedriveResponse r,
      String objectType,
      String crmId,
      QueastRecord rec,
      JsonObject sent) {
    Outcome.Attempt a =
        new Outcome.Attempt(
            "ok",
            null,
            r == null ? null : r.status(),
            null,
            r == null ? null : r.requestId(),
            r == null ? 0 : r.durationMs());
    return new ItemResult(
        job.id(),
        new Outcome.Complete(a, objectType, crmId),
        new DeliveredState(objectType, crmId, rec.contentHash(), sent));
  }

  static ItemResult failed(Job job, PipedriveResponse r) {
    return new ItemResult(job.id(), PipedriveErrors.classify(r).outcome(r), null);
  }

  static ItemResult snooze(Job job, String code, String message, Duration after) {
    return new ItemResult(
        job.id(), new Outcome.Snooze(Outcome.Attempt.of(code, message), after), null);
  }

  static ItemResult retry(Job job, String code, String message) {
    return new ItemResult(
        job.id(), new Outcome.Retry(Outcome.Attempt.of(code, message), null), null);
  }

  static ItemResult fail(Job job, String code, String message) {
    return new ItemResult(job.id(), new Outcome.Fail(Outcome.Attempt.of(code, message)), null);
  }

  static ItemResult cancel(Job job, String code, String message) {
    return new ItemResult(job.id(), new Outcome.Cancel(Outcome.Attempt.of(code, message)), null);
  }

  /** A failure of an item's Uni as a result: waits are snoozes, the rest retries. */
  static ItemResult fromFailure(Job job, Throwable t) {
    if (t instanceof NotNow n) {
      Duration w =
          n.waitFor().compareTo(Duration.ofMillis(500)) < 0 ? Duration.ofMillis(500) : n.waitFor();
      return snooze(job, n.code(), n.getMessage(), w);
    }
    if (t instanceof TokenManager.ReauthRequired) {
      return snooze(job, Connection.NEEDS_REAUTH, t.getMessage(), REAUTH_WAIT);
    }
    if (t instanceof Payloads.UnknownFieldException) {
      return retry(job, "unknown_custom_field", t.getMessage());
    }
    return retry(job, "connector_error", String.valueOf(t));
  }
}

package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.jobqueue.Outcome;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns a failed Pipedrive answer (vendor notes §4) into a classified error: what kind of failure,
 * a stable code and the vendor's message for the delivery log. Pure.
 */
public final class PipedriveErrors {

  /** Kinds of failure, each handled one way by the delivery. */
  public enum Kind {
    /** Try again later (5xx, no answer, unreadable answer): counts as an attempt. */
    RETRY,
    /** 429: the lane slows down; the job waits without using an attempt. */
    RATE_LIMITED,
    /** 401: the token is invalid; refresh and try again. */
    UNAUTHORIZED,
    /** The account cannot take writes now (402 trial expired, 403 Cloudflare block). */
    ACCOUNT_BLOCKED,
    /** 404: the target CRM record is gone. */
    NOT_FOUND,
    /** A custom-field key Pipedrive does not know: re-resolve the field keys. */
    UNKNOWN_FIELD,
    /** Will never succeed as it is (validation, permissions, limits). */
    FAIL
  }

  /**
   * A classified failure.
   *
   * @param kind what to do
   * @param code stable error code
   * @param message the vendor's message
   * @param vendorCode the vendor's {@code code}/{@code errorCode}, or null
   */
  public record Classified(Kind kind, String code, String message, String vendorCode) {

    /**
     * The job outcome for this failure when nothing more specific applies.
     *
     * @param r the answer
     * @return the outcome
     */
    public Outcome outcome(PipedriveResponse r) {
      Outcome.Attempt a =
          new Outcome.Attempt(
              code,
              message,
              r.status() == 0 ? null : r.status(),
              vendorCode,
              r.requestId(),
              r.durationMs());
      return switch (kind) {
        case RETRY, UNAUTHORIZED, UNKNOWN_FIELD -> new Outcome.Retry(a, null);
        case RATE_LIMITED -> new Outcome.Snooze(a, Duration.ofSeconds(2));
        case ACCOUNT_BLOCKED -> new Outcome.Snooze(a, Duration.ofMinutes(5));
        case NOT_FOUND, FAIL -> new Outcome.Fail(a);
      };
    }
  }

  private PipedriveErrors() {}

  /**
   * Classifies an answer that is not a usable success.
   *
   * @param r the answer
   * @return the classification
   */
  public static Classified classify(PipedriveResponse r) {
    JsonObject b = r.body();
    String message = message(r);
    String vendorCode = vendorCode(b);
    int s = r.status();
    if (s == 0) {
      return new Classified(Kind.RETRY, "no_response", message, null);
    }
    if (s >= 200 && s < 300) {
      return new Classified(Kind.RETRY, "unreadable_response", message, null);
    }
    if (s == 429) {
      return new Classified(Kind.RATE_LIMITED, "rate_limited", message, vendorCode);
    }
    if (s == 401) {
      return new Classified(Kind.UNAUTHORIZED, "unauthorized", message, vendorCode);
    }
    if (s == 402) {
      return new Classified(Kind.ACCOUNT_BLOCKED, "payment_required", message, vendorCode);
    }
    if (s == 403 && b == null) {
      return new Classified(Kind.ACCOUNT_BLOCKED, "blocked", message, "cloudflare");
    }
    if (s == 404) {
      return new Classified(Kind.NOT_FOUND, "not_found", message, vendorCode);
    }
    if (s == 400 && unknownCustomField(message)) {
      return new Classified(Kind.UNKNOWN_FIELD, "unknown_custom_field", message, vendorCode);
    }
    if (s >= 500 || s == 408) {
      return new Classified(Kind.RETRY, "vendor_unavailable", message, vendorCode);
    }
    if (s == 403) {
      return new Classified(Kind.FAIL, "vendor_forbidden", message, vendorCode);
    }
    return new Classified(Kind.FAIL, "vendor_validation", message, vendorCode);
  }

  private static boolean unknownCustomField(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("custom_fields") || m.contains("custom field");
  }

  private static String vendorCode(JsonObject b) {
    if (b == null) {
      return null;
    }
    Object c = b.getValue("code");
    if (c == null) {
      c = b.getValue("errorCode");
    }
    return c == null ? null : String.valueOf(c);
  }

  /**
   * The most useful message of an answer: {@code error} and {@code error_info}, the webhooks API's
   * {@code errors}, or the transport error.
   *
   * @param r the answer
   * @return a message, never null
   */
  public static String message(PipedriveResponse r) {
    JsonObject b = r.body();
    if (r.status() == 0) {
      return r.transportError() == null ? "no answer" : r.transportError();
    }
    if (b == null) {
      return "HTTP " + r.status() + (r.rawSnippet() == null ? "" : ": " + r.rawSnippet());
    }
    StringBuilder m = new StringBuilder();
    if (b.getValue("error") != null) {
      m.append(b.getValue("error"));
    }
    if (b.getValue("errors") != null) {
      m.append(m.length() > 0 ? "; " : "").append(b.getValue("errors"));
    }
    if (b.getValue("message") != null && m.length() == 0) {
      m.append(b.getValue("message"));
    }
    if (b.getString("error_info") != null && !b.getString("error_info").contains("developers")) {
      m.append(" (").append(b.getString("error_info")).append(')');
    }
    return m.length() == 0 ? "HTTP " + r.status() : m.toString();
  }
}

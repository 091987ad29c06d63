package com.queast.gateway.connector.hubspot;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies HubSpot answers into what the connector does next. Pure; the decision carries a stable
 * code for the delivery log and, where HubSpot says, how long to wait.
 */
public final class HubSpotErrors {

  /** What an answer means for the records it carried. */
  public enum Kind {
    /** 2xx with a readable body. */
    OK,
    /** 429: the whole lane waits for the window. */
    RATE_LIMITED,
    /** 423 lock or 477 migration: wait a little, not the records' fault. */
    BUSY,
    /** 401: refresh the token and try once more. */
    AUTH,
    /** 403 (missing scopes): nothing a retry fixes. */
    FORBIDDEN,
    /** No answer, a 5xx, or a cut-off body: the write may have happened; retry is safe (upsert). */
    AMBIGUOUS,
    /** 404. */
    NOT_FOUND,
    /** 409 on a unique value. */
    CONFLICT,
    /** 400 and other 4xx: HubSpot refused the data. */
    REJECTED
  }

  /**
   * A classification.
   *
   * @param kind what it means
   * @param code stable code for the delivery log
   * @param delay how long HubSpot asks to wait, or null
   */
  public record Decision(Kind kind, String code, Duration delay) {}

  private static final Pattern EXISTING_ID = Pattern.compile("Existing ID: ?(\\d+)");

  private HubSpotErrors() {}

  /**
   * Classifies a response.
   *
   * @param r the response
   * @param window the rate-limit window (kept for callers; a 429 without {@code Retry-After} has no
   *     delay: the lane's rolling window decides when to resume)
   * @return the decision
   */
  public static Decision classify(HubSpotResponse r, Duration window) {
    int s = r.status();
    if (s == 0) {
      return new Decision(Kind.AMBIGUOUS, "network_error", null);
    }
    if (s >= 200 && s < 300) {
      return r.ok()
          ? new Decision(Kind.OK, "ok", null)
          : new Decision(Kind.AMBIGUOUS, "malformed_response", null);
    }
    Duration retryAfter = retryAfter(r.header("retry-after"));
    return switch (s) {
      case 429 -> {
        boolean daily = "DAILY".equals(policy(r));
        yield new Decision(
            Kind.RATE_LIMITED,
            daily ? "rate_limited_daily" : "rate_limited",
            retryAfter != null ? retryAfter : daily ? Duration.ofHours(1) : null);
      }
      case 423 ->
          new Decision(
              Kind.BUSY, "locked", retryAfter != null ? retryAfter : Duration.ofSeconds(2));
      case 477 ->
          new Decision(
              Kind.BUSY,
              "migration_in_progress",
              retryAfter != null ? retryAfter : Duration.ofMinutes(1));
      case 401 -> new Decision(Kind.AUTH, "unauthorized", null);
      case 403 -> new Decision(Kind.FORBIDDEN, "forbidden", null);
      case 404 -> new Decision(Kind.NOT_FOUND, "not_found", null);
      case 409 -> new Decision(Kind.CONFLICT, "conflict", null);
      default ->
          s >= 500
              ? new Decision(Kind.AMBIGUOUS, "server_error", retryAfter)
              : new Decision(Kind.REJECTED, "vendor_validation", null);
    };
  }

  /**
   * The record id HubSpot names in a unique-value conflict ("... already exists. Existing ID:
   * 123").
   *
   * @param message HubSpot's message
   * @return the id, or null when the message names none
   */
  public static String existingId(String message) {
    if (message == null) {
      return null;
    }
    Matcher m = EXISTING_ID.matcher(message);
    return m.find() ? m.group(1) : null;
  }

  private static String policy(HubSpotResponse r) {
    var j = r.json();
    return j == null ? null : j.getString("policyName");
  }

  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

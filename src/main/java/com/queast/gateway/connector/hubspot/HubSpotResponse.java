package com.queast.gateway.connector.hubspot;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * One answer from HubSpot, or the lack of one: {@code status} 0 means the request failed on the
 * wire (reset, timeout, closed connection) and {@code failure} says how. Never an exception: the
 * caller classifies it with {@link HubSpotErrors}.
 *
 * @param status HTTP status, 0 when there was no answer
 * @param body raw body, possibly empty or not JSON (a cut-off answer)
 * @param headers response headers of interest (lower-case names)
 * @param durationMs time on the wire
 *     <p>The body is decoded once, on first use, and kept: a batch answer of 100 results is read
 *     for each of its records (the correlation id of every record's attempt), and decoding it each
 *     time made the lane's event loop spend half its time re-parsing the same answer (issue 11,
 *     JFR).
 */
public final class HubSpotResponse {

  private static final Object UNREAD = new Object();

  private final int status;
  private final String body;
  private final Map<String, String> headers;
  private final long durationMs;
  private final String failure;
  private Object decoded = UNREAD;

  /**
   * An answer.
   *
   * @param status HTTP status, 0 when there was no answer
   * @param body raw body, possibly empty or not JSON (a cut-off answer)
   * @param headers response headers of interest (lower-case names)
   * @param durationMs time on the wire
   * @param failure wire failure, or null
   */
  public HubSpotResponse(
      int status, String body, Map<String, String> headers, long durationMs, String failure) {
    this.status = status;
    this.body = body;
    this.headers = headers;
    this.durationMs = durationMs;
    this.failure = failure;
  }

  /**
   * HTTP status.
   *
   * @return the status, 0 when there was no answer
   */
  public int status() {
    return status;
  }

  /**
   * Raw body.
   *
   * @return the body, possibly empty or not JSON
   */
  public String body() {
    return body;
  }

  /**
   * Response headers of interest.
   *
   * @return lower-case names to values
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * Time on the wire.
   *
   * @return milliseconds
   */
  public long durationMs() {
    return durationMs;
  }

  /**
   * Wire failure.
   *
   * @return how the request failed on the wire, or null
   */
  public String failure() {
    return failure;
  }

  /** The body decoded once (a JSON object, array or null when absent or unreadable). */
  private Object decoded() {
    Object d = decoded;
    if (d == UNREAD) {
      d = null;
      if (body != null && !body.isBlank()) {
        try {
          d = io.vertx.core.json.Json.decodeValue(body);
        } catch (DecodeException e) {
          d = null;
        }
      }
      decoded = d;
    }
    return d;
  }

  /**
   * Whether HubSpot answered 2xx with a readable body.
   *
   * @return true on success
   */
  public boolean ok() {
    return status >= 200 && status < 300 && (body == null || body.isEmpty() || json() != null);
  }

  /**
   * The body as a JSON object.
   *
   * @return the object, or null when absent or unreadable
   */
  public JsonObject json() {
    return decoded() instanceof JsonObject o ? o : null;
  }

  /**
   * The body as a JSON array.
   *
   * @return the array, or null
   */
  public JsonArray jsonArray() {
    return decoded() instanceof JsonArray a ? a : null;
  }

  /**
   * A header value.
   *
   * @param name header name, any case
   * @return the value or null
   */
  public String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * HubSpot's correlation id, from the body or the header.
   *
   * @return the id or null
   */
  public String correlationId() {
    JsonObject j = json();
    if (j != null && j.getValue("correlationId") instanceof String s) {
      return s;
    }
    return header("x-hubspot-correlation-id");
  }

  @Override
  public String toString() {
    return "HubSpotResponse[status="
        + status
        + ", durationMs="
        + durationMs
        + ", failure="
        + failure
        + "]";
  }

  /**
   * The error message of a failed answer.
   *
   * @return HubSpot's message, the wire failure, or a short description of the body
   */
  public String message() {
    if (failure != null) {
      return failure;
    }
    JsonObject j = json();
    if (j != null && j.getValue("message") instanceof String s) {
      return s;
    }
    if (body == null || body.isEmpty()) {
      return "HTTP " + status + " without a body";
    }
    return "HTTP " + status + ": " + (body.length() > 200 ? body.substring(0, 200) : body);
  }

  /**
   * HubSpot's error category ({@code category}, or {@code errorType} on 429 bodies).
   *
   * @return the category or null
   */
  public String category() {
    JsonObject j = json();
    if (j == null) {
      return null;
    }
    String c = j.getString("category");
    return c != null ? c : j.getString("errorType");
  }
}

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
 * @param failure wire failure, or null
 */
public record HubSpotResponse(
    int status, String body, Map<String, String> headers, long durationMs, String failure) {

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
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      Object v = io.vertx.core.json.Json.decodeValue(body);
      return v instanceof JsonObject o ? o : null;
    } catch (DecodeException e) {
      return null;
    }
  }

  /**
   * The body as a JSON array.
   *
   * @return the array, or null
   */
  public JsonArray jsonArray() {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      Object v = io.vertx.core.json.Json.decodeValue(body);
      return v instanceof JsonArray a ? a : null;
    } catch (DecodeException e) {
      return null;
    }
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

package com.queast.gateway.connector.pipedrive;

import io.vertx.core.json.JsonObject;

/**
 * One answer from Pipedrive, or the lack of one.
 *
 * @param status HTTP status, 0 when no answer came (timeout, reset)
 * @param body parsed JSON body, or null when absent or not JSON (a Cloudflare page, half a body)
 * @param rawSnippet the start of the body when it was not JSON, for messages
 * @param headers rate-limit headers
 * @param requestId the vendor's correlation id, or null
 * @param durationMs time on the wire
 * @param transportError what went wrong when no answer came, or null
 */
public record PipedriveResponse(
    int status,
    JsonObject body,
    String rawSnippet,
    RateHeaders headers,
    String requestId,
    long durationMs,
    String transportError) {

  /**
   * Whether the call succeeded with a readable body.
   *
   * @return true for a 2xx with a JSON body
   */
  public boolean ok() {
    return status >= 200 && status < 300 && body != null;
  }

  /**
   * The {@code data} object of a success.
   *
   * @return data or null
   */
  public JsonObject data() {
    return body == null ? null : body.getJsonObject("data");
  }

  /**
   * Whether the call may have had its effect although we cannot tell (no answer, a 5xx, or a 2xx we
   * could not read).
   *
   * @return true when ambiguous
   */
  public boolean ambiguous() {
    return status == 0 || status >= 500 || (status >= 200 && status < 300 && body == null);
  }
}

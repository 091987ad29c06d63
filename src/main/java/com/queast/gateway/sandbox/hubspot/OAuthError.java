package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * An OAuth token-endpoint failure. The v1 endpoints answer {@code {status, message, correlationId}}
 * with HubSpot's upper-case status codes ({@code BAD_REFRESH_TOKEN}, ...); the dated ones add the
 * RFC 6749 {@code error} and {@code error_description}.
 */
public final class OAuthError extends RuntimeException {

  private final int httpStatus;
  private final String code;
  private final String rfcError;

  /**
   * An error.
   *
   * @param httpStatus HTTP status
   * @param code HubSpot status code, e.g. {@code BAD_REFRESH_TOKEN}
   * @param rfcError RFC 6749 error, e.g. {@code invalid_grant}
   * @param message message
   */
  public OAuthError(int httpStatus, String code, String rfcError, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.code = code;
    this.rfcError = rfcError;
  }

  /**
   * HTTP status.
   *
   * @return status
   */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * HubSpot status code.
   *
   * @return code
   */
  public String code() {
    return code;
  }

  /**
   * The body for a given API flavour.
   *
   * @param dated true for {@code /oauth/2026-03/...} (RFC fields added)
   * @return JSON body
   */
  public JsonObject toJson(boolean dated) {
    JsonObject o = new JsonObject();
    if (dated) {
      o.put("error", rfcError).put("error_description", getMessage());
    }
    return o.put("status", code)
        .put("message", getMessage())
        .put("correlationId", UUID.randomUUID().toString());
  }
}

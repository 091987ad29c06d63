package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.json.JsonObject;

/**
 * A vendor-shaped error answer, thrown by handlers and written once by the failure handler. The
 * bodies follow the vendor notes §4 (generic schema), §2.2 (OAuth) and §5.1 (webhooks API).
 */
final class PdError extends RuntimeException {

  static final String ERROR_INFO =
      "Please check developers.pipedrive.com for more information about Pipedrive API.";

  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient JsonObject body;

  PdError(int status, JsonObject body) {
    super(body.encode(), null, false, false);
    this.status = status;
    this.body = body;
  }

  int status() {
    return status;
  }

  JsonObject body() {
    return body;
  }

  static JsonObject generic(String error, String errorInfo) {
    return new JsonObject()
        .put("success", false)
        .put("error", error)
        .put("error_info", errorInfo)
        .putNull("data")
        .putNull("additional_data");
  }

  static PdError badRequest(String error) {
    return new PdError(400, generic(error, ERROR_INFO));
  }

  /** v2 schema validation failure (assumed shape: generic body plus a {@code code}). */
  static PdError validation(String field, String rule) {
    return new PdError(
        400,
        generic("Validation failed: " + field + ": " + rule, ERROR_INFO)
            .put("code", "ERR_SCHEMA_VALIDATION_FAILED"));
  }

  static PdError notFound(String what) {
    return new PdError(404, generic(what, "Object was not found."));
  }

  static PdError unauthorized() {
    return new PdError(401, generic("unauthorized access", ERROR_INFO).put("errorCode", 401));
  }

  static PdError invalidAccessToken() {
    return new PdError(
        401, generic("Invalid token: access_token is invalid", ERROR_INFO).put("errorCode", 401));
  }

  static PdError forbidden(String error) {
    return new PdError(403, generic(error, ERROR_INFO));
  }

  static PdError scopeMismatch() {
    return new PdError(403, generic("Scope and URL mismatch", ERROR_INFO).put("errorCode", 403));
  }

  static PdError rateLimited() {
    return new PdError(429, generic("Request over limit", ERROR_INFO));
  }

  static PdError serverError() {
    return new PdError(
        500,
        new JsonObject()
            .put("success", false)
            .put("error", "Internal Server Error")
            .put("code", "ERR_UNKNOWN"));
  }

  /** The webhooks API's own error shape. */
  static PdError webhookErrors(int status, String field, String message) {
    return new PdError(
        status,
        new JsonObject()
            .put("status", "error")
            .put("success", false)
            .put(
                "errors",
                new JsonObject().put(field, new io.vertx.core.json.JsonArray().add(message))));
  }
}

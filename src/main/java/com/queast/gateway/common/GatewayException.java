package com.queast.gateway.common;

import java.util.List;

/**
 * The one exception family that travels in failed {@code Uni}s. It carries a stable string code, an
 * HTTP status for the edge, whether the fault is the client's, and the field errors a problem+json
 * answer lists. It is turned into a response once, by {@code api.Problems}.
 */
public class GatewayException extends RuntimeException {

  private final String code;
  private final int status;
  private final transient List<FieldError> fieldErrors;

  /**
   * A failure with a code and HTTP status.
   *
   * @param code stable machine-readable code, e.g. {@code validation_failed}
   * @param status HTTP status to answer with
   * @param message human-readable detail (never a secret)
   * @param fieldErrors the fields at fault, possibly empty
   */
  public GatewayException(String code, int status, String message, List<FieldError> fieldErrors) {
    super(message);
    this.code = code;
    this.status = status;
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  /**
   * A failure without field errors.
   *
   * @param code stable code
   * @param status HTTP status
   * @param message detail
   */
  public GatewayException(String code, int status, String message) {
    this(code, status, message, List.of());
  }

  /**
   * 400 with field errors.
   *
   * @param message detail
   * @param errors the bad fields
   * @return the exception
   */
  public static GatewayException validation(String message, List<FieldError> errors) {
    return new GatewayException("validation_failed", 400, message, errors);
  }

  /**
   * 404 for a resource of this tenant that does not exist (or belongs to another tenant: same
   * answer).
   *
   * @param what e.g. {@code connection}
   * @param id the id asked for
   * @return the exception
   */
  public static GatewayException notFound(String what, String id) {
    return new GatewayException("not_found", 404, what + " " + id + " not found");
  }

  /**
   * 409 for a request that conflicts with current state.
   *
   * @param code stable code
   * @param message detail
   * @return the exception
   */
  public static GatewayException conflict(String code, String message) {
    return new GatewayException(code, 409, message);
  }

  /**
   * Stable error code.
   *
   * @return the code
   */
  public String code() {
    return code;
  }

  /**
   * HTTP status.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * Whether the client can fix it (4xx).
   *
   * @return true for client faults
   */
  public boolean clientFault() {
    return status >= 400 && status < 500;
  }

  /**
   * Field errors.
   *
   * @return immutable list
   */
  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }
}

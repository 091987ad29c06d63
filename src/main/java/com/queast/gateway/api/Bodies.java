package com.queast.gateway.api;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Request-body and path helpers shared by the handlers (and other packages' routes). */
public final class Bodies {

  private Bodies() {}

  /**
   * The body as a JSON object, or a 400 that says what is wrong with it.
   *
   * @param ctx the request
   * @return the object
   */
  public static JsonObject object(RoutingContext ctx) {
    requireJson(ctx.request().getHeader("Content-Type"));
    io.vertx.core.buffer.Buffer raw =
        ctx.body() == null || ctx.body().buffer() == null
            ? null
            : ctx.body().buffer().getDelegate();
    if (raw == null || raw.length() == 0 || raw.toString(StandardCharsets.UTF_8).isBlank()) {
      throw GatewayException.validation(
          "request body is empty",
          List.of(new FieldError("body", "required", "a JSON object is required")));
    }
    JsonScan.check(raw.getBytes());
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(raw);
    } catch (DecodeException e) {
      throw new GatewayException("malformed_json", 400, "request body is not valid JSON");
    }
    if (!(parsed instanceof JsonObject o)) {
      throw GatewayException.validation(
          "request body must be a JSON object",
          List.of(new FieldError("body", "type", "the body must be a JSON object")));
    }
    return o;
  }

  /**
   * Refuses a media type other than {@code application/json} (parameters such as {@code charset}
   * allowed) with a 415.
   *
   * @param contentType the {@code Content-Type} header, may be null
   */
  static void requireJson(String contentType) {
    String type =
        contentType == null
            ? ""
            : contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    if (!type.equals("application/json")) {
      throw new GatewayException(
          "unsupported_media_type", 415, "send Content-Type: application/json");
    }
  }

  /**
   * The body as a JSON object when one was sent, else an empty object.
   *
   * @param ctx the request
   * @return the object
   */
  public static JsonObject optionalObject(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().buffer().length() == 0) {
      return new JsonObject();
    }
    return object(ctx);
  }

  /** A path id, validated like record ids. */
  static String pathId(RoutingContext ctx, String name) {
    String v = ctx.pathParam(name);
    List<FieldError> errs = new ArrayList<>();
    RecordValidator.id(name, v, errs);
    if (!errs.isEmpty()) {
      throw GatewayException.validation("invalid " + name, errs);
    }
    return v;
  }

  /** A path UUID. */
  static java.util.UUID pathUuid(RoutingContext ctx, String name) {
    String v = ctx.pathParam(name);
    try {
      return java.util.UUID.fromString(v);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw GatewayException.notFound(name, String.valueOf(v));
    }
  }

  /** An integer query parameter within a range, or a 400 naming it. */
  static int intParam(RoutingContext ctx, String name, int def, int min, int max) {
    List<String> v = ctx.queryParam(name);
    if (v.isEmpty()) {
      return def;
    }
    try {
      int n = Integer.parseInt(v.get(0));
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw GatewayException.validation(
          "invalid " + name,
          List.of(
              new FieldError(
                  name, "range", name + " must be an integer from " + min + " to " + max)));
    }
  }
}

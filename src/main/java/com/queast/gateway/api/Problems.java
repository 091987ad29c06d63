package com.queast.gateway.api;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns failures into {@code application/problem+json} (RFC 9457) answers, once, at the edge. */
public final class Problems {

  /** The media type of every error answer. */
  public static final String TYPE = "application/problem+json";

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  private static final String UNEXPECTED = "unexpected failure answering a request";

  private Problems() {}

  /**
   * Answers a failure: gateway exceptions with their own status and code, anything else as 500
   * without details.
   *
   * @param ctx the request
   * @param t the failure
   */
  public static void send(RoutingContext ctx, Throwable t) {
    if (ctx.response().ended()) {
      return;
    }
    GatewayException g = asGateway(t);
    if (g.status() >= 500) {
      LOG.error(UNEXPECTED, kv("path", ctx.normalizedPath()), t);
    }
    write(ctx, g, null);
  }

  /**
   * Answers a failure with extra members (e.g. what a batch did accept).
   *
   * @param ctx the request
   * @param g the failure
   * @param extra members merged into the problem, or null
   */
  public static void write(RoutingContext ctx, GatewayException g, JsonObject extra) {
    JsonObject body =
        new JsonObject()
            .put("type", "https://docs.queast.com/gateway/errors#" + g.code())
            .put("title", title(g.status()))
            .put("status", g.status())
            .put("code", g.code())
            .put("detail", g.getMessage())
            .put("instance", ctx.normalizedPath());
    List<FieldError> errors = g.fieldErrors();
    if (!errors.isEmpty()) {
      JsonArray arr = new JsonArray();
      for (FieldError e : errors) {
        arr.add(
            new JsonObject()
                .put("field", e.field())
                .put("rule", e.rule())
                .put("message", e.message()));
      }
      body.put("errors", arr);
    }
    if (extra != null) {
      body.mergeIn(extra);
    }
    ctx.response().setStatusCode(g.status()).putHeader("Content-Type", TYPE);
    if (g.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    ctx.response().endAndForget(body.encode());
  }

  /**
   * Maps any throwable into the exception family.
   *
   * @param t failure
   * @return a gateway exception
   */
  public static GatewayException asGateway(Throwable t) {
    if (t instanceof GatewayException g) {
      return g;
    }
    if (t instanceof DecodeException) {
      return new GatewayException("malformed_json", 400, "request body is not valid JSON");
    }
    return new GatewayException("internal_error", 500, "internal error");
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Payload Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
  }
}

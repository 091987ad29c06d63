package com.queast.gateway.api;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.db.DatabaseFailures;
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

  /** The code of a 503 answered because the database is away. */
  public static final String DATABASE_UNAVAILABLE = "database_unavailable";

  /** What a 503 tells the client to wait: a few probe intervals, short enough to stay current. */
  private static final String RETRY_AFTER_SECONDS = "5";

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
    if (g.status() >= 500 && !DATABASE_UNAVAILABLE.equals(g.code())) {
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
    if (g.status() == 503 && ctx.response().headers().get("Retry-After") == null) {
      ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
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
    if (DatabaseFailures.unavailable(t)) {
      // Logged once per outage by DatabaseHealth; nothing here was committed, so a retry is safe.
      return new GatewayException(
          DATABASE_UNAVAILABLE,
          503,
          "the database is unavailable; nothing was stored, retry later");
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

package com.queast.gateway.sandbox.common;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;

/**
 * The one way sandbox handlers answer, so that the faults drawn by {@link FaultHandler} that act
 * after the work is done ("drop after commit", "malformed body") apply to every vendor path alike.
 */
public final class SandboxResponses {

  /** Key under which {@link FaultHandler} leaves the drawn fault in the routing context. */
  public static final String FAULT_KEY = "sandbox.fault";

  private SandboxResponses() {}

  /**
   * Answers with a JSON body, unless the drawn fault says to drop the connection (the work is
   * already done) or to garble the body.
   *
   * @param ctx the request
   * @param status HTTP status
   * @param body JSON object or array, or null for no body
   */
  public static void json(RoutingContext ctx, int status, Object body) {
    String text;
    if (body == null) {
      text = null;
    } else if (body instanceof JsonObject o) {
      text = o.encode();
    } else if (body instanceof JsonArray a) {
      text = a.encode();
    } else {
      text = String.valueOf(body);
    }
    send(ctx, status, "application/json;charset=utf-8", text);
  }

  /**
   * Answers with a body of the given content type, applying post-commit faults.
   *
   * @param ctx the request
   * @param status HTTP status
   * @param contentType content type header value
   * @param body body text, or null for none
   */
  public static void send(RoutingContext ctx, int status, String contentType, String body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    FaultInjector.Fault fault = ctx.get(FAULT_KEY, FaultInjector.Fault.NONE);
    if (fault == FaultInjector.Fault.DROP_AFTER_COMMIT) {
      reset(ctx);
      return;
    }
    String text = body;
    if (fault == FaultInjector.Fault.MALFORMED) {
      text = garble(body);
    }
    var response = ctx.response().setStatusCode(status);
    if (text == null || text.isEmpty()) {
      response.endAndForget();
      return;
    }
    response.putHeader("Content-Type", contentType);
    response.endAndForget(text);
  }

  /**
   * Whether the drawn fault says to do the work and then close the connection without an answer,
   * for sandboxes that write their own vendor-shaped bodies.
   *
   * @param ctx the request
   * @return true for a "drop after commit" fault
   */
  public static boolean dropAfterCommit(RoutingContext ctx) {
    return ctx.get(FAULT_KEY) == FaultInjector.Fault.DROP_AFTER_COMMIT;
  }

  /**
   * Whether the drawn fault says to garble the body of the answer.
   *
   * @param ctx the request
   * @return true for a "malformed body" fault
   */
  public static boolean malformed(RoutingContext ctx) {
    return ctx.get(FAULT_KEY) == FaultInjector.Fault.MALFORMED;
  }

  /**
   * Closes the connection without answering (a reset as far as an HTTP/1.1 client can tell).
   *
   * @param ctx the request
   */
  public static void reset(RoutingContext ctx) {
    if (!ctx.response().reset()) {
      ctx.request().connection().closeAndForget();
    }
  }

  /**
   * A body that starts like the real one and then breaks off, so a client's JSON parser fails.
   *
   * @param body the real body, possibly null
   * @return text that is not valid JSON
   */
  static String garble(String body) {
    if (body == null || body.length() < 4) {
      return "{\"status\":";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return new String(bytes, 0, bytes.length / 2, StandardCharsets.UTF_8) + "<html>";
  }
}

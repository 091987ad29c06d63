package com.queast.gateway.sandbox.pipedrive;

import com.queast.gateway.sandbox.common.SandboxResponses;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.RoutingContext;

/**
 * Writes the vendor envelope {@code {"success": true, "data": ..., "additional_data": ...}} and
 * honours the per-request faults that strike after the work is done (drop after commit, malformed
 * body), so every handler gets them for free by answering through here.
 */
final class Envelope {

  private Envelope() {}

  static JsonObject success(Object data, JsonObject additional) {
    JsonObject body = new JsonObject().put("success", true).put("data", data);
    if (additional != null) {
      body.put("additional_data", additional);
    }
    return body;
  }

  static void ok(RoutingContext ctx, Object data) {
    send(ctx, 200, success(data, null));
  }

  static void ok(RoutingContext ctx, int status, Object data, JsonObject additional) {
    send(ctx, status, success(data, additional));
  }

  static void send(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    if (SandboxResponses.dropAfterCommit(ctx)) {
      ctx.request().connection().closeAndForget();
      return;
    }
    String text = body.encode();
    if (SandboxResponses.malformed(ctx)) {
      status = 200;
      text = text.substring(0, Math.max(1, text.length() / 2));
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json; charset=utf-8")
        .endAndForget(text);
  }
}

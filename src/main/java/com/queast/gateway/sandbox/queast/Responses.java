package com.queast.gateway.sandbox.queast;

import com.queast.gateway.sandbox.common.SandboxResponses;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.RoutingContext;

/** Writes JSON answers, honouring the after-the-work faults (drop after commit, malformed). */
final class Responses {

  private Responses() {}

  static void json(RoutingContext ctx, int status, JsonObject body) {
    send(ctx, status, body, "application/json");
  }

  static void problem(RoutingContext ctx, Problem p) {
    send(ctx, p.status(), p.body(), "application/problem+json");
  }

  static void send(RoutingContext ctx, int status, JsonObject body, String type) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    if (SandboxResponses.dropAfterCommit(ctx)) {
      ctx.request().connection().closeAndForget();
      return;
    }
    String text = body == null ? "" : body.encode();
    if (SandboxResponses.malformed(ctx)) {
      status = 200;
      text = text.substring(0, text.length() / 2) + "<html>";
    }
    ctx.response().setStatusCode(status).putHeader("content-type", type).endAndForget(text);
  }
}

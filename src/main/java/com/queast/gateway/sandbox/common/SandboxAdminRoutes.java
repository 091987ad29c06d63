package com.queast.gateway.sandbox.common;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;

/**
 * Mounts the admin routes every sandbox shares: {@code PUT/GET/DELETE /_sandbox/faults} and {@code
 * GET/DELETE /_sandbox/requests}. Admin answers are plain JSON, never faulted; errors are {@code
 * {"error": "..."}} with status 400.
 */
public final class SandboxAdminRoutes {

  private SandboxAdminRoutes() {}

  /**
   * Mounts the fault-plan routes. The router must already have a body handler.
   *
   * @param router the sandbox router
   * @param injector the injector the vendor paths draw from
   */
  public static void mountFaults(Router router, FaultInjector injector) {
    router
        .put("/_sandbox/faults")
        .handler(
            ctx -> {
              try {
                JsonObject body = bodyObject(ctx);
                FaultPlan plan = FaultPlan.fromJson(body);
                injector.set(plan);
                ok(ctx, 200, plan.toJson());
              } catch (IllegalArgumentException | DecodeException e) {
                badRequest(ctx, e.getMessage());
              }
            });
    router.get("/_sandbox/faults").handler(ctx -> ok(ctx, 200, injector.plan().toJson()));
    router
        .delete("/_sandbox/faults")
        .handler(
            ctx -> {
              injector.set(FaultPlan.NONE);
              ok(ctx, 200, FaultPlan.NONE.toJson());
            });
  }

  /**
   * Mounts the request-log routes: {@code GET /_sandbox/requests?limit=N} (default 200) and {@code
   * DELETE /_sandbox/requests}.
   *
   * @param router the sandbox router
   * @param log the log
   */
  public static void mountRequestLog(Router router, RequestLog log) {
    router
        .get("/_sandbox/requests")
        .handler(
            ctx -> {
              int limit = intParam(ctx, "limit", 200);
              ok(ctx, 200, new JsonObject().put("results", log.toJson(limit)));
            });
    router
        .delete("/_sandbox/requests")
        .handler(
            ctx -> {
              log.clear();
              ctx.response().setStatusCode(204).endAndForget();
            });
  }

  /**
   * The request body as a JSON object; an empty body is an empty object.
   *
   * @param ctx the request
   * @return the object
   * @throws DecodeException when the body is not a JSON object
   */
  public static JsonObject bodyObject(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().length() <= 0) {
      return new JsonObject();
    }
    return ctx.body().asJsonObject();
  }

  /**
   * An integer query parameter.
   *
   * @param ctx the request
   * @param name parameter name
   * @param fallback value when absent or not a number
   * @return the value
   */
  public static int intParam(RoutingContext ctx, String name, int fallback) {
    String v = ctx.request().getParam(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /**
   * Answers an admin JSON body.
   *
   * @param ctx the request
   * @param status HTTP status
   * @param body JSON
   */
  public static void ok(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .endAndForget(body.encode());
  }

  /**
   * Answers an admin 400.
   *
   * @param ctx the request
   * @param message what is wrong
   */
  public static void badRequest(RoutingContext ctx, String message) {
    ok(ctx, 400, new JsonObject().put("error", message));
  }

  /**
   * Answers an admin 404.
   *
   * @param ctx the request
   * @param message what is missing
   */
  public static void notFound(RoutingContext ctx, String message) {
    ok(ctx, 404, new JsonObject().put("error", message));
  }
}

package com.queast.gateway.api;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.matching.MatchThresholds;
import com.queast.gateway.matching.ReviewQueue;
import com.queast.gateway.tenant.ConnectionStore;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Review queue and matching settings: {@code GET
 * /v1/tenants/{t}/matches?state=&connectionId=&limit=&before=}, {@code POST
 * .../matches/{id}/confirm|reject|relink}, {@code PUT /v1/tenants/{t}/connections/{c}/matching}.
 */
public final class MatchesHandler implements RouteContributor {

  private final ReviewQueue queue;
  private final ConnectionStore connections;

  /**
   * A handler.
   *
   * @param queue review queue
   * @param connections connections (settings)
   */
  public MatchesHandler(ReviewQueue queue, ConnectionStore connections) {
    this.queue = queue;
    this.connections = connections;
  }

  @Override
  public void mount(Router router) {
    router
        .get("/v1/tenants/:tenantId/matches")
        .handler(
            ApiVerticle.json(
                ctx -> {
                  String tenantId = Bodies.pathId(ctx, "tenantId");
                  String state = param(ctx, "state");
                  String conn = param(ctx, "connectionId");
                  UUID connectionId;
                  try {
                    connectionId = conn == null ? null : UUID.fromString(conn);
                  } catch (IllegalArgumentException e) {
                    throw GatewayException.validation(
                        "invalid connectionId",
                        List.of(
                            new FieldError(
                                "connectionId", "format", "connectionId must be a UUID")));
                  }
                  int limit = Bodies.intParam(ctx, "limit", 100, 1, 1000);
                  String before = param(ctx, "before");
                  return queue
                      .list(
                          tenantId,
                          state,
                          connectionId,
                          before == null
                              ? null
                              : (long) Bodies.intParam(ctx, "before", 0, 1, Integer.MAX_VALUE),
                          limit)
                      .map(j -> new Reply(200, j));
                }));
    router
        .post("/v1/tenants/:tenantId/matches/:matchId/confirm")
        .handler(
            ApiVerticle.json(
                ctx ->
                    queue
                        .confirm(Bodies.pathId(ctx, "tenantId"), matchId(ctx))
                        .map(j -> new Reply(200, j))));
    router
        .post("/v1/tenants/:tenantId/matches/:matchId/reject")
        .handler(
            ApiVerticle.json(
                ctx ->
                    queue
                        .reject(Bodies.pathId(ctx, "tenantId"), matchId(ctx))
                        .map(j -> new Reply(200, j))));
    router
        .post("/v1/tenants/:tenantId/matches/:matchId/relink")
        .handler(
            ApiVerticle.json(
                ctx -> {
                  JsonObject body = Bodies.object(ctx);
                  Object crmId = body.getValue("crmId");
                  if (!(crmId instanceof String s)) {
                    throw GatewayException.validation(
                        "crmId is required",
                        List.of(new FieldError("crmId", "required", "crmId must be a string")));
                  }
                  return queue
                      .relink(Bodies.pathId(ctx, "tenantId"), matchId(ctx), s)
                      .map(j -> new Reply(200, j));
                }));
    router
        .put("/v1/tenants/:tenantId/connections/:connectionId/matching")
        .handler(ApiVerticle.json(this::settings));
  }

  private io.smallrye.mutiny.Uni<Reply> settings(RoutingContext ctx) {
    String tenantId = Bodies.pathId(ctx, "tenantId");
    UUID id = Bodies.pathUuid(ctx, "connectionId");
    JsonObject body = Bodies.object(ctx);
    List<FieldError> errors = new ArrayList<>();
    double auto = fraction(body, "autoLink", MatchThresholds.DEFAULT.autoLink(), errors);
    double floor = fraction(body, "reviewFloor", MatchThresholds.DEFAULT.reviewFloor(), errors);
    Object onReview = body.getValue("onReview", "wait");
    if (!"wait".equals(onReview) && !"create".equals(onReview)) {
      errors.add(new FieldError("onReview", "enum", "onReview is wait or create"));
    }
    Object nameAutoLink = body.getValue("nameAutoLink", false);
    if (!(nameAutoLink instanceof Boolean)) {
      errors.add(new FieldError("nameAutoLink", "type", "nameAutoLink must be true or false"));
    }
    for (String k : body.fieldNames()) {
      if (!List.of("autoLink", "reviewFloor", "onReview", "nameAutoLink").contains(k)) {
        errors.add(new FieldError(k, "unknown", "unknown field " + k));
      }
    }
    if (errors.isEmpty() && floor > auto) {
      errors.add(new FieldError("reviewFloor", "range", "reviewFloor must not exceed autoLink"));
    }
    if (!errors.isEmpty()) {
      throw GatewayException.validation("invalid matching settings", errors);
    }
    JsonObject settings =
        new JsonObject()
            .put("autoLink", auto)
            .put("reviewFloor", floor)
            .put("onReview", onReview)
            .put("nameAutoLink", nameAutoLink);
    return connections
        .get(tenantId, id)
        .chain(
            c -> {
              if (c.isEmpty()) {
                throw GatewayException.notFound("connection", id.toString());
              }
              return connections.mergeConfig(
                  tenantId, id, new JsonObject().put("matching", settings));
            })
        .map(
            v ->
                new Reply(
                    200,
                    new JsonObject().put("connectionId", id.toString()).put("matching", settings)));
  }

  private static double fraction(JsonObject body, String key, double def, List<FieldError> errors) {
    Object v = body.getValue(key);
    if (v == null) {
      return def;
    }
    if (!(v instanceof Number n) || n.doubleValue() <= 0 || n.doubleValue() > 1) {
      errors.add(new FieldError(key, "range", key + " must be a number in (0, 1]"));
      return def;
    }
    return n.doubleValue();
  }

  private static long matchId(RoutingContext ctx) {
    try {
      return Long.parseLong(ctx.pathParam("matchId"));
    } catch (NumberFormatException e) {
      throw GatewayException.notFound("match", ctx.pathParam("matchId"));
    }
  }

  private static String param(RoutingContext ctx, String name) {
    var v = ctx.queryParam(name);
    return v.isEmpty() ? null : v.get(0);
  }
}

package com.queast.gateway.api;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.matching.BulkReview;
import com.queast.gateway.matching.MatchSettings;
import com.queast.gateway.matching.MatchThresholds;
import com.queast.gateway.matching.MatchingReport;
import com.queast.gateway.matching.ReviewQueue;
import com.queast.gateway.tenant.ConnectionStore;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Review queue and matching settings: {@code GET
 * /v1/tenants/{t}/matches?state=&connectionId=&limit=&before=}, {@code POST
 * .../matches/{id}/confirm|reject|relink}, {@code PUT /v1/tenants/{t}/connections/{c}/matching}.
 */
public final class MatchesHandler implements RouteContributor {

  private static final Set<String> FILTER_FIELDS =
      Set.of("state", "connectionId", "strategy", "minScore", "maxScore");

  private final ReviewQueue queue;
  private final BulkReview bulk;
  private final MatchingReport report;
  private final ConnectionStore connections;

  /**
   * A handler.
   *
   * @param queue review queue
   * @param bulk bulk decisions
   * @param report per-connection matching report
   * @param connections connections (settings)
   */
  public MatchesHandler(
      ReviewQueue queue, BulkReview bulk, MatchingReport report, ConnectionStore connections) {
    this.queue = queue;
    this.bulk = bulk;
    this.report = report;
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
    router
        .postWithRegex("/v1/tenants/(?<tenantId>[^/]+)/matches:decide")
        .handler(ApiVerticle.json(this::decideAll));
    router
        .get("/v1/tenants/:tenantId/connections/:connectionId/matching-report")
        .handler(
            ApiVerticle.json(
                ctx -> {
                  String tenantId = Bodies.pathId(ctx, "tenantId");
                  UUID id = Bodies.pathUuid(ctx, "connectionId");
                  return connections
                      .get(tenantId, id)
                      .chain(
                          c -> {
                            if (c.isEmpty()) {
                              throw GatewayException.notFound("connection", id.toString());
                            }
                            return report.report(tenantId, id, MatchSettings.of(c.get().config()));
                          })
                      .map(j -> new Reply(200, j));
                }));
  }

  /** {@code POST .../matches:decide {"filter": {...}, "action": "confirm|reject"}}. */
  private io.smallrye.mutiny.Uni<Reply> decideAll(RoutingContext ctx) {
    String tenantId = Bodies.pathId(ctx, "tenantId");
    JsonObject body = Bodies.object(ctx);
    List<FieldError> errors = new ArrayList<>();
    for (String k : body.fieldNames()) {
      if (!List.of("filter", "action").contains(k)) {
        errors.add(new FieldError(k, "unknown", "unknown field " + k));
      }
    }
    Object action = body.getValue("action");
    if (!"confirm".equals(action) && !"reject".equals(action)) {
      errors.add(new FieldError("action", "enum", "action is confirm or reject"));
    }
    Object f = body.getValue("filter", new JsonObject());
    JsonObject filter = f instanceof JsonObject j ? j : null;
    if (filter == null) {
      errors.add(new FieldError("filter", "type", "filter must be an object"));
      filter = new JsonObject();
    }
    for (String k : filter.fieldNames()) {
      if (!FILTER_FIELDS.contains(k)) {
        errors.add(new FieldError("filter." + k, "unknown", "unknown filter field " + k));
      }
    }
    Object state = filter.getValue("state", "needs_review");
    if (!"needs_review".equals(state) && !"auto_linked".equals(state)) {
      errors.add(
          new FieldError("filter.state", "enum", "filter.state is needs_review or auto_linked"));
    }
    UUID connectionId = null;
    Object conn = filter.getValue("connectionId");
    if (conn != null) {
      try {
        connectionId = UUID.fromString(String.valueOf(conn));
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError("filter.connectionId", "format", "filter.connectionId must be a UUID"));
      }
      if (!(conn instanceof String)) {
        errors.add(
            new FieldError("filter.connectionId", "type", "filter.connectionId is a string"));
      }
    }
    Object strategy = filter.getValue("strategy");
    if (strategy != null && (!(strategy instanceof String s) || s.isEmpty() || s.length() > 64)) {
      errors.add(
          new FieldError("filter.strategy", "type", "filter.strategy is 1 to 64 characters"));
    }
    Double min = score(filter, "minScore", errors);
    Double max = score(filter, "maxScore", errors);
    if (min != null && max != null && min > max) {
      errors.add(new FieldError("filter.minScore", "range", "minScore must not exceed maxScore"));
    }
    if (!errors.isEmpty()) {
      throw GatewayException.validation("invalid bulk decision", errors);
    }
    BulkReview.Filter selection =
        new BulkReview.Filter((String) state, connectionId, (String) strategy, min, max);
    JsonObject echo = filter.copy().put("state", state);
    return bulk.decide(tenantId, selection, (String) action)
        .map(
            n ->
                new Reply(
                    200,
                    new JsonObject().put("action", action).put("filter", echo).put("changed", n)));
  }

  private static Double score(JsonObject filter, String key, List<FieldError> errors) {
    Object v = filter.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n)
        || !Double.isFinite(n.doubleValue())
        || n.doubleValue() < 0
        || n.doubleValue() > 1) {
      errors.add(new FieldError("filter." + key, "range", key + " must be a number in [0, 1]"));
      return null;
    }
    return n.doubleValue();
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

package com.queast.gateway.inbound;

import com.queast.gateway.api.ApiVerticle;
import com.queast.gateway.api.Bodies;
import com.queast.gateway.api.Reply;
import com.queast.gateway.api.RouteContributor;
import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.matching.IndexJobs;
import com.queast.gateway.tenant.ConnectionStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;

/**
 * Operations view of inbound work: {@code GET /v1/tenants/{t}/inbound-events} (received webhook
 * events with their state, e.g. {@code unresolved}) and {@code POST
 * /v1/tenants/{t}/connections/{c}/pull} (start an incremental pull round now).
 */
public final class InboundRoutes implements RouteContributor {

  private static final Set<String> STATES = Set.of("received", "processed", "unresolved");

  private final InboundStore store;
  private final InboundJobs jobs;
  private final IndexJobs index;
  private final ConnectionStore connections;

  /**
   * Routes.
   *
   * @param store inbound events
   * @param jobs pull rounds
   * @param index full listings ({@code {"full": true}})
   * @param connections tenant-scoped connection lookup
   */
  public InboundRoutes(
      InboundStore store, InboundJobs jobs, IndexJobs index, ConnectionStore connections) {
    this.store = store;
    this.jobs = jobs;
    this.index = index;
    this.connections = connections;
  }

  @Override
  public void mount(Router router) {
    router.get("/v1/tenants/:tenantId/inbound-events").handler(ApiVerticle.json(this::list));
    router
        .post("/v1/tenants/:tenantId/connections/:connectionId/pull")
        .handler(ApiVerticle.json(this::pull));
  }

  private Uni<Reply> list(RoutingContext ctx) {
    String tenant = ctx.pathParam("tenantId");
    UUID connection = uuid(ctx.queryParams().get("connectionId"), "connectionId");
    String state = ctx.queryParams().get("state");
    if (state != null && !STATES.contains(state)) {
      throw new GatewayException("validation_failed", 400, "state must be one of " + STATES);
    }
    int limit = integer(ctx.queryParams().get("limit"), 100, "limit");
    if (limit < 1 || limit > 1000) {
      throw new GatewayException("validation_failed", 400, "limit must be 1 to 1000");
    }
    String b = ctx.queryParams().get("before");
    Long before = b == null ? null : (long) integer(b, 0, "before");
    return store
        .list(tenant, connection, state, before, limit)
        .map(
            items -> {
              Long next =
                  items.size() == limit
                      ? items.getJsonObject(items.size() - 1).getLong("id")
                      : null;
              return new Reply(200, new JsonObject().put("items", items).put("nextBefore", next));
            });
  }

  private Uni<Reply> pull(RoutingContext ctx) {
    String tenant = ctx.pathParam("tenantId");
    UUID id = uuid(ctx.pathParam("connectionId"), "connectionId");
    boolean full = full(ctx);
    return connections
        .get(tenant, id)
        .chain(
            oc -> {
              if (oc.isEmpty()) {
                throw new GatewayException("not_found", 404, "no such connection");
              }
              if (oc.get().lane() == null) {
                throw new GatewayException("not_connected", 409, "the connection is not connected");
              }
              return (full ? index.reconcile(oc.get()) : jobs.startPull(oc.get()))
                  .replaceWith(
                      new Reply(
                          202,
                          new JsonObject()
                              .put("kinds", new JsonArray(InboundJobs.KINDS))
                              .put("full", full)
                              .put("status", "enqueued")));
            });
  }

  /** {@code {"full": true}} asks for a full listing; an empty body is an incremental pull. */
  private static boolean full(RoutingContext ctx) {
    JsonObject o = Bodies.optionalObject(ctx);
    Object f = o.getValue("full");
    if (f != null && !(f instanceof Boolean)) {
      throw GatewayException.validation(
          "full must be a boolean",
          java.util.List.of(new FieldError("full", "type", "must be true or false")));
    }
    for (String k : o.fieldNames()) {
      if (!"full".equals(k)) {
        throw GatewayException.validation(
            "unknown field " + k,
            java.util.List.of(new FieldError(k, "unknown", "not a known field")));
      }
    }
    return Boolean.TRUE.equals(f);
  }

  private static UUID uuid(String v, String field) {
    if (v == null) {
      return null;
    }
    try {
      return UUID.fromString(v);
    } catch (IllegalArgumentException e) {
      throw new GatewayException("not_found", 404, field + " is not a known id");
    }
  }

  private static int integer(String v, int dflt, String field) {
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new GatewayException("validation_failed", 400, field + " must be an integer");
    }
  }
}

package com.queast.gateway.api;

import com.queast.gateway.common.GatewayException;
import com.queast.gateway.tenant.ConnectionService;
import com.queast.gateway.tenant.TenantStore;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;

/**
 * Connections API: {@code POST/GET /v1/tenants/{t}/connections}, {@code GET/DELETE
 * .../connections/{c}}, {@code POST .../connections/{c}/setup}, {@code POST
 * .../connections/{c}/reauthorize}, and the public OAuth callback {@code GET
 * /v1/oauth/{crm}/callback}.
 */
public final class ConnectionsHandler implements RouteContributor {

  private final ConnectionService service;
  private final TenantStore tenants;

  /**
   * A handler.
   *
   * @param service connection lifecycle
   * @param tenants tenants (a connection needs an existing tenant)
   */
  public ConnectionsHandler(ConnectionService service, TenantStore tenants) {
    this.service = service;
    this.tenants = tenants;
  }

  @Override
  public void mount(Router router) {
    router
        .post("/v1/tenants/:tenantId/connections")
        .handler(
            ApiVerticle.json(
                ctx -> {
                  String tenantId = Bodies.pathId(ctx, "tenantId");
                  JsonObject body = Bodies.object(ctx);
                  return tenants
                      .get(tenantId)
                      .chain(
                          t -> {
                            if (t.isEmpty()) {
                              throw GatewayException.notFound("tenant", tenantId);
                            }
                            return service.create(tenantId, body);
                          })
                      .map(c -> new Reply(201, c));
                }));
    router
        .get("/v1/tenants/:tenantId/connections")
        .handler(
            ApiVerticle.json(
                ctx -> service.list(Bodies.pathId(ctx, "tenantId")).map(j -> new Reply(200, j))));
    router
        .get("/v1/tenants/:tenantId/connections/:connectionId")
        .handler(
            ApiVerticle.json(
                ctx ->
                    service
                        .view(Bodies.pathId(ctx, "tenantId"), Bodies.pathUuid(ctx, "connectionId"))
                        .map(j -> new Reply(200, j))));
    router
        .delete("/v1/tenants/:tenantId/connections/:connectionId")
        .handler(
            ApiVerticle.json(
                ctx ->
                    service
                        .disconnect(
                            Bodies.pathId(ctx, "tenantId"), Bodies.pathUuid(ctx, "connectionId"))
                        .map(j -> new Reply(200, j))));
    router
        .post("/v1/tenants/:tenantId/connections/:connectionId/setup")
        .handler(
            ApiVerticle.json(
                ctx ->
                    service
                        .setup(Bodies.pathId(ctx, "tenantId"), Bodies.pathUuid(ctx, "connectionId"))
                        .map(j -> new Reply(200, j))));
    router
        .post("/v1/tenants/:tenantId/connections/:connectionId/reauthorize")
        .handler(
            ApiVerticle.json(
                ctx ->
                    service
                        .reauthorize(
                            Bodies.pathId(ctx, "tenantId"),
                            Bodies.pathUuid(ctx, "connectionId"),
                            Bodies.optionalObject(ctx))
                        .map(j -> new Reply(200, j))));
  }

  @Override
  public void mountPublic(Router router) {
    router.get("/v1/oauth/:crm/callback").handler(this::callback);
  }

  private void callback(RoutingContext ctx) {
    String crm = ctx.pathParam("crm");
    service
        .completeOAuth(crm, first(ctx, "code"), first(ctx, "state"), first(ctx, "error"))
        .subscribe()
        .with(
            c ->
                ctx.response()
                    .putHeader("Content-Type", "text/html; charset=utf-8")
                    .endAndForget(
                        "<!doctype html><html><head><title>Connected</title></head><body>"
                            + "<h1>Connected</h1><p>Queast is now connected to "
                            + escape(crm)
                            + " account "
                            + escape(c.getString("accountId"))
                            + " (connection "
                            + escape(c.getString("connectionId"))
                            + ", status "
                            + escape(c.getString("status"))
                            + "). You can close this window.</p></body></html>"),
            ctx::fail);
  }

  private static String first(RoutingContext ctx, String name) {
    var v = ctx.queryParam(name);
    return v.isEmpty() ? null : v.get(0);
  }

  private static String escape(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

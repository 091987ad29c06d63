package com.queast.gateway.sandbox.hubspot;

import static com.queast.gateway.sandbox.common.SandboxAdminRoutes.badRequest;
import static com.queast.gateway.sandbox.common.SandboxAdminRoutes.bodyObject;
import static com.queast.gateway.sandbox.common.SandboxAdminRoutes.notFound;
import static com.queast.gateway.sandbox.common.SandboxAdminRoutes.ok;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The HubSpot sandbox's own admin API under {@code /_sandbox}: portals, inspection, UI-like user
 * actions (which fire webhooks with {@code changeSource: CRM_UI}), token expiry/revocation for
 * tests, 429 statistics and the webhook delivery log. Never faulted, never rate limited.
 */
final class AdminRoutes {

  private final PortalRegistry portals;
  private final TokenStore tokens;
  private final RateLimiter limiter;
  private final ObjectService objects;
  private final WebhookDispatcher webhooks;

  AdminRoutes(
      PortalRegistry portals,
      TokenStore tokens,
      RateLimiter limiter,
      ObjectService objects,
      WebhookDispatcher webhooks) {
    this.portals = portals;
    this.tokens = tokens;
    this.limiter = limiter;
    this.objects = objects;
    this.webhooks = webhooks;
  }

  void mount(Router r) {
    r.post("/_sandbox/portals").handler(guard(this::createPortal));
    r.get("/_sandbox/portals").handler(guard(this::listPortals));
    r.get("/_sandbox/portals/:portalId").handler(guard(this::portal));
    r.get("/_sandbox/portals/:portalId/counts").handler(guard(this::counts));
    r.post("/_sandbox/portals/:portalId/install").handler(guard(this::install));
    r.get("/_sandbox/portals/:portalId/objects/:objectType").handler(guard(this::objects));
    r.post("/_sandbox/portals/:portalId/:objectType").handler(guard(this::uiCreate));
    r.post("/_sandbox/portals/:portalId/:objectType/:id/properties").handler(guard(this::uiSet));
    r.delete("/_sandbox/portals/:portalId/:objectType/:id").handler(guard(this::uiDelete));
    r.post("/_sandbox/oauth/access-tokens/:token/expire").handler(guard(this::expire));
    r.post("/_sandbox/oauth/refresh-tokens/:token/revoke").handler(guard(this::revoke));
    r.get("/_sandbox/stats").handler(guard(this::stats));
    r.delete("/_sandbox/stats")
        .handler(
            guard(
                ctx -> {
                  limiter.resetStats();
                  ok(ctx, 200, limiter.stats());
                }));
    r.get("/_sandbox/webhooks/deliveries")
        .handler(
            guard(
                ctx ->
                    ok(
                        ctx,
                        200,
                        new JsonObject().put("results", new JsonArray(webhooks.deliveries())))));
  }

  private static Consumer<RoutingContext> guard(Consumer<RoutingContext> h) {
    return ctx -> {
      try {
        h.accept(ctx);
      } catch (HubSpotError e) {
        ok(ctx, e.status(), e.toJson());
      } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
        badRequest(ctx, e.getMessage());
      }
    };
  }

  private void createPortal(RoutingContext ctx) {
    JsonObject body = bodyObject(ctx);
    Set<String> scopes = null;
    if (body.getJsonArray("scopes") != null) {
      scopes = new LinkedHashSet<>();
      for (Object s : body.getJsonArray("scopes")) {
        scopes.add(String.valueOf(s));
      }
    }
    RateTier tier = body.getString("tier") == null ? null : RateTier.parse(body.getString("tier"));
    boolean enterprise = "enterprise".equalsIgnoreCase(body.getString("hubTier", ""));
    Portal p = portals.create(body.getLong("portalId"), scopes, tier, enterprise);
    if (body.getBoolean("installApp", true)) {
      p.installApp();
    }
    ok(ctx, 201, describe(p));
  }

  private JsonObject describe(Portal p) {
    JsonObject counts = new JsonObject();
    for (ObjectType t : ObjectType.builtIns()) {
      counts.put(t.plural(), p.count(t));
    }
    for (ObjectSchema s : p.schemas()) {
      counts.put(s.type().plural(), p.count(s.type()));
    }
    return new JsonObject()
        .put("portalId", p.id())
        .put("privateAppToken", p.privateAppToken())
        .put("privateAppScopes", new JsonArray(p.privateAppScopes().stream().sorted().toList()))
        .put(
            "privateAppTier",
            new JsonObject()
                .put("name", p.privateAppTier().name())
                .put("perTenSeconds", p.privateAppTier().perTenSeconds())
                .put("perDay", p.privateAppTier().perDay()))
        .put("hubTier", p.enterprise() ? "enterprise" : "professional")
        .put("appInstalled", p.appInstalled())
        .put("counts", counts);
  }

  private Portal portal(RoutingContext ctx, boolean answer) {
    try {
      Portal p = portals.find(Long.parseLong(ctx.pathParam("portalId"))).orElse(null);
      if (p == null && answer) {
        notFound(ctx, "portal " + ctx.pathParam("portalId") + " not found");
      }
      return p;
    } catch (NumberFormatException e) {
      notFound(ctx, "portal " + ctx.pathParam("portalId") + " not found");
      return null;
    }
  }

  private void listPortals(RoutingContext ctx) {
    JsonArray out = new JsonArray();
    portals.all().forEach(p -> out.add(describe(p)));
    ok(ctx, 200, new JsonObject().put("results", out));
  }

  private void portal(RoutingContext ctx) {
    Portal p = portal(ctx, true);
    if (p != null) {
      ok(ctx, 200, describe(p));
    }
  }

  private void counts(RoutingContext ctx) {
    Portal p = portal(ctx, true);
    if (p != null) {
      ok(ctx, 200, describe(p).getJsonObject("counts"));
    }
  }

  private void install(RoutingContext ctx) {
    Portal p = portal(ctx, true);
    if (p != null) {
      p.installApp();
      ok(ctx, 200, describe(p));
    }
  }

  private void objects(RoutingContext ctx) {
    Portal p = portal(ctx, true);
    if (p == null) {
      return;
    }
    ObjectType type = p.requireType(ctx.pathParam("objectType"));
    String property = ctx.request().getParam("property");
    String value = ctx.request().getParam("value");
    boolean archived = Boolean.parseBoolean(ctx.request().getParam("archived", "false"));
    JsonArray out = new JsonArray();
    synchronized (p) {
      for (CrmObject o : p.records(type, archived)) {
        if (property == null
            || (value == null ? o.get(property) != null : value.equals(o.get(property)))) {
          JsonObject r =
              ObjectJson.render(o, null)
                  .put("properties", new JsonObject(new java.util.TreeMap<>(o.properties())));
          out.add(r);
        }
      }
    }
    ok(ctx, 200, new JsonObject().put("total", out.size()).put("results", out));
  }

  private void uiCreate(RoutingContext ctx) {
    Portal p = portal(ctx, true);
    if (p == null) {
      return;
    }
    ObjectType type = p.requireType(ctx.pathParam("objectType"));
    JsonObject body = bodyObject(ctx);
    CrmObject o =
        objects.create(
            p,
            type,
            body.getJsonObject("properties", body),
            body.getJsonArray("associations"),
            CrmEvents.Source.CRM_UI);
    ok(ctx, 201, ObjectJson.render(o, null));
  }

  private void uiSet(RoutingContext ctx) {
    Portal p = portal(ctx, true);
    if (p == null) {
      return;
    }
    ObjectType type = p.requireType(ctx.pathParam("objectType"));
    String id = ctx.pathParam("id");
    CrmObject o =
        objects
            .resolve(p, type, id, null, false)
            .orElseThrow(() -> HubSpotError.objectNotFound(id));
    JsonObject body = bodyObject(ctx);
    objects.update(p, o, body.getJsonObject("properties", body), CrmEvents.Source.CRM_UI);
    ok(ctx, 200, ObjectJson.render(o, new java.util.ArrayList<>(o.properties().keySet())));
  }

  private void uiDelete(RoutingContext ctx) {
    Portal p = portal(ctx, true);
    if (p == null) {
      return;
    }
    ObjectType type = p.requireType(ctx.pathParam("objectType"));
    String id = ctx.pathParam("id");
    CrmObject o =
        objects
            .resolve(p, type, id, null, false)
            .orElseThrow(() -> HubSpotError.objectNotFound(id));
    objects.archive(p, o, CrmEvents.Source.CRM_UI);
    ctx.response().setStatusCode(204).endAndForget();
  }

  private void expire(RoutingContext ctx) {
    if (tokens.expireNow(ctx.pathParam("token"))) {
      ok(ctx, 200, new JsonObject().put("expired", true));
    } else {
      notFound(ctx, "unknown access token");
    }
  }

  private void revoke(RoutingContext ctx) {
    if (tokens.revokeRefresh(ctx.pathParam("token"))) {
      ok(ctx, 200, new JsonObject().put("revoked", true));
    } else {
      notFound(ctx, "unknown refresh token");
    }
  }

  private void stats(RoutingContext ctx) {
    ok(
        ctx,
        200,
        new JsonObject()
            .put("rateLimited", limiter.stats())
            .put("webhookDeliveries", webhooks.deliveries().size()));
  }
}

package com.queast.gateway.sandbox.pipedrive;

import com.queast.gateway.sandbox.common.FaultInjector;
import com.queast.gateway.sandbox.common.FaultPlan;
import com.queast.gateway.sandbox.common.RequestLog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code /_sandbox} admin API: companies (create, inspect, plan, budget), stored objects,
 * webhook deliveries, user actions that fire webhooks with {@code change_source: "app"}, OAuth
 * token manipulation, the request log, counters and the fault plan. No authentication; plain JSON.
 */
final class AdminApi {

  private final Registry registry;
  private final OAuthStore oauth;
  private final OAuthServer oauthServer;
  private final RateLimiter limiter;
  private final RequestLog requests;
  private final FaultInjector faults;
  private final Map<String, ContactService> contacts;
  private final Supplier<String> baseUrl;
  private final Clock clock;

  AdminApi(
      Registry registry,
      OAuthStore oauth,
      OAuthServer oauthServer,
      RateLimiter limiter,
      RequestLog requests,
      FaultInjector faults,
      Map<String, ContactService> contacts,
      Supplier<String> baseUrl,
      Clock clock) {
    this.registry = registry;
    this.oauth = oauth;
    this.oauthServer = oauthServer;
    this.limiter = limiter;
    this.requests = requests;
    this.faults = faults;
    this.contacts = contacts;
    this.baseUrl = baseUrl;
    this.clock = clock;
  }

  void register(Router r) {
    r.post("/_sandbox/companies").handler(this::createCompany);
    r.get("/_sandbox/companies").handler(ctx -> json(ctx, 200, companies()));
    r.get("/_sandbox/companies/:cid").handler(ctx -> json(ctx, 200, summary(company(ctx))));
    r.put("/_sandbox/companies/:cid/plan").handler(this::setPlan);
    r.put("/_sandbox/companies/:cid/budget").handler(this::setBudget);
    r.post("/_sandbox/companies/:cid/budget/reset").handler(this::resetBudget);
    r.get("/_sandbox/companies/:cid/webhook-deliveries").handler(this::deliveries);
    r.post("/_sandbox/companies/:cid/api-token/rotate")
        .handler(
            ctx ->
                json(
                    ctx,
                    200,
                    new JsonObject().put("apiToken", registry.rotateApiToken(company(ctx)))));
    r.get("/_sandbox/companies/:cid/:collection").handler(this::collection);
    r.post("/_sandbox/companies/:cid/:entity").handler(this::userCreate);
    r.patch("/_sandbox/companies/:cid/:entity/:id").handler(this::userUpdate);
    r.delete("/_sandbox/companies/:cid/:entity/:id").handler(this::userDelete);
    r.put("/_sandbox/oauth").handler(this::setOAuth);
    r.post("/_sandbox/oauth/access-tokens/expire").handler(this::expireAccess);
    r.post("/_sandbox/oauth/refresh-tokens/revoke").handler(this::revokeRefresh);
    r.get("/_sandbox/requests").handler(this::requestLog);
    r.delete("/_sandbox/requests")
        .handler(
            ctx -> {
              requests.clear();
              ctx.response().setStatusCode(204).endAndForget();
            });
    r.get("/_sandbox/stats").handler(ctx -> json(ctx, 200, stats()));
    r.put("/_sandbox/faults").handler(this::putFaults);
    r.get("/_sandbox/faults").handler(ctx -> json(ctx, 200, faults.plan().toJson()));
    r.delete("/_sandbox/faults")
        .handler(
            ctx -> {
              faults.set(FaultPlan.NONE);
              ctx.response().setStatusCode(204).endAndForget();
            });
  }

  static void json(RoutingContext ctx, int status, Object body) {
    String text = body instanceof JsonArray a ? a.encode() : ((JsonObject) body).encode();
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json; charset=utf-8")
        .endAndForget(text);
  }

  static AdminError bad(String message) {
    return new AdminError(400, message);
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      return ctx.body() == null || ctx.body().isEmpty()
          ? new JsonObject()
          : ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      throw bad("body must be a JSON object");
    }
  }

  private Company company(RoutingContext ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("cid"));
    } catch (NumberFormatException e) {
      throw new AdminError(404, "no company " + ctx.pathParam("cid"));
    }
    Company c = registry.byId(id);
    if (c == null) {
      throw new AdminError(404, "no company " + id);
    }
    return c;
  }

  private JsonObject summary(Company c) {
    synchronized (c) {
      return c.summary(clock.instant());
    }
  }

  private JsonArray companies() {
    JsonArray out = new JsonArray();
    registry.all().forEach(c -> out.add(summary(c)));
    return out;
  }

  private JsonObject stats() {
    return new JsonObject()
        .put("rateLimited429", limiter.total429())
        .put("blocked403", limiter.total403())
        .put("companies", registry.all().size());
  }

  private void createCompany(RoutingContext ctx) {
    JsonObject b = body(ctx);
    Plan plan;
    try {
      plan = b.getValue("plan") == null ? null : Plan.parse(b.getValue("plan").toString());
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
    Integer seats = b.getInteger("seats");
    if (seats != null && seats < 1) {
      throw bad("seats must be at least 1");
    }
    Company c = registry.create(b.getString("name"), plan, seats);
    json(
        ctx,
        201,
        new JsonObject()
            .put("companyId", c.id)
            .put("apiToken", c.apiToken)
            .put("apiDomain", baseUrl.get())
            .put("userId", c.userId));
  }

  private void setPlan(RoutingContext ctx) {
    Company c = company(ctx);
    JsonObject b = body(ctx);
    synchronized (c) {
      Plan plan;
      try {
        plan =
            b.getValue("plan") == null
                ? c.budget.plan()
                : Plan.parse(b.getValue("plan").toString());
      } catch (IllegalArgumentException e) {
        throw bad(e.getMessage());
      }
      c.budget.setPlan(
          plan,
          b.getInteger("seats", c.budget.seats()),
          b.getLong("topUpTokens", c.budget.topUp()));
    }
    json(ctx, 200, summary(c));
  }

  private void setBudget(RoutingContext ctx) {
    Company c = company(ctx);
    JsonObject b = body(ctx);
    synchronized (c) {
      if (b.getValue("tokensUsed") != null) {
        c.budget.setUsed(b.getLong("tokensUsed"));
      }
      if (b.getValue("nextResetAt") != null) {
        try {
          c.budget.setNextReset(Instant.parse(b.getString("nextResetAt")));
        } catch (DateTimeParseException | ClassCastException e) {
          throw bad("nextResetAt must be an ISO instant");
        }
      }
    }
    json(ctx, 200, summary(c));
  }

  private void resetBudget(RoutingContext ctx) {
    Company c = company(ctx);
    synchronized (c) {
      c.budget.resetNow(clock.instant());
    }
    json(ctx, 200, summary(c));
  }

  private void deliveries(RoutingContext ctx) {
    Company c = company(ctx);
    synchronized (c) {
      json(
          ctx,
          200,
          new JsonObject().put("items", new JsonArray(new java.util.ArrayList<>(c.deliveries))));
    }
  }

  private void collection(RoutingContext ctx) {
    Company c = company(ctx);
    String name = ctx.pathParam("collection");
    JsonArray items = new JsonArray();
    synchronized (c) {
      switch (name) {
        case "organizations" -> c.organizations.all().forEach(o -> items.add(o.copy()));
        case "persons" -> c.persons.all().forEach(o -> items.add(o.copy()));
        case "activities" -> c.activities.all().forEach(o -> items.add(o.copy()));
        case "notes" -> c.notes.all().forEach(o -> items.add(o.copy()));
        case "webhooks" ->
            c.webhooks.forEach(
                w ->
                    items.add(
                        w.toV1()
                            .put("ban_counter", w.banCounter)
                            .put(
                                "banned_until",
                                w.bannedUntil == null ? null : w.bannedUntil.toString())));
        case "organizationFields" -> c.organizationFields.all().forEach(f -> items.add(f.toV2()));
        case "personFields" -> c.personFields.all().forEach(f -> items.add(f.toV2()));
        default -> throw new AdminError(404, "no collection " + name);
      }
    }
    json(ctx, 200, new JsonObject().put("items", items).put("count", items.size()));
  }

  private ContactService contacts(RoutingContext ctx) {
    ContactService s = contacts.get(ctx.pathParam("entity"));
    if (s == null) {
      throw new AdminError(404, "user actions exist for organizations and persons only");
    }
    return s;
  }

  private void userCreate(RoutingContext ctx) {
    Company c = company(ctx);
    json(ctx, 201, contacts(ctx).create(c, c.userId, body(ctx), "app"));
  }

  private void userUpdate(RoutingContext ctx) {
    Company c = company(ctx);
    long id = Query.pathId(ctx);
    json(ctx, 200, contacts(ctx).update(c, c.userId, id, body(ctx), "app"));
  }

  private void userDelete(RoutingContext ctx) {
    Company c = company(ctx);
    long id = Query.pathId(ctx);
    json(ctx, 200, contacts(ctx).delete(c, c.userId, id, "app"));
  }

  private void setOAuth(RoutingContext ctx) {
    Boolean auto = body(ctx).getBoolean("autoConsent");
    if (auto != null) {
      oauthServer.setAutoConsent(auto);
    }
    json(ctx, 200, new JsonObject().put("autoConsent", oauthServer.autoConsent()));
  }

  private void expireAccess(RoutingContext ctx) {
    String token = body(ctx).getString("token");
    if (token == null || !oauth.expireAccess(token)) {
      throw new AdminError(404, "unknown access token");
    }
    json(ctx, 200, new JsonObject().put("expired", true));
  }

  private void revokeRefresh(RoutingContext ctx) {
    String token = body(ctx).getString("token");
    if (token == null || !oauth.revokeRefresh(token)) {
      throw new AdminError(404, "unknown refresh token");
    }
    json(ctx, 200, new JsonObject().put("revoked", true));
  }

  private void requestLog(RoutingContext ctx) {
    String raw = Query.first(ctx, "limit");
    int limit = raw == null ? 100 : (int) Query.integer("limit", raw);
    json(ctx, 200, new JsonObject().put("items", requests.toJson(limit)));
  }

  private void putFaults(RoutingContext ctx) {
    try {
      faults.set(FaultPlan.fromJson(body(ctx)));
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
    json(ctx, 200, faults.plan().toJson());
  }

  /** An admin API error: {@code {"error": message}} with a status. */
  static final class AdminError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    AdminError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}

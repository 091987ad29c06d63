package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * v1 webhooks management (vendor notes §5.1) with the webhooks API's own envelope ({@code "status":
 * "ok"} / {@code "status": "error"} with {@code errors}); also {@code GET /api/v1/users/me}, where
 * the connector learns its company id.
 */
final class WebhooksApi {

  static final Set<String> ACTIONS = Set.of("create", "change", "delete", "*");
  static final Set<String> OBJECTS =
      Set.of(
          "activity",
          "deal",
          "lead",
          "note",
          "organization",
          "person",
          "pipeline",
          "product",
          "stage",
          "user",
          "*");

  private final PipedriveSandboxOptions options;
  private final Clock clock;

  WebhooksApi(PipedriveSandboxOptions options) {
    this.options = options;
    this.clock = options.clock();
  }

  void register(VendorRoutes routes) {
    routes.add(HttpMethod.GET, "/api/v1/webhooks", this::list);
    routes.add(HttpMethod.POST, "/api/v1/webhooks", this::create);
    routes.add(HttpMethod.DELETE, "/api/v1/webhooks/:id", this::delete);
    routes.add(HttpMethod.GET, "/api/v1/users/me", this::me);
  }

  private void me(RoutingContext ctx) {
    Caller caller = ctx.get(Caller.KEY);
    Envelope.ok(ctx, caller.company().user());
  }

  private static JsonObject ok(Object data) {
    JsonObject body = new JsonObject().put("status", "ok").put("success", true);
    return data == null ? body : body.put("data", data);
  }

  private void create(RoutingContext ctx) {
    Caller caller = ctx.get(Caller.KEY);
    Company c = caller.company();
    JsonObject b = ContactsApi.body(ctx);
    String url = text(b, "subscription_url");
    if (url == null || !validUrl(url)) {
      throw PdError.webhookErrors(400, "subscription_url", "invalid or non-reachable URL");
    }
    String action = text(b, "event_action");
    if (action == null || !ACTIONS.contains(action)) {
      throw PdError.webhookErrors(400, "event_action", "must be one of " + ACTIONS);
    }
    String object = text(b, "event_object");
    if (object == null || !OBJECTS.contains(object)) {
      throw PdError.webhookErrors(400, "event_object", "must be one of " + OBJECTS);
    }
    if (text(b, "name") == null) {
      throw PdError.webhookErrors(400, "name", "is required");
    }
    String version = b.getValue("version") == null ? "2.0" : b.getValue("version").toString();
    if (!version.equals("2.0")) {
      throw PdError.webhookErrors(
          400, "version", "only version 2.0 payloads are emulated by the sandbox");
    }
    Webhook w;
    synchronized (c) {
      long owned =
          c.webhooks.stream().filter(h -> h.active() && h.ownerId == caller.userId()).count();
      if (owned >= options.webhooksPerUser()) {
        throw PdError.webhookErrors(422, "webhooks", "Webhooks limit reached");
      }
      JsonObject normalized = b.copy().put("version", version);
      w = new Webhook(++c.webhookSeq, c.id, caller.userId(), normalized, clock.instant());
      c.webhooks.add(w);
    }
    Envelope.send(ctx, 201, ok(w.toV1()));
  }

  private static String text(JsonObject b, String key) {
    Object v = b.getValue(key);
    return v instanceof String s && !s.isBlank() ? s : null;
  }

  private static boolean validUrl(String url) {
    try {
      URI u = URI.create(url);
      return List.of("http", "https").contains(u.getScheme()) && u.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void list(RoutingContext ctx) {
    Company c = ((Caller) ctx.get(Caller.KEY)).company();
    JsonArray data = new JsonArray();
    synchronized (c) {
      c.webhooks.stream().filter(Webhook::active).forEach(w -> data.add(w.toV1()));
    }
    Envelope.send(ctx, 200, ok(data));
  }

  private void delete(RoutingContext ctx) {
    Company c = ((Caller) ctx.get(Caller.KEY)).company();
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw PdError.webhookErrors(404, "id", "not found");
    }
    synchronized (c) {
      Webhook w =
          c.webhooks.stream().filter(h -> h.id == id && h.active()).findFirst().orElse(null);
      if (w == null) {
        throw PdError.webhookErrors(404, "id", "not found");
      }
      w.removeTime = clock.instant();
      w.removeReason = "user";
    }
    Envelope.send(ctx, 200, ok(null));
  }
}

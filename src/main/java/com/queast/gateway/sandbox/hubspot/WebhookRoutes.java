package com.queast.gateway.sandbox.hubspot;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * The webhook management API of the sandbox's app: {@code /webhooks/v3/{appId}/settings} and {@code
 * /subscriptions} (and the {@code /webhooks/2026-03/{appId}} mirror), authenticated with the
 * developer API key in {@code hapikey}.
 */
final class WebhookRoutes {

  private static final List<String> PREFIXES =
      List.of("/webhooks/v3/:appId", "/webhooks/2026-03/:appId");

  private final HubSpotSandboxOptions options;
  private final WebhookConfig config;

  WebhookRoutes(HubSpotSandboxOptions options, WebhookDispatcher dispatcher) {
    this.options = options;
    this.config = dispatcher.config();
  }

  void mount(Router r) {
    Http.on(r, GET, PREFIXES, "/settings", ctx -> guarded(ctx, this::getSettings));
    Http.on(r, PUT, PREFIXES, "/settings", ctx -> guarded(ctx, this::putSettings));
    Http.on(r, DELETE, PREFIXES, "/settings", ctx -> guarded(ctx, this::deleteSettings));
    Http.on(r, GET, PREFIXES, "/subscriptions", ctx -> guarded(ctx, this::list));
    Http.on(r, POST, PREFIXES, "/subscriptions", ctx -> guarded(ctx, this::create));
    Http.on(r, POST, PREFIXES, "/subscriptions/batch/update", ctx -> guarded(ctx, this::batch));
    Http.on(r, GET, PREFIXES, "/subscriptions/:id", ctx -> guarded(ctx, this::read));
    Http.on(r, PATCH, PREFIXES, "/subscriptions/:id", ctx -> guarded(ctx, this::patch));
    Http.on(r, DELETE, PREFIXES, "/subscriptions/:id", ctx -> guarded(ctx, this::delete));
  }

  private Http.Reply guarded(
      RoutingContext ctx, java.util.function.Function<RoutingContext, Http.Reply> handler) {
    if (!options.developerApiKey().equals(ctx.request().getParam("hapikey"))) {
      throw AuthErrors.missing();
    }
    if (!Long.toString(options.appId()).equals(ctx.pathParam("appId"))) {
      throw HubSpotError.notFound("App " + ctx.pathParam("appId") + " not found");
    }
    return handler.apply(ctx);
  }

  private Http.Reply getSettings(RoutingContext ctx) {
    return new Http.Reply(
        200,
        config
            .settings()
            .orElseThrow(() -> HubSpotError.notFound("No webhook settings for this app")));
  }

  private Http.Reply putSettings(RoutingContext ctx) {
    return new Http.Reply(200, config.putSettings(Http.body(ctx)));
  }

  private Http.Reply deleteSettings(RoutingContext ctx) {
    config.deleteSettings();
    return new Http.Reply(204, null);
  }

  private Http.Reply list(RoutingContext ctx) {
    return new Http.Reply(200, new JsonObject().put("results", config.list()));
  }

  private Http.Reply create(RoutingContext ctx) {
    return new Http.Reply(201, config.create(Http.body(ctx)));
  }

  private Http.Reply read(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return new Http.Reply(200, config.get(id).orElseThrow(() -> notFound(id)));
  }

  private Http.Reply patch(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    JsonObject body = Http.body(ctx);
    if (body.getBoolean("active") == null) {
      throw HubSpotError.validation("active is required");
    }
    return new Http.Reply(
        200, config.setActive(id, body.getBoolean("active")).orElseThrow(() -> notFound(id)));
  }

  private Http.Reply delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!config.delete(id)) {
      throw notFound(id);
    }
    return new Http.Reply(204, null);
  }

  private Http.Reply batch(RoutingContext ctx) {
    JsonArray inputs = BatchService.inputs(Http.body(ctx), 100);
    BatchResult out = new BatchResult(options.clock().instant(), 200);
    for (Object i : inputs) {
      JsonObject in = (JsonObject) i;
      String id = String.valueOf(in.getValue("id"));
      config
          .setActive(id, in.getBoolean("active", false))
          .ifPresentOrElse(out::result, () -> out.error(notFound(id).toBatchError(Map.of())));
    }
    return new Http.Reply(out.status(), out.toJson(options.clock().instant()));
  }

  private static HubSpotError notFound(String id) {
    return new HubSpotError(
        404,
        "SUBSCRIPTION_ID_NOT_FOUND",
        "Failed to find subscriptions by id `" + id + "`.",
        null,
        null,
        null,
        null);
  }
}

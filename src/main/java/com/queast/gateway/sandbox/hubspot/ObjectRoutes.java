package com.queast.gateway.sandbox.hubspot;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The objects API for companies, contacts, notes and tasks, mounted under {@code /crm/v3/objects}
 * and the dated {@code /crm/objects/2026-03} (and {@code 2026-09}) prefixes from the same handlers.
 */
final class ObjectRoutes {

  private final ObjectService objects;
  private final BatchService batches;
  private final SearchService search;
  private final HubSpotSandboxOptions options;

  ObjectRoutes(ObjectService objects, SearchService search, HubSpotSandboxOptions options) {
    this.objects = objects;
    this.batches = new BatchService(objects);
    this.search = search;
    this.options = options;
  }

  void mount(Router r) {
    Http.on(r, POST, Http.OBJECTS, "/:objectType/search", this::search);
    Http.on(r, POST, Http.OBJECTS, "/:objectType/batch/:op", this::batch);
    Http.on(r, GET, Http.OBJECTS, "/:objectType", this::list);
    Http.on(r, POST, Http.OBJECTS, "/:objectType", this::create);
    Http.on(r, GET, Http.OBJECTS, "/:objectType/:objectId", this::read);
    Http.on(r, PATCH, Http.OBJECTS, "/:objectType/:objectId", this::update);
    Http.on(r, DELETE, Http.OBJECTS, "/:objectType/:objectId", this::archive);
  }

  private static ObjectType type(RoutingContext ctx) {
    return Http.type(ctx, "objectType");
  }

  private Http.Reply create(RoutingContext ctx) {
    ObjectType type = type(ctx);
    Principal p = Http.require(ctx, type.writeScope());
    JsonObject body = Http.body(ctx);
    CrmObject o =
        objects.create(
            p.portal(),
            type,
            body.getJsonObject("properties"),
            body.getJsonArray("associations"),
            CrmEvents.Source.INTEGRATION);
    return new Http.Reply(201, ObjectJson.written(o, body.getJsonObject("properties")));
  }

  private Http.Reply read(RoutingContext ctx) {
    ObjectType type = type(ctx);
    Principal p = Http.require(ctx, type.readScope());
    String id = ctx.pathParam("objectId");
    CrmObject o =
        objects
            .resolve(
                p.portal(),
                type,
                id,
                ctx.request().getParam("idProperty"),
                Http.flag(ctx, "archived"))
            .orElseThrow(() -> HubSpotError.objectNotFound(id));
    JsonObject out = ObjectJson.render(o, ObjectJson.requested(ctx.queryParam("properties")));
    ObjectJson.addAssociations(
        out, p.portal(), o, ObjectJson.requested(ctx.queryParam("associations")));
    return new Http.Reply(200, out);
  }

  private Http.Reply update(RoutingContext ctx) {
    ObjectType type = type(ctx);
    Principal p = Http.require(ctx, type.writeScope());
    String id = ctx.pathParam("objectId");
    JsonObject body = Http.body(ctx);
    CrmObject o =
        objects
            .resolve(p.portal(), type, id, ctx.request().getParam("idProperty"), false)
            .orElseThrow(() -> HubSpotError.objectNotFound(id));
    objects.update(p.portal(), o, body.getJsonObject("properties"), CrmEvents.Source.INTEGRATION);
    return new Http.Reply(200, ObjectJson.written(o, body.getJsonObject("properties")));
  }

  private Http.Reply archive(RoutingContext ctx) {
    ObjectType type = type(ctx);
    Principal p = Http.require(ctx, type.writeScope());
    // HubSpot answers 204 whether or not the record existed.
    objects
        .resolve(p.portal(), type, ctx.pathParam("objectId"), null, false)
        .ifPresent(o -> objects.archive(p.portal(), o, CrmEvents.Source.INTEGRATION));
    return new Http.Reply(204, null);
  }

  private Http.Reply list(RoutingContext ctx) {
    ObjectType type = type(ctx);
    Principal p = Http.require(ctx, type.readScope());
    int limit = Math.max(1, Math.min(intParam(ctx, "limit", 10), options.listMaxLimit()));
    long after = decodeAfter(ctx.request().getParam("after"));
    boolean archived = Http.flag(ctx, "archived");
    List<String> props = ObjectJson.requested(ctx.queryParam("properties"));
    List<String> assoc = ObjectJson.requested(ctx.queryParam("associations"));
    List<CrmObject> all =
        p.portal().records(type, true).stream()
            .filter(o -> o.archived() == archived && o.id() >= after)
            .toList();
    JsonArray results = new JsonArray();
    synchronized (p.portal()) {
      for (CrmObject o : all.subList(0, Math.min(limit, all.size()))) {
        JsonObject r = ObjectJson.render(o, props);
        ObjectJson.addAssociations(r, p.portal(), o, assoc);
        results.add(r);
      }
    }
    JsonObject out = new JsonObject().put("results", results);
    if (all.size() > limit) {
      String cursor = encodeAfter(all.get(limit).id());
      out.put(
          "paging",
          new JsonObject()
              .put(
                  "next",
                  new JsonObject()
                      .put("after", cursor)
                      .put("link", "?after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))));
    }
    return new Http.Reply(200, out);
  }

  private Http.Reply search(RoutingContext ctx) {
    ObjectType type = type(ctx);
    Principal p = Http.require(ctx, type.readScope());
    return new Http.Reply(200, search.search(p.portal(), type, Http.body(ctx)));
  }

  private Http.Reply batch(RoutingContext ctx) {
    ObjectType type = type(ctx);
    String op = ctx.pathParam("op");
    boolean write = !"read".equals(op);
    Principal p = Http.require(ctx, write ? type.writeScope() : type.readScope());
    JsonObject body = Http.body(ctx);
    BatchResult result =
        switch (op) {
          case "create" -> batches.create(p.portal(), type, body);
          case "read" -> batches.read(p.portal(), type, body, Http.flag(ctx, "archived"));
          case "update" -> batches.update(p.portal(), type, body);
          case "upsert" -> batches.upsert(p.portal(), type, body);
          case "archive" -> {
            batches.archive(p.portal(), type, body);
            yield null;
          }
          default -> throw HubSpotError.notFound("Unknown batch operation " + op);
        };
    if (result == null) {
      return new Http.Reply(204, null);
    }
    return new Http.Reply(result.status(), result.toJson(objects.now()));
  }

  private static int intParam(RoutingContext ctx, String name, int fallback) {
    String v = ctx.request().getParam(name);
    try {
      return v == null ? fallback : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw HubSpotError.validation(name + " must be an integer");
    }
  }

  static String encodeAfter(long id) {
    return Base64.getEncoder().encodeToString((id + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static long decodeAfter(String after) {
    if (after == null || after.isBlank()) {
      return Long.MIN_VALUE;
    }
    String a = after.trim();
    try {
      return Long.parseLong(a);
    } catch (NumberFormatException e) {
      // the opaque form
    }
    try {
      return Long.parseLong(
          new String(Base64.getDecoder().decode(a), StandardCharsets.UTF_8).trim());
    } catch (IllegalArgumentException e) {
      throw HubSpotError.validation("after is not a valid paging cursor: " + after);
    }
  }
}

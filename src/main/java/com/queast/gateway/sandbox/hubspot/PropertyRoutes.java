package com.queast.gateway.sandbox.hubspot;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.Map;

/**
 * The properties API ({@code /crm/v3/properties/{objectType}} and the dated prefixes): property
 * definitions and groups, custom ones created here, {@code hasUniqueValue} honoured by writes.
 */
final class PropertyRoutes {

  private final HubSpotSandboxOptions options;

  PropertyRoutes(HubSpotSandboxOptions options) {
    this.options = options;
  }

  void mount(Router r) {
    Http.on(r, GET, Http.PROPERTIES, "/:objectType/groups", this::listGroups);
    Http.on(r, POST, Http.PROPERTIES, "/:objectType/groups", this::createGroup);
    Http.on(r, GET, Http.PROPERTIES, "/:objectType/groups/:groupName", this::readGroup);
    Http.on(r, PATCH, Http.PROPERTIES, "/:objectType/groups/:groupName", this::updateGroup);
    Http.on(r, DELETE, Http.PROPERTIES, "/:objectType/groups/:groupName", this::archiveGroup);
    Http.on(r, POST, Http.PROPERTIES, "/:objectType/batch/:op", this::batch);
    Http.on(r, GET, Http.PROPERTIES, "/:objectType", this::list);
    Http.on(r, POST, Http.PROPERTIES, "/:objectType", this::create);
    Http.on(r, GET, Http.PROPERTIES, "/:objectType/:propertyName", this::read);
    Http.on(r, PATCH, Http.PROPERTIES, "/:objectType/:propertyName", this::update);
    Http.on(r, DELETE, Http.PROPERTIES, "/:objectType/:propertyName", this::archive);
  }

  private PropertyCatalog catalog(RoutingContext ctx, boolean write) {
    ObjectType type = Http.type(ctx, "objectType");
    Principal p = Http.require(ctx, write ? type.schemaWriteScope() : type.schemaReadScope());
    return p.portal().catalog(type);
  }

  private Http.Reply list(RoutingContext ctx) {
    JsonArray results = new JsonArray();
    catalog(ctx, false).all().forEach(d -> results.add(d.toJson()));
    return new Http.Reply(200, new JsonObject().put("results", results));
  }

  private Http.Reply create(RoutingContext ctx) {
    PropertyDef d = catalog(ctx, true).create(Http.body(ctx), options.clock().instant());
    return new Http.Reply(201, d.toJson());
  }

  private Http.Reply read(RoutingContext ctx) {
    String name = ctx.pathParam("propertyName");
    return new Http.Reply(
        200,
        catalog(ctx, false)
            .get(name)
            .orElseThrow(() -> HubSpotError.notFound("Unable to find property " + name))
            .toJson());
  }

  private Http.Reply update(RoutingContext ctx) {
    PropertyDef d =
        catalog(ctx, true)
            .update(ctx.pathParam("propertyName"), Http.body(ctx), options.clock().instant());
    return new Http.Reply(200, d.toJson());
  }

  private Http.Reply archive(RoutingContext ctx) {
    catalog(ctx, true).archive(ctx.pathParam("propertyName"));
    return new Http.Reply(204, null);
  }

  private Http.Reply batch(RoutingContext ctx) {
    String op = ctx.pathParam("op");
    PropertyCatalog c = catalog(ctx, !"read".equals(op));
    JsonArray inputs = BatchService.inputs(Http.body(ctx), 100);
    BatchResult out = new BatchResult(options.clock().instant(), "create".equals(op) ? 201 : 200);
    for (Object i : inputs) {
      JsonObject in = (JsonObject) i;
      try {
        switch (op) {
          case "create" -> out.result(c.create(in, options.clock().instant()).toJson());
          case "read" ->
              out.result(
                  c.get(in.getString("name", ""))
                      .orElseThrow(
                          () ->
                              HubSpotError.notFound(
                                  "Unable to find property " + in.getString("name")))
                      .toJson());
          case "archive" -> c.archive(in.getString("name", ""));
          default -> throw HubSpotError.notFound("Unknown batch operation " + op);
        }
      } catch (HubSpotError e) {
        if ("archive".equals(op)
            || !e.category().equals("OBJECT_NOT_FOUND")
                && !e.category().equals("VALIDATION_ERROR")
                && !e.category().equals("OBJECT_ALREADY_EXISTS")) {
          throw e;
        }
        out.error(e.toBatchError(Map.of("name", in.getString("name", ""))));
      }
    }
    if ("archive".equals(op)) {
      return new Http.Reply(204, null);
    }
    return new Http.Reply(out.status(), out.toJson(options.clock().instant()));
  }

  private Http.Reply listGroups(RoutingContext ctx) {
    return new Http.Reply(
        200, new JsonObject().put("results", new JsonArray(catalog(ctx, false).groups())));
  }

  private Http.Reply createGroup(RoutingContext ctx) {
    return new Http.Reply(201, catalog(ctx, true).createGroup(Http.body(ctx)));
  }

  private Http.Reply readGroup(RoutingContext ctx) {
    String name = ctx.pathParam("groupName");
    return new Http.Reply(
        200,
        catalog(ctx, false)
            .group(name)
            .orElseThrow(() -> HubSpotError.notFound("Unable to find property group " + name)));
  }

  private Http.Reply updateGroup(RoutingContext ctx) {
    return new Http.Reply(
        200, catalog(ctx, true).updateGroup(ctx.pathParam("groupName"), Http.body(ctx)));
  }

  private Http.Reply archiveGroup(RoutingContext ctx) {
    catalog(ctx, true).archiveGroup(ctx.pathParam("groupName"));
    return new Http.Reply(204, null);
  }
}

package com.queast.gateway.sandbox.hubspot;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Associations v4 (per record under {@code /crm/v4/objects/...}, batch under {@code
 * /crm/v4/associations/...}) and their {@code 2026-03} equivalents, with HubSpot's default type
 * ids.
 */
final class AssociationRoutes {

  static final int MAX_BATCH_READ = 1000;
  static final int MAX_PAGE = 500;

  private final ObjectService objects;

  AssociationRoutes(ObjectService objects) {
    this.objects = objects;
  }

  void mount(Router r) {
    String one = "/:from/:fromId/associations";
    Http.on(r, PUT, Http.ASSOCIATIONS_BY_OBJECT, one + "/default/:to/:toId", this::putDefault);
    Http.on(r, PUT, Http.ASSOCIATIONS_BY_OBJECT, one + "/:to/:toId", this::putLabelled);
    Http.on(r, GET, Http.ASSOCIATIONS_BY_OBJECT, one + "/:to", this::list);
    Http.on(r, DELETE, Http.ASSOCIATIONS_BY_OBJECT, one + "/:to/:toId", this::remove);
    String batch = "/:from/:to/batch";
    Http.on(r, POST, Http.ASSOCIATIONS_BATCH, batch + "/associate/default", this::batchDefault);
    Http.on(r, POST, Http.ASSOCIATIONS_BATCH, batch + "/create", this::batchCreate);
    Http.on(r, POST, Http.ASSOCIATIONS_BATCH, batch + "/read", this::batchRead);
    Http.on(r, POST, Http.ASSOCIATIONS_BATCH, batch + "/archive", this::batchArchive);
    Http.on(r, POST, Http.ASSOCIATIONS_BATCH, batch + "/labels/archive", this::batchLabelsArchive);
  }

  private record Pair(Portal portal, ObjectType from, ObjectType to) {}

  private Pair pair(RoutingContext ctx, boolean write) {
    Portal portal = Http.principal(ctx).portal();
    ObjectType from = portal.requireType(ctx.pathParam("from"));
    ObjectType to = portal.requireType(ctx.pathParam("to"));
    Principal p = Http.require(ctx, write ? from.writeScope() : from.readScope());
    return new Pair(p.portal(), from, to);
  }

  private static long existing(Portal portal, ObjectType type, String id) {
    try {
      long n = Long.parseLong(id.trim());
      if (portal.find(type, n).filter(o -> !o.archived()).isPresent()) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw HubSpotError.notFound(type.upper() + " " + id + " does not exist or is archived.");
  }

  private static AssociationTypes.Type defaultType(Pair p) {
    return AssociationTypes.defaultType(p.from(), p.to())
        .orElseThrow(
            () ->
                HubSpotError.validation(
                    p.from().singular() + " cannot be associated with " + p.to().singular()));
  }

  private Http.Reply putDefault(RoutingContext ctx) {
    Pair p = pair(ctx, true);
    AssociationTypes.Type t = defaultType(p);
    JsonObject result;
    synchronized (p.portal()) {
      long fromId = existing(p.portal(), p.from(), ctx.pathParam("fromId"));
      long toId = existing(p.portal(), p.to(), ctx.pathParam("toId"));
      p.portal().associations().add(t, fromId, toId);
      result = defaultResult(fromId, toId, t);
    }
    return new Http.Reply(200, batchEnvelope(new JsonArray().add(result)));
  }

  private JsonObject batchEnvelope(JsonArray results) {
    String now = HubSpotTime.format(objects.now());
    return new JsonObject()
        .put("status", "COMPLETE")
        .put("results", results)
        .put("startedAt", now)
        .put("completedAt", now);
  }

  private static JsonObject defaultResult(long fromId, long toId, AssociationTypes.Type t) {
    return new JsonObject()
        .put("from", new JsonObject().put("id", Long.toString(fromId)))
        .put("to", new JsonObject().put("id", Long.toString(toId)))
        .put(
            "associationSpec",
            new JsonObject()
                .put("associationCategory", t.category())
                .put("associationTypeId", t.typeId()));
  }

  private Http.Reply putLabelled(RoutingContext ctx) {
    Pair p = pair(ctx, true);
    JsonArray specs = ctx.body().asJsonArray();
    if (specs == null || specs.isEmpty()) {
      throw HubSpotError.validation("The body must be a non-empty array of association specs");
    }
    synchronized (p.portal()) {
      long fromId = existing(p.portal(), p.from(), ctx.pathParam("fromId"));
      long toId = existing(p.portal(), p.to(), ctx.pathParam("toId"));
      for (Object s : specs) {
        AssociationTypes.Type t = AssociationSpecs.resolve(p.from(), p.to(), (JsonObject) s);
        p.portal().associations().add(t, fromId, toId);
      }
      return new Http.Reply(201, labels(p, fromId, toId));
    }
  }

  private static JsonObject labels(Pair p, long fromId, long toId) {
    JsonArray labels = new JsonArray();
    for (Integer id : p.portal().associations().from(p.from(), fromId, p.to()).get(toId)) {
      AssociationTypes.byId(id, p.from(), p.to())
          .map(AssociationTypes.Type::label)
          .ifPresent(labels::add);
    }
    return new JsonObject()
        .put("fromObjectTypeId", p.from().typeId())
        .put("fromObjectId", fromId)
        .put("toObjectTypeId", p.to().typeId())
        .put("toObjectId", toId)
        .put("labels", labels);
  }

  static JsonArray associationTypes(ObjectType from, ObjectType to, Set<Integer> typeIds) {
    JsonArray out = new JsonArray();
    for (Integer id : typeIds) {
      String category = from.custom() || to.custom() ? "USER_DEFINED" : "HUBSPOT_DEFINED";
      out.add(
          new JsonObject()
              .put("category", category)
              .put("typeId", id)
              .put(
                  "label",
                  AssociationTypes.byId(id, from, to)
                      .map(AssociationTypes.Type::label)
                      .orElse(null)));
    }
    return out;
  }

  private Http.Reply list(RoutingContext ctx) {
    Pair p = pair(ctx, false);
    int limit = Math.max(1, Math.min(MAX_PAGE, intParam(ctx.request().getParam("limit"), 500)));
    long after = ObjectRoutes.decodeAfter(ctx.request().getParam("after"));
    TreeMap<Long, Set<Integer>> all;
    synchronized (p.portal()) {
      long fromId = existing(p.portal(), p.from(), ctx.pathParam("fromId"));
      all = p.portal().associations().from(p.from(), fromId, p.to());
    }
    JsonArray results = new JsonArray();
    Long next = null;
    for (Map.Entry<Long, Set<Integer>> e : all.tailMap(after, true).entrySet()) {
      if (results.size() == limit) {
        next = e.getKey();
        break;
      }
      results.add(
          new JsonObject()
              .put("toObjectId", e.getKey())
              .put("associationTypes", associationTypes(p.from(), p.to(), e.getValue())));
    }
    JsonObject out = new JsonObject().put("results", results);
    if (next != null) {
      String cursor = ObjectRoutes.encodeAfter(next);
      out.put(
          "paging",
          new JsonObject()
              .put("next", new JsonObject().put("after", cursor).put("link", "?after=" + cursor)));
    }
    return new Http.Reply(200, out);
  }

  private Http.Reply remove(RoutingContext ctx) {
    Pair p = pair(ctx, true);
    synchronized (p.portal()) {
      long fromId = existing(p.portal(), p.from(), ctx.pathParam("fromId"));
      long toId = existing(p.portal(), p.to(), ctx.pathParam("toId"));
      p.portal().associations().removeAll(p.from(), fromId, p.to(), toId);
    }
    return new Http.Reply(204, null);
  }

  private Http.Reply batchDefault(RoutingContext ctx) {
    Pair p = pair(ctx, true);
    AssociationTypes.Type t = defaultType(p);
    JsonArray inputs = BatchService.inputs(Http.body(ctx), BatchService.MAX_INPUTS);
    BatchResult out = new BatchResult(objects.now(), 200);
    synchronized (p.portal()) {
      for (Object i : inputs) {
        JsonObject in = (JsonObject) i;
        try {
          long fromId = existing(p.portal(), p.from(), idOf(in, "from"));
          long toId = existing(p.portal(), p.to(), idOf(in, "to"));
          p.portal().associations().add(t, fromId, toId);
          out.result(defaultResult(fromId, toId, t));
        } catch (HubSpotError e) {
          out.error(e.toBatchError(Map.of()));
        }
      }
    }
    return new Http.Reply(out.status(), out.toJson(objects.now()));
  }

  private Http.Reply batchCreate(RoutingContext ctx) {
    Pair p = pair(ctx, true);
    JsonArray inputs = BatchService.inputs(Http.body(ctx), BatchService.MAX_INPUTS);
    BatchResult out = new BatchResult(objects.now(), 201);
    synchronized (p.portal()) {
      for (Object i : inputs) {
        JsonObject in = (JsonObject) i;
        try {
          long fromId = existing(p.portal(), p.from(), idOf(in, "from"));
          long toId = existing(p.portal(), p.to(), idOf(in, "to"));
          JsonArray types = in.getJsonArray("types", new JsonArray());
          if (types.isEmpty()) {
            throw HubSpotError.validation("types must not be empty");
          }
          for (Object s : types) {
            AssociationTypes.Type t = AssociationSpecs.resolve(p.from(), p.to(), (JsonObject) s);
            p.portal().associations().add(t, fromId, toId);
          }
          out.result(labels(p, fromId, toId));
        } catch (HubSpotError e) {
          out.error(e.toBatchError(Map.of()));
        }
      }
    }
    return new Http.Reply(out.status(), out.toJson(objects.now()));
  }

  private Http.Reply batchRead(RoutingContext ctx) {
    Pair p = pair(ctx, false);
    JsonArray inputs = BatchService.inputs(Http.body(ctx), MAX_BATCH_READ);
    BatchResult out = new BatchResult(objects.now(), 200);
    synchronized (p.portal()) {
      for (Object i : inputs) {
        String id = String.valueOf(((JsonObject) i).getValue("id"));
        TreeMap<Long, Set<Integer>> to = new TreeMap<>();
        try {
          to = p.portal().associations().from(p.from(), Long.parseLong(id.trim()), p.to());
        } catch (NumberFormatException e) {
          // reported as not found below
        }
        if (to.isEmpty()) {
          out.error(
              new HubSpotError(
                      404,
                      "OBJECT_NOT_FOUND",
                      "No "
                          + p.to().singular()
                          + " is associated with "
                          + p.from().singular()
                          + " "
                          + id
                          + ".",
                      "crm.associations.NO_ASSOCIATIONS_FOUND",
                      new JsonObject().put("fromObjectId", new JsonArray().add(id)),
                      null,
                      null)
                  .toBatchError(Map.of()));
          continue;
        }
        JsonArray targets = new JsonArray();
        to.forEach(
            (toId, typeIds) ->
                targets.add(
                    new JsonObject()
                        .put("toObjectId", toId)
                        .put("associationTypes", associationTypes(p.from(), p.to(), typeIds))));
        out.result(new JsonObject().put("from", new JsonObject().put("id", id)).put("to", targets));
      }
    }
    return new Http.Reply(out.status(), out.toJson(objects.now()));
  }

  private Http.Reply batchArchive(RoutingContext ctx) {
    Pair p = pair(ctx, true);
    JsonArray inputs = BatchService.inputs(Http.body(ctx), BatchService.MAX_INPUTS);
    synchronized (p.portal()) {
      for (Object i : inputs) {
        JsonObject in = (JsonObject) i;
        long fromId = parse(idOf(in, "from"));
        for (Object t : in.getJsonArray("to", new JsonArray())) {
          String toId =
              t instanceof JsonObject j ? String.valueOf(j.getValue("id")) : String.valueOf(t);
          p.portal().associations().removeAll(p.from(), fromId, p.to(), parse(toId));
        }
      }
    }
    return new Http.Reply(204, null);
  }

  private Http.Reply batchLabelsArchive(RoutingContext ctx) {
    Pair p = pair(ctx, true);
    JsonArray inputs = BatchService.inputs(Http.body(ctx), BatchService.MAX_INPUTS);
    synchronized (p.portal()) {
      for (Object i : inputs) {
        JsonObject in = (JsonObject) i;
        long fromId = parse(idOf(in, "from"));
        long toId = parse(idOf(in, "to"));
        for (Object s : in.getJsonArray("types", new JsonArray())) {
          AssociationTypes.Type t = AssociationSpecs.resolve(p.from(), p.to(), (JsonObject) s);
          p.portal().associations().removeType(t, fromId, toId);
        }
      }
    }
    return new Http.Reply(204, null);
  }

  private static String idOf(JsonObject in, String side) {
    JsonObject o = in.getJsonObject(side);
    if (o == null || o.getValue("id") == null) {
      throw HubSpotError.validation(side + ".id is required");
    }
    return String.valueOf(o.getValue("id"));
  }

  private static long parse(String id) {
    try {
      return Long.parseLong(id.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static int intParam(String v, int fallback) {
    try {
      return v == null ? fallback : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw HubSpotError.validation("limit must be an integer");
    }
  }
}

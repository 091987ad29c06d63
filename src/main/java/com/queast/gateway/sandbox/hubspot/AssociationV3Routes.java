package com.queast.gateway.sandbox.hubspot;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PUT;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The v3-style per-record association endpoints the notes and tasks guides use: {@code PUT|DELETE
 * /crm/v3/objects/{type}/{id}/associations/{toType}/{toId}/{associationType}} (type as id or
 * snake-case name such as {@code note_to_contact}) and {@code GET
 * /crm/v3/objects/{type}/{id}/associations/{toType}}.
 */
final class AssociationV3Routes {

  private static final List<String> PREFIX = List.of("/crm/v3/objects");

  private final ObjectService objects;

  AssociationV3Routes(ObjectService objects) {
    this.objects = objects;
  }

  void mount(Router r) {
    String path = "/:from/:fromId/associations/:to";
    Http.on(r, PUT, PREFIX, path + "/:toId/:assocType", ctx -> change(ctx, true));
    Http.on(r, DELETE, PREFIX, path + "/:toId/:assocType", ctx -> change(ctx, false));
    Http.on(r, GET, PREFIX, path, this::list);
  }

  private Http.Reply change(RoutingContext ctx, boolean add) {
    ObjectType from = Http.type(ctx, "from");
    ObjectType to = Http.type(ctx, "to");
    Principal p = Http.require(ctx, from.writeScope());
    String typeName = ctx.pathParam("assocType");
    AssociationTypes.Type t =
        AssociationTypes.byNameOrId(typeName, from, to)
            .orElseThrow(
                () ->
                    HubSpotError.validation(
                        "association type "
                            + typeName
                            + " doesn't exist between "
                            + from.singular()
                            + " and "
                            + to.singular()));
    synchronized (p.portal()) {
      CrmObject o = live(p.portal(), from, ctx.pathParam("fromId"));
      long toId = live(p.portal(), to, ctx.pathParam("toId")).id();
      if (add) {
        p.portal().associations().add(t, o.id(), toId);
      } else {
        p.portal().associations().removeType(t, o.id(), toId);
        return new Http.Reply(204, null);
      }
      JsonObject out = ObjectJson.render(o, null);
      ObjectJson.addAssociations(out, p.portal(), o, List.of(to.plural()));
      return new Http.Reply(200, out);
    }
  }

  private Http.Reply list(RoutingContext ctx) {
    ObjectType from = Http.type(ctx, "from");
    ObjectType to = Http.type(ctx, "to");
    Principal p = Http.require(ctx, from.readScope());
    TreeMap<Long, Set<Integer>> all;
    synchronized (p.portal()) {
      all =
          p.portal()
              .associations()
              .from(from, live(p.portal(), from, ctx.pathParam("fromId")).id(), to);
    }
    JsonArray results = new JsonArray();
    for (Map.Entry<Long, Set<Integer>> e : all.entrySet()) {
      for (Integer typeId : e.getValue()) {
        results.add(
            new JsonObject()
                .put("id", Long.toString(e.getKey()))
                .put(
                    "type",
                    AssociationTypes.byId(typeId, from, to)
                        .map(AssociationTypes.Type::v3Name)
                        .orElse(from.singular() + "_to_" + to.singular())));
      }
    }
    return new Http.Reply(200, new JsonObject().put("results", results));
  }

  private CrmObject live(Portal portal, ObjectType type, String id) {
    return objects
        .resolve(portal, type, id, null, false)
        .orElseThrow(() -> HubSpotError.objectNotFound(id));
  }
}

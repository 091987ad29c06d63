package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** API v2 list, get, create, update and delete of organizations or persons. */
final class ContactsApi {

  private static final List<String> SORT_BY = List.of("id", "update_time", "add_time");

  private final ContactService service;
  private final ContactKind kind;

  ContactsApi(ContactService service) {
    this.service = service;
    this.kind = service.kind();
  }

  void register(VendorRoutes routes) {
    String base = "/api/v2/" + kind.path();
    routes.add(HttpMethod.GET, base, this::list);
    routes.add(HttpMethod.POST, base, this::create);
    routes.add(HttpMethod.GET, base + "/:id", this::get);
    routes.add(HttpMethod.PATCH, base + "/:id", this::update);
    routes.add(HttpMethod.DELETE, base + "/:id", this::delete);
  }

  private static Caller caller(RoutingContext ctx) {
    return ctx.get(Caller.KEY);
  }

  static JsonObject body(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().length() == 0) {
      return new JsonObject();
    }
    Object v = ctx.body().asJsonObject();
    if (v == null) {
      throw PdError.badRequest("Bad request");
    }
    return (JsonObject) v;
  }

  private void create(RoutingContext ctx) {
    Caller c = caller(ctx);
    Envelope.ok(ctx, service.create(c.company(), c.userId(), body(ctx), "api"));
  }

  private void update(RoutingContext ctx) {
    Caller c = caller(ctx);
    long id = Query.pathId(ctx);
    Envelope.ok(ctx, service.update(c.company(), c.userId(), id, body(ctx), "api"));
  }

  private void delete(RoutingContext ctx) {
    Caller c = caller(ctx);
    Envelope.ok(ctx, service.delete(c.company(), c.userId(), Query.pathId(ctx), "api"));
  }

  private void get(RoutingContext ctx) {
    Company company = caller(ctx).company();
    long id = Query.pathId(ctx);
    List<String> selection = customSelection(ctx);
    synchronized (company) {
      Envelope.ok(ctx, service.view(company, service.live(company, id), selection));
    }
  }

  private static List<String> customSelection(RoutingContext ctx) {
    List<String> selection = Query.list(ctx, "custom_fields");
    if (selection.size() > 15) {
      throw PdError.validation("custom_fields", "At most 15 custom fields can be requested");
    }
    return selection;
  }

  private void list(RoutingContext ctx) {
    Company company = caller(ctx).company();
    int limit = Paging.limit(ctx, 500);
    String sortBy = Query.oneOf(ctx, "sort_by", "id", SORT_BY);
    boolean desc = "desc".equals(Query.oneOf(ctx, "sort_direction", "asc", List.of("asc", "desc")));
    List<String> ids = Query.list(ctx, "ids");
    if (ids.size() > 100) {
      throw PdError.validation("ids", "At most 100 ids can be given");
    }
    List<Long> idList = new ArrayList<>();
    ids.forEach(s -> idList.add(Query.integer("ids", s)));
    Long owner = Query.optInteger(ctx, "owner_id");
    Long orgId = kind.listFilters().contains("org_id") ? Query.optInteger(ctx, "org_id") : null;
    Long dealId = kind.listFilters().contains("deal_id") ? Query.optInteger(ctx, "deal_id") : null;
    Instant since = time(ctx, "updated_since");
    Instant until = time(ctx, "updated_until");
    List<String> selection = customSelection(ctx);
    String cursor = Query.first(ctx, "cursor");
    synchronized (company) {
      List<JsonObject> matching = new ArrayList<>();
      for (JsonObject r : company.store(kind.entity()).all()) {
        Instant updated = Times.instant(r.getString("update_time"));
        boolean keep =
            !r.getBoolean("is_deleted")
                && dealId == null
                && (idList.isEmpty() || idList.contains(r.getLong("id")))
                && (owner == null || owner.equals(r.getLong("owner_id")))
                && (orgId == null || orgId.equals(r.getLong("org_id")))
                && (since == null || !updated.isBefore(since))
                && (until == null || updated.isBefore(until));
        if (keep) {
          matching.add(r);
        }
      }
      Paging.Page page = Paging.page(matching, sortBy, desc, cursor, limit);
      JsonArray data = new JsonArray();
      page.items().forEach(r -> data.add(service.view(company, r, selection)));
      Envelope.ok(ctx, 200, data, new JsonObject().put("next_cursor", page.nextCursor()));
    }
  }

  private static Instant time(RoutingContext ctx, String name) {
    String raw = Query.first(ctx, name);
    if (raw == null) {
      return null;
    }
    Instant t = Times.parseRfc3339(raw);
    if (t == null) {
      throw PdError.validation(name, "Parameter '" + name + "' must be an RFC 3339 date-time");
    }
    return t;
  }
}

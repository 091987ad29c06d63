package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Field definitions: v2 {@code GET /api/v2/{organization,person}Fields[/{field_code}]} and {@code
 * POST} (creating a custom field answers its 40-character {@code field_code}), plus the v1 {@code
 * POST /api/v1/{organization,person}Fields} that older clients still use (answers {@code key}).
 * Activities and notes have read-only lists ({@link #registerActivityFields}, {@link
 * #registerNoteFields}).
 */
final class FieldsApi {

  private static final Set<String> V2_KEYS =
      Set.of(
          "field_name",
          "field_type",
          "options",
          "description",
          "ui_visibility",
          "important_fields",
          "required_fields");

  private final String entity;
  private final String path;

  FieldsApi(String entity) {
    this.entity = entity;
    this.path = entity + "Fields";
  }

  void register(VendorRoutes routes) {
    routes.add(HttpMethod.GET, "/api/v2/" + path, this::list);
    routes.add(HttpMethod.POST, "/api/v2/" + path, this::createV2);
    routes.add(HttpMethod.GET, "/api/v2/" + path + "/:code", this::get);
    routes.add(HttpMethod.POST, "/api/v1/" + path, this::createV1);
  }

  /**
   * Activity fields, read-only: v2 {@code GET /api/v2/activityFields[/{field_code}]} (10 / 1
   * tokens, vendor notes §1.1) and the legacy v1 {@code GET /api/v1/activityFields} (v1 shape).
   */
  void registerActivityFields(VendorRoutes routes) {
    routes.add(HttpMethod.GET, "/api/v2/" + path, this::list);
    routes.add(HttpMethod.GET, "/api/v2/" + path + "/:code", this::get);
    routes.add(HttpMethod.GET, "/api/v1/" + path, this::listV1);
  }

  /**
   * Note fields, read-only and v1 only: {@code GET /api/v1/noteFields} (vendor notes §1.6, §1.8).
   */
  void registerNoteFields(VendorRoutes routes) {
    routes.add(HttpMethod.GET, "/api/v1/" + path, this::listV1);
  }

  private static Company company(RoutingContext ctx) {
    return ((Caller) ctx.get(Caller.KEY)).company();
  }

  private void list(RoutingContext ctx) {
    Company c = company(ctx);
    int limit = Paging.limit(ctx, 500);
    String cursor = Query.first(ctx, "cursor");
    int offset = cursor == null ? 0 : Paging.decode(cursor).getInteger("offset", 0);
    List<FieldDef> all;
    synchronized (c) {
      all = c.fields(entity).all();
    }
    JsonArray data = new JsonArray();
    int end = Math.min(all.size(), offset + limit);
    for (int i = offset; i < end; i++) {
      data.add(all.get(i).toV2());
    }
    String next = end < all.size() ? Paging.encode(new JsonObject().put("offset", end)) : null;
    Envelope.ok(ctx, 200, data, new JsonObject().put("next_cursor", next));
  }

  /**
   * The v1 list: {@code {key, name, field_type, edit_flag, ...}} items, offset paging ({@code
   * start}, {@code limit} up to 500) in {@code additional_data.pagination}.
   */
  private void listV1(RoutingContext ctx) {
    Company c = company(ctx);
    String rawStart = Query.first(ctx, "start");
    int start = rawStart == null ? 0 : (int) Math.max(0, Query.integer("start", rawStart));
    String rawLimit = Query.first(ctx, "limit");
    int limit =
        rawLimit == null ? 500 : (int) Math.min(500, Math.max(1, Query.integer("limit", rawLimit)));
    List<FieldDef> all;
    synchronized (c) {
      all = c.fields(entity).all();
    }
    JsonArray data = new JsonArray();
    int end = Math.min(all.size(), start + limit);
    for (int i = start; i < end; i++) {
      data.add(all.get(i).toV1(i + 1L));
    }
    JsonObject pagination =
        new JsonObject()
            .put("start", start)
            .put("limit", limit)
            .put("more_items_in_collection", end < all.size());
    if (end < all.size()) {
      pagination.put("next_start", end);
    }
    Envelope.ok(ctx, 200, data, new JsonObject().put("pagination", pagination));
  }

  private void get(RoutingContext ctx) {
    Company c = company(ctx);
    FieldDef f;
    synchronized (c) {
      f = c.fields(entity).get(ctx.pathParam("code"));
    }
    if (f == null) {
      throw PdError.notFound("Field not found");
    }
    Envelope.ok(ctx, f.toV2());
  }

  private void createV2(RoutingContext ctx) {
    JsonObject body = ContactsApi.body(ctx);
    V2Json.rejectUnknown(body, V2_KEYS, true);
    String name = V2Json.string("field_name", body.getValue("field_name"));
    String type = V2Json.string("field_type", body.getValue("field_type"));
    FieldDef f = create(company(ctx), name, type, body.getValue("options"), "field_name");
    Envelope.ok(ctx, f.toV2());
  }

  private void createV1(RoutingContext ctx) {
    JsonObject body = ContactsApi.body(ctx);
    Object name = body.getValue("name");
    Object type = body.getValue("field_type");
    Company c = company(ctx);
    FieldDef f =
        create(
            c,
            name instanceof String s ? s : null,
            type instanceof String s ? s : null,
            body.getValue("options"),
            "name");
    long id;
    synchronized (c) {
      id = 9000 + c.fields(entity).seq();
    }
    Envelope.ok(ctx, 200, f.toV1(id), null);
  }

  private FieldDef create(Company c, String name, String type, Object options, String nameKey) {
    if (name == null || name.isBlank()) {
      throw PdError.validation(nameKey, "Parameter '" + nameKey + "' is required");
    }
    if (type == null || !FieldDef.CREATABLE.contains(type)) {
      throw PdError.validation(
          "field_type", "Parameter 'field_type' must be one of " + FieldDef.CREATABLE);
    }
    List<String> labels = new ArrayList<>();
    JsonArray opts = V2Json.array("options", options);
    if (opts != null) {
      for (int i = 0; i < opts.size(); i++) {
        Object o = opts.getValue(i);
        Object label = o instanceof JsonObject jo ? jo.getValue("label") : o;
        labels.add(V2Json.string("options[" + i + "].label", label));
      }
    }
    boolean needsOptions = type.equals("enum") || type.equals("set");
    if (needsOptions && labels.isEmpty()) {
      throw PdError.validation("options", "Parameter 'options' is required for " + type);
    }
    synchronized (c) {
      return c.fields(entity).create(name, type, needsOptions ? labels : List.of());
    }
  }
}

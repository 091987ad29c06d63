package com.queast.gateway.sandbox.queast;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Pattern;

/**
 * {@code /v1/tenants/{tenantId}/bookmarks[/{companyId}]}: idempotent PUT upsert, GET one, GET list,
 * DELETE; Bearer tokens per tenant (or the static one).
 */
final class BookmarkApi {

  /**
   * The CRMs Queast takes bookmarks from unless a test adds one ({@link
   * QueastSandbox#allowSource}).
   */
  static final Set<String> SOURCES = Set.of("hubspot", "pipedrive");

  private final Set<String> sources = new CopyOnWriteArraySet<>(SOURCES);
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final BookmarkStore store;
  private final Map<String, String> tenantByToken;
  private final String staticToken;
  private final Clock clock;

  BookmarkApi(
      BookmarkStore store, Map<String, String> tenantByToken, String staticToken, Clock clock) {
    this.store = store;
    this.tenantByToken = tenantByToken;
    this.staticToken = staticToken;
    this.clock = clock;
  }

  void allow(String source) {
    sources.add(source);
  }

  void register(Router r) {
    String one = "/v1/tenants/:tenantId/bookmarks/:companyId";
    r.put(one).handler(this::authorize).handler(this::upsert);
    r.get(one).handler(this::authorize).handler(this::get);
    r.delete(one).handler(this::authorize).handler(this::delete);
    r.get("/v1/tenants/:tenantId/bookmarks").handler(this::authorize).handler(this::list);
  }

  private void authorize(RoutingContext ctx) {
    String auth = ctx.request().getHeader("authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new Problem(401, "Unauthorized", "a Bearer token is required", null);
    }
    String token = auth.substring(7).trim();
    String tenant = ctx.pathParam("tenantId");
    if (staticToken != null && staticToken.equals(token)) {
      ctx.next();
      return;
    }
    String owner = tenantByToken.get(token);
    if (owner == null) {
      throw new Problem(401, "Unauthorized", "unknown token", null);
    }
    if (!owner.equals(tenant)) {
      throw new Problem(403, "Forbidden", "the token belongs to another tenant", null);
    }
    ctx.next();
  }

  private static String id(RoutingContext ctx, String name) {
    String v = ctx.pathParam(name);
    if (!ID.matcher(v).matches()) {
      throw Problem.invalid(name, "1-128 characters of A-Z a-z 0-9 . _ : -");
    }
    return v;
  }

  private void upsert(RoutingContext ctx) {
    String tenant = id(ctx, "tenantId");
    String company = id(ctx, "companyId");
    JsonObject b;
    try {
      b = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      throw Problem.invalid("body", "must be a JSON object");
    }
    if (b == null) {
      throw Problem.invalid("body", "must be a JSON object");
    }
    String source = text(b, "source");
    if (source == null || !sources.contains(source)) {
      throw Problem.invalid("source", "must be one of " + new TreeSet<>(sources));
    }
    String recordId = text(b, "crmRecordId");
    if (recordId == null) {
      throw Problem.invalid("crmRecordId", "required non-empty string");
    }
    Instant markedAt;
    try {
      markedAt = OffsetDateTime.parse(String.valueOf(b.getValue("markedAt"))).toInstant();
    } catch (DateTimeParseException e) {
      throw Problem.invalid("markedAt", "required RFC 3339 date-time");
    }
    Object markedBy = b.getValue("markedBy");
    if (markedBy != null && !(markedBy instanceof String)) {
      throw Problem.invalid("markedBy", "must be a string");
    }
    BookmarkStore.Result r =
        store.upsert(
            tenant, company, source, recordId, markedAt, (String) markedBy, clock.instant());
    int status = r.outcome() == BookmarkStore.Outcome.CREATED ? 201 : 200;
    Responses.json(ctx, status, r.bookmark().put("outcome", r.outcome().name().toLowerCase()));
  }

  private static String text(JsonObject b, String key) {
    Object v = b.getValue(key);
    return v instanceof String s && !s.isBlank() ? s : null;
  }

  private void get(RoutingContext ctx) {
    JsonObject b = store.get(id(ctx, "tenantId"), id(ctx, "companyId"));
    if (b == null) {
      throw new Problem(404, "Not found", "no bookmark for this company", null);
    }
    Responses.json(ctx, 200, b);
  }

  private void delete(RoutingContext ctx) {
    store.delete(id(ctx, "tenantId"), id(ctx, "companyId"));
    Responses.send(ctx, 204, null, "application/json");
  }

  private void list(RoutingContext ctx) {
    JsonArray items = new JsonArray();
    store.list(id(ctx, "tenantId")).forEach(items::add);
    Responses.json(ctx, 200, new JsonObject().put("items", items));
  }
}

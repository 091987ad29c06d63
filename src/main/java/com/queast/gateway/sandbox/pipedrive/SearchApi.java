package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/v2/organizations/search} and {@code /api/v2/persons/search} (vendor notes §1.7):
 * term length rules, {@code fields}, case-insensitive {@code exact_match}, searchable custom-field
 * types, matches in attached notes, and records becoming findable only after the configured
 * indexing delay.
 */
final class SearchApi {

  private final ContactService service;
  private final ContactKind kind;
  private final PipedriveSandboxOptions options;
  private final Clock clock;

  SearchApi(ContactService service, PipedriveSandboxOptions options) {
    this.service = service;
    this.kind = service.kind();
    this.options = options;
    this.clock = options.clock();
  }

  void register(VendorRoutes routes) {
    routes.add(HttpMethod.GET, "/api/v2/" + kind.path() + "/search", this::search);
  }

  private record Hit(JsonObject item, double score) {}

  private void search(RoutingContext ctx) {
    Company company = ((Caller) ctx.get(Caller.KEY)).company();
    Boolean exactParam = Query.optBoolean(ctx, "exact_match");
    boolean exact = Boolean.TRUE.equals(exactParam);
    String term = ctx.queryParam("term").isEmpty() ? null : ctx.queryParam("term").get(0);
    if (term == null || term.isEmpty()) {
      throw PdError.validation("term", "Parameter 'term' is required");
    }
    if (term.trim().length() < (exact ? 1 : 2)) {
      throw PdError.validation(
          "term", "Parameter 'term' must be at least " + (exact ? 1 : 2) + " characters long");
    }
    List<String> fields = Query.list(ctx, "fields");
    for (String f : fields) {
      if (!kind.searchFields().contains(f)) {
        throw PdError.validation(
            "fields", "Parameter 'fields' must be any of " + kind.searchFields());
      }
    }
    if (fields.isEmpty()) {
      fields = List.copyOf(kind.searchFields());
    }
    Long orgFilter =
        kind.entity().equals("person") ? Query.optInteger(ctx, "organization_id") : null;
    int limit = Paging.limit(ctx, 500);
    int offset = offset(Query.first(ctx, "cursor"));
    String needle = term.trim().toLowerCase(Locale.ROOT);
    List<Hit> hits = new ArrayList<>();
    synchronized (company) {
      Instant now = clock.instant();
      EntityStore store = company.store(kind.entity());
      for (JsonObject r : store.all()) {
        long id = r.getLong("id");
        if (r.getBoolean("is_deleted")
            || store.writtenAt(id).plus(options.searchIndexDelay()).isAfter(now)
            || (orgFilter != null && !orgFilter.equals(r.getLong("org_id")))) {
          continue;
        }
        Hit h = match(company, r, fields, needle, exact);
        if (h != null) {
          hits.add(h);
        }
      }
    }
    hits.sort(
        Comparator.comparingDouble(Hit::score)
            .reversed()
            .thenComparing(h -> h.item().getLong("id")));
    JsonArray items = new JsonArray();
    int end = Math.min(hits.size(), offset + limit);
    for (int i = offset; i < end; i++) {
      Hit h = hits.get(i);
      items.add(new JsonObject().put("result_score", h.score()).put("item", h.item()));
    }
    String next = end < hits.size() ? Paging.encode(new JsonObject().put("offset", end)) : null;
    Envelope.ok(
        ctx, 200, new JsonObject().put("items", items), new JsonObject().put("next_cursor", next));
  }

  private static int offset(String cursor) {
    if (cursor == null) {
      return 0;
    }
    Integer o = Paging.decode(cursor).getInteger("offset");
    if (o == null || o < 0) {
      throw PdError.validation("cursor", "Parameter 'cursor' is not a valid cursor");
    }
    return o;
  }

  private Hit match(Company c, JsonObject r, List<String> fields, String needle, boolean exact) {
    double best = 0;
    Map<String, List<String>> texts = kind.searchTexts(r);
    for (String f : fields) {
      for (String t : texts.getOrDefault(f, List.of())) {
        best = Math.max(best, score(t, needle, exact));
      }
    }
    JsonArray customHits = new JsonArray();
    if (fields.contains("custom_fields")) {
      JsonObject stored = r.getJsonObject("custom_fields");
      for (FieldDef f : c.fields(kind.entity()).custom()) {
        String t = CustomFields.searchText(f, stored.getValue(f.code()));
        double s = t == null ? 0 : score(t, needle, exact);
        if (s > 0) {
          customHits.add(t);
          best = Math.max(best, s);
        }
      }
    }
    JsonArray noteHits = new JsonArray();
    if (fields.contains("notes")) {
      String key = kind.entity().equals("person") ? "person_id" : "org_id";
      for (JsonObject n : c.notes.all()) {
        if (r.getLong("id").equals(n.getLong(key)) && n.getBoolean("active_flag", true)) {
          String text = n.getString("content").replaceAll("<[^>]*>", " ").trim();
          double s = score(text, needle, exact);
          if (s > 0) {
            noteHits.add(text);
            best = Math.max(best, s);
          }
        }
      }
    }
    if (best == 0) {
      return null;
    }
    JsonObject item = kind.searchItem(r, c).put("custom_fields", customHits).put("notes", noteHits);
    return new Hit(item, Math.round(best * 10_000) / 10_000.0);
  }

  private static double score(String text, String needle, boolean exact) {
    if (text == null) {
      return 0;
    }
    String t = text.toLowerCase(Locale.ROOT).trim();
    if (t.equals(needle)) {
      return 1.0;
    }
    if (exact || !t.contains(needle)) {
      return 0;
    }
    return Math.max(
        0.01, (double) needle.length() / t.length() * (t.startsWith(needle) ? 0.9 : 0.6));
  }
}

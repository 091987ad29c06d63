package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST .../search}: filter groups (AND within a group, OR across groups), one sort, free
 * text {@code query}, offset paging with {@code after}, at most 200 per page and 10,000 results per
 * query, over the search index (which lags writes by the configured indexing delay).
 */
final class SearchService {

  static final int MAX_LIMIT = 200;
  static final int MAX_RESULTS = 10_000;
  static final int MAX_QUERY = 3_000;

  private final HubSpotSandboxOptions options;

  SearchService(HubSpotSandboxOptions options) {
    this.options = options;
  }

  JsonObject search(Portal portal, ObjectType type, JsonObject body) {
    if (body.getString("query", "").length() > MAX_QUERY) {
      throw HubSpotError.validation("query is too long: maximum is " + MAX_QUERY + " characters");
    }
    int limit = intValue(body.getValue("limit"), 10, "limit");
    if (limit < 0 || limit > MAX_LIMIT) {
      throw HubSpotError.validation("limit must be between 0 and " + MAX_LIMIT);
    }
    int after = intValue(body.getValue("after"), 0, "after");
    if (after >= MAX_RESULTS) {
      throw HubSpotError.validation(
          "Paging beyond " + MAX_RESULTS + " results is not allowed (after=" + after + ")");
    }
    List<List<SearchFilter>> groups = parseGroups(body.getJsonArray("filterGroups"));
    String query = body.getString("query");
    Comparator<Object[]> order = order(portal, type, body.getJsonArray("sorts"));
    List<String> props = ObjectJson.requested(body.getJsonArray("properties"));
    Instant now = options.clock().instant();
    List<Object[]> hits = new ArrayList<>();
    synchronized (portal) {
      for (CrmObject o : portal.table(type).values()) {
        CrmObject.Indexed view = o.searchView(now);
        if (view == null || view.archived()) {
          continue;
        }
        if (matches(portal, o, view.properties(), groups) && matchesQuery(type, view, query)) {
          hits.add(new Object[] {o, view});
        }
      }
    }
    hits.sort(order);
    JsonArray results = new JsonArray();
    int end = Math.min(Math.min(after + limit, hits.size()), MAX_RESULTS);
    for (int i = after; i < end; i++) {
      CrmObject o = (CrmObject) hits.get(i)[0];
      CrmObject.Indexed view = (CrmObject.Indexed) hits.get(i)[1];
      results.add(ObjectJson.render(type, o, view.properties(), props));
    }
    JsonObject out = new JsonObject().put("total", hits.size()).put("results", results);
    if (end < hits.size() && end < MAX_RESULTS) {
      out.put(
          "paging",
          new JsonObject().put("next", new JsonObject().put("after", Integer.toString(end))));
    }
    return out;
  }

  private List<List<SearchFilter>> parseGroups(JsonArray groups) {
    List<List<SearchFilter>> out = new ArrayList<>();
    if (groups == null) {
      return out;
    }
    if (groups.size() > options.maxFilterGroups()) {
      throw HubSpotError.validation(
          "Too many filter groups: "
              + groups.size()
              + ". The maximum is "
              + options.maxFilterGroups()
              + ".");
    }
    int total = 0;
    for (Object g : groups) {
      JsonArray filters =
          g instanceof JsonObject j ? j.getJsonArray("filters", new JsonArray()) : new JsonArray();
      if (filters.size() > options.maxFiltersPerGroup()) {
        throw HubSpotError.validation(
            "Too many filters in a group: "
                + filters.size()
                + ". The maximum is "
                + options.maxFiltersPerGroup()
                + ".");
      }
      total += filters.size();
      List<SearchFilter> parsed = new ArrayList<>();
      for (Object f : filters) {
        parsed.add(SearchFilter.parse(f instanceof JsonObject j ? j : new JsonObject()));
      }
      out.add(parsed);
    }
    if (total > options.maxFiltersTotal()) {
      throw HubSpotError.validation(
          "Too many filters: " + total + ". The maximum is " + options.maxFiltersTotal() + ".");
    }
    return out;
  }

  private static boolean matches(
      Portal portal, CrmObject o, Map<String, String> props, List<List<SearchFilter>> groups) {
    if (groups.isEmpty()) {
      return true;
    }
    for (List<SearchFilter> group : groups) {
      if (group.stream().allMatch(f -> f.matches(portal, o, props))) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesQuery(ObjectType type, CrmObject.Indexed view, String query) {
    if (query == null || query.isBlank()) {
      return true;
    }
    String q = query.trim().toLowerCase(Locale.ROOT);
    for (String p : type.searchableProperties()) {
      String v = view.properties().get(p);
      if (v != null && v.toLowerCase(Locale.ROOT).contains(q)) {
        return true;
      }
    }
    return false;
  }

  private static Comparator<Object[]> order(Portal portal, ObjectType type, JsonArray sorts) {
    Comparator<Object[]> byId = Comparator.comparingLong(h -> ((CrmObject) h[0]).id());
    if (sorts == null || sorts.isEmpty()) {
      return Comparator.<Object[], Instant>comparing(h -> ((CrmObject) h[0]).createdAt())
          .thenComparing(byId);
    }
    Object first = sorts.getValue(0);
    String property;
    boolean descending;
    if (first instanceof JsonObject s) {
      property = s.getString("propertyName");
      descending = "DESCENDING".equalsIgnoreCase(s.getString("direction", "ASCENDING"));
    } else {
      String s = String.valueOf(first);
      descending = s.startsWith("-");
      property = descending ? s.substring(1) : s;
    }
    if (property == null) {
      throw HubSpotError.validation("sorts: propertyName is required");
    }
    PropertyDef def = portal.catalog(type).get(property).orElse(null);
    Comparator<Object[]> byValue =
        (x, y) -> {
          String a = ((CrmObject.Indexed) x[1]).properties().get(property);
          String b = ((CrmObject.Indexed) y[1]).properties().get(property);
          if (a == null || b == null) {
            // Records without the property sort last in either direction.
            return a == null ? (b == null ? 0 : 1) : -1;
          }
          int c = SearchFilter.compare(def, a, b);
          return descending ? -c : c;
        };
    return byValue.thenComparing(byId);
  }

  private static int intValue(Object v, int fallback, String name) {
    if (v == null || v.toString().isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.toString().trim());
    } catch (NumberFormatException e) {
      throw HubSpotError.validation(name + " must be an integer, got " + v);
    }
  }
}

package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * v2 cursor paging: {@code limit} (default 100, max 500) and an opaque {@code cursor} that, like
 * the vendor's, is base64url JSON {@code {"field","fieldValue","sortDirection","id"}} naming the
 * last item of the previous page. {@code next_cursor} is null on the last page.
 */
final class Paging {

  /** One page and the cursor to the next one (null at the end). */
  record Page(List<JsonObject> items, String nextCursor) {}

  private Paging() {}

  static int limit(RoutingContext ctx, int max) {
    String raw = Query.first(ctx, "limit");
    if (raw == null) {
      return Math.min(100, max);
    }
    long v = Query.integer("limit", raw);
    if (v < 1 || v > max) {
      throw PdError.validation("limit", "Parameter 'limit' must be between 1 and " + max);
    }
    return (int) v;
  }

  /** Sorts by {@code field} (then id) and cuts the page after the cursor position. */
  static Page page(List<JsonObject> all, String field, boolean desc, String cursor, int limit) {
    Comparator<JsonObject> order =
        Comparator.<JsonObject, String>comparing(
                r -> key(r, field), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(r -> r.getLong("id"));
    if (desc) {
      order = order.reversed();
    }
    List<JsonObject> sorted = new ArrayList<>(all);
    sorted.sort(order);
    int start = 0;
    if (cursor != null) {
      JsonObject c = decode(cursor);
      if (!field.equals(c.getString("field"))
          || !(desc ? "desc" : "asc").equals(c.getString("sortDirection"))) {
        throw PdError.badRequest("Cursor does not match the sort parameters");
      }
      JsonObject marker =
          new JsonObject().put("id", c.getLong("id")).put(field, c.getValue("fieldValue"));
      start = sorted.size();
      for (int i = 0; i < sorted.size(); i++) {
        if (order.compare(sorted.get(i), marker) > 0) {
          start = i;
          break;
        }
      }
    }
    int end = Math.min(sorted.size(), start + limit);
    List<JsonObject> items = sorted.subList(start, end);
    String next = null;
    if (end < sorted.size() && !items.isEmpty()) {
      JsonObject last = items.get(items.size() - 1);
      next =
          encode(
              new JsonObject()
                  .put("field", field)
                  .put("fieldValue", last.getValue(field))
                  .put("sortDirection", desc ? "desc" : "asc")
                  .put("id", last.getLong("id")));
    }
    return new Page(new ArrayList<>(items), next);
  }

  private static String key(JsonObject r, String field) {
    Object v = r.getValue(field);
    if (v instanceof Number n) {
      return String.format("%020d", n.longValue());
    }
    return Objects.toString(v, null);
  }

  static String encode(JsonObject c) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(c.encode().getBytes(StandardCharsets.UTF_8));
  }

  static JsonObject decode(String cursor) {
    try {
      return new JsonObject(
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      throw PdError.validation("cursor", "Parameter 'cursor' is not a valid cursor");
    }
  }
}

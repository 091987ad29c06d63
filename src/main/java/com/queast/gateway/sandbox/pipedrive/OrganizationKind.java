package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Organizations (vendor notes §1.3). */
final class OrganizationKind implements ContactKind {

  static final Set<Long> VISIBLE_TO = Set.of(1L, 3L, 5L, 7L);

  private static final Set<String> PATCH_KEYS =
      Set.of(
          "name",
          "owner_id",
          "visible_to",
          "label_ids",
          "address",
          "website",
          "linkedin",
          "industry",
          "annual_revenue",
          "employee_count",
          "custom_fields");

  private static final Set<String> POST_KEYS = union(PATCH_KEYS, "add_time");

  static Set<String> union(Set<String> a, String... more) {
    java.util.HashSet<String> s = new java.util.HashSet<>(a);
    s.addAll(List.of(more));
    return Set.copyOf(s);
  }

  @Override
  public String entity() {
    return "organization";
  }

  @Override
  public String path() {
    return "organizations";
  }

  @Override
  public String title() {
    return "Organization";
  }

  @Override
  public Set<String> searchFields() {
    return Set.of("address", "custom_fields", "notes", "name");
  }

  @Override
  public List<String> listFilters() {
    return List.of();
  }

  @Override
  public JsonObject create(JsonObject body, Company company, Instant now, boolean strict) {
    V2Json.rejectUnknown(body, POST_KEYS, strict);
    String name = V2Json.string("name", body.getValue("name"));
    if (name == null || name.isBlank()) {
      throw PdError.validation("name", "Parameter 'name' is required");
    }
    String addTime = V2Json.timestamp("add_time", body.getValue("add_time"));
    JsonObject r =
        new JsonObject()
            .put("name", name)
            .put("owner_id", (long) company.userId)
            .put(
                "add_time", addTime == null ? Times.v2(now) : Times.v2(Times.parseRfc3339(addTime)))
            .put("update_time", Times.v2(now))
            .putNull("address")
            .put("is_deleted", false)
            .put("visible_to", 3L)
            .put("label_ids", new JsonArray())
            .putNull("website")
            .putNull("linkedin")
            .putNull("industry")
            .putNull("annual_revenue")
            .putNull("employee_count");
    apply(r, body);
    return r;
  }

  @Override
  public JsonObject update(JsonObject existing, JsonObject body, Company company, boolean strict) {
    V2Json.rejectUnknown(body, PATCH_KEYS, strict);
    if (body.containsKey("name")) {
      String name = V2Json.string("name", body.getValue("name"));
      if (name == null || name.isBlank()) {
        throw PdError.validation("name", "Parameter 'name' must not be empty");
      }
      existing = existing.copy().put("name", name);
    } else {
      existing = existing.copy();
    }
    apply(existing, body);
    return existing;
  }

  private static void apply(JsonObject r, JsonObject b) {
    if (b.containsKey("owner_id")) {
      Long owner = V2Json.integer("owner_id", b.getValue("owner_id"));
      if (owner == null) {
        throw PdError.validation("owner_id", "Parameter 'owner_id' must be an integer");
      }
      r.put("owner_id", owner);
    }
    if (b.containsKey("visible_to")) {
      Long v = V2Json.integer("visible_to", b.getValue("visible_to"));
      V2Json.oneOf("visible_to", v, VISIBLE_TO);
      r.put("visible_to", v == null ? 3L : v);
    }
    if (b.containsKey("label_ids")) {
      JsonArray l = V2Json.integerArray("label_ids", b.getValue("label_ids"));
      r.put("label_ids", l == null ? new JsonArray() : l.copy());
    }
    if (b.containsKey("address")) {
      r.put("address", V2Json.address("address", b.getValue("address")));
    }
    for (String k : List.of("website", "linkedin")) {
      if (b.containsKey(k)) {
        r.put(k, V2Json.string(k, b.getValue(k)));
      }
    }
    for (String k : List.of("industry", "employee_count")) {
      if (b.containsKey(k)) {
        r.put(k, V2Json.integer(k, b.getValue(k)));
      }
    }
    if (b.containsKey("annual_revenue")) {
      r.put("annual_revenue", V2Json.number("annual_revenue", b.getValue("annual_revenue")));
    }
  }

  @Override
  public JsonObject webhookData(JsonObject r) {
    JsonArray labels = r.getJsonArray("label_ids");
    JsonObject address = r.getJsonObject("address");
    return new JsonObject()
        .put("add_time", r.getString("add_time"))
        .put("address", address == null ? null : address.copy())
        .put("country_code", address == null ? null : address.getString("country"))
        .put("id", r.getLong("id"))
        .put("label", labels.isEmpty() ? null : labels.getValue(0))
        .put("name", r.getString("name"))
        .put("owner_id", r.getLong("owner_id"))
        .putNull("picture_id")
        .put("update_time", r.getString("update_time"))
        .put("visible_to", String.valueOf(r.getLong("visible_to")));
  }

  @Override
  public Map<String, List<String>> searchTexts(JsonObject r) {
    Map<String, List<String>> m = new HashMap<>();
    m.put("name", List.of(r.getString("name")));
    JsonObject a = r.getJsonObject("address");
    m.put(
        "address",
        a == null || a.getString("value") == null ? List.of() : List.of(a.getString("value")));
    return m;
  }

  @Override
  public JsonObject searchItem(JsonObject r, Company company) {
    JsonObject a = r.getJsonObject("address");
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("type", "organization")
        .put("name", r.getString("name"))
        .put("address", a == null ? null : a.getString("value"))
        .put("visible_to", r.getLong("visible_to"))
        .put("owner", new JsonObject().put("id", r.getLong("owner_id")));
  }
}

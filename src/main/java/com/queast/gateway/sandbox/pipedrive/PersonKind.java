package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Persons (vendor notes §1.4 and the v2 migration guide's person rules). */
final class PersonKind implements ContactKind {

  private static final Set<String> PATCH_KEYS =
      Set.of(
          "name",
          "first_name",
          "last_name",
          "owner_id",
          "org_id",
          "emails",
          "phones",
          "visible_to",
          "label_ids",
          "postal_address",
          "notes",
          "im",
          "birthday",
          "job_title",
          "marketing_status",
          "custom_fields");

  private static final Set<String> POST_KEYS = OrganizationKind.union(PATCH_KEYS, "add_time");

  private static final List<String> SYNC_FIELDS =
      List.of("notes", "birthday", "job_title", "marketing_status");

  @Override
  public String entity() {
    return "person";
  }

  @Override
  public String path() {
    return "persons";
  }

  @Override
  public String title() {
    return "Person";
  }

  @Override
  public Set<String> searchFields() {
    return Set.of("custom_fields", "email", "notes", "phone", "name");
  }

  @Override
  public List<String> listFilters() {
    return List.of("org_id", "deal_id");
  }

  @Override
  public JsonObject create(JsonObject body, Company company, Instant now, boolean strict) {
    V2Json.rejectUnknown(body, POST_KEYS, strict);
    String addTime = V2Json.timestamp("add_time", body.getValue("add_time"));
    JsonObject r =
        new JsonObject()
            .putNull("name")
            .putNull("first_name")
            .putNull("last_name")
            .put("owner_id", (long) company.userId)
            .putNull("org_id")
            .put(
                "add_time", addTime == null ? Times.v2(now) : Times.v2(Times.parseRfc3339(addTime)))
            .put("update_time", Times.v2(now))
            .put("emails", new JsonArray())
            .put("phones", new JsonArray())
            .put("is_deleted", false)
            .put("visible_to", 3L)
            .put("label_ids", new JsonArray())
            .putNull("picture_id");
    if (!body.containsKey("name")
        && !(body.containsKey("first_name") && body.containsKey("last_name"))) {
      throw PdError.validation(
          "name", "Either name or both first_name and last_name must be given");
    }
    apply(r, body, company);
    return r;
  }

  @Override
  public JsonObject update(JsonObject existing, JsonObject body, Company company, boolean strict) {
    V2Json.rejectUnknown(body, PATCH_KEYS, strict);
    JsonObject r = existing.copy();
    apply(r, body, company);
    return r;
  }

  private static void apply(JsonObject r, JsonObject b, Company company) {
    names(r, b);
    if (b.containsKey("owner_id")) {
      Long owner = V2Json.integer("owner_id", b.getValue("owner_id"));
      r.put("owner_id", owner == null ? company.userId : owner);
    }
    if (b.containsKey("org_id")) {
      Long org = V2Json.integer("org_id", b.getValue("org_id"));
      if (org != null) {
        JsonObject o = company.organizations.get(org);
        if (o == null || o.getBoolean("is_deleted")) {
          throw PdError.validation("org_id", "Organization with id " + org + " does not exist");
        }
      }
      r.put("org_id", org);
    }
    for (String k : List.of("emails", "phones", "im")) {
      if (b.containsKey(k)) {
        r.put(k, contactList(k, b.getValue(k)));
      }
    }
    if (b.containsKey("visible_to")) {
      Long v = V2Json.integer("visible_to", b.getValue("visible_to"));
      V2Json.oneOf("visible_to", v, OrganizationKind.VISIBLE_TO);
      r.put("visible_to", v == null ? 3L : v);
    }
    if (b.containsKey("label_ids")) {
      JsonArray l = V2Json.integerArray("label_ids", b.getValue("label_ids"));
      r.put("label_ids", l == null ? new JsonArray() : l.copy());
    }
    if (b.containsKey("postal_address")) {
      r.put("postal_address", V2Json.address("postal_address", b.getValue("postal_address")));
    }
    for (String k : SYNC_FIELDS) {
      if (b.containsKey(k)) {
        String s = V2Json.string(k, b.getValue(k));
        if (k.equals("notes") && s != null && s.length() > 10_000) {
          throw PdError.validation(k, "Parameter 'notes' must be at most 10000 characters");
        }
        r.put(k, s);
      }
    }
  }

  private static void names(JsonObject r, JsonObject b) {
    if (b.containsKey("name")) {
      String name = V2Json.string("name", b.getValue("name"));
      if (name == null || name.isBlank()) {
        throw PdError.validation("name", "Parameter 'name' must not be empty");
      }
      int space = name.trim().indexOf(' ');
      r.put("name", name);
      r.put("first_name", space < 0 ? name.trim() : name.trim().substring(0, space));
      r.put("last_name", space < 0 ? null : name.trim().substring(space + 1));
    } else if (b.containsKey("first_name") || b.containsKey("last_name")) {
      String first =
          b.containsKey("first_name")
              ? V2Json.string("first_name", b.getValue("first_name"))
              : r.getString("first_name");
      String last =
          b.containsKey("last_name")
              ? V2Json.string("last_name", b.getValue("last_name"))
              : r.getString("last_name");
      first = first == null ? "" : first;
      last = last == null ? "" : last;
      if (first.isEmpty() && last.isEmpty()) {
        throw PdError.validation("first_name", "first_name and last_name cannot both be empty");
      }
      r.put("first_name", first).put("last_name", last);
      r.put("name", (first + " " + last).trim());
    }
  }

  /** Emails, phones, IMs: only objects; value required; label defaults to work; one primary. */
  private static JsonArray contactList(String field, Object v) {
    JsonArray in = V2Json.array(field, v);
    JsonArray out = new JsonArray();
    if (in == null) {
      return out;
    }
    int primaries = 0;
    for (int i = 0; i < in.size(); i++) {
      String path = field + "[" + i + "]";
      if (!(in.getValue(i) instanceof JsonObject o)) {
        throw PdError.validation(path, "Parameter '" + field + "' can only be sent as objects");
      }
      String value = V2Json.string(path + ".value", o.getValue("value"));
      if (value == null) {
        throw PdError.validation(path + ".value", "Parameter '" + path + ".value' is required");
      }
      String label = V2Json.string(path + ".label", o.getValue("label"));
      boolean primary = Boolean.TRUE.equals(V2Json.bool(path + ".primary", o.getValue("primary")));
      primaries += primary ? 1 : 0;
      out.add(
          new JsonObject()
              .put("value", value)
              .put("primary", primary)
              .put("label", label == null ? "work" : label));
    }
    if (primaries > 1) {
      throw PdError.validation(field, "Only one item in '" + field + "' can be primary");
    }
    if (primaries == 0 && !out.isEmpty()) {
      out.getJsonObject(0).put("primary", true);
    }
    return out;
  }

  @Override
  public JsonObject webhookData(JsonObject r) {
    JsonArray labels = r.getJsonArray("label_ids");
    return new JsonObject()
        .put("add_time", r.getString("add_time"))
        .put("emails", r.getJsonArray("emails").copy())
        .put("first_name", r.getString("first_name"))
        .put("id", r.getLong("id"))
        .put("label", labels.isEmpty() ? null : labels.getValue(0))
        .put("last_name", r.getString("last_name"))
        .put("name", r.getString("name"))
        .put("org_id", r.getLong("org_id"))
        .put("owner_id", r.getLong("owner_id"))
        .put("phones", r.getJsonArray("phones").copy())
        .put("update_time", r.getString("update_time"))
        .put("visible_to", String.valueOf(r.getLong("visible_to")));
  }

  @Override
  public Map<String, List<String>> searchTexts(JsonObject r) {
    Map<String, List<String>> m = new HashMap<>();
    m.put("name", List.of(r.getString("name")));
    m.put("email", values(r.getJsonArray("emails")));
    m.put("phone", values(r.getJsonArray("phones")));
    return m;
  }

  private static List<String> values(JsonArray a) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      out.add(a.getJsonObject(i).getString("value"));
    }
    return out;
  }

  @Override
  public JsonObject searchItem(JsonObject r, Company company) {
    Long orgId = r.getLong("org_id");
    JsonObject org = orgId == null ? null : company.organizations.get(orgId);
    JsonObject orgItem = null;
    if (org != null) {
      JsonObject a = org.getJsonObject("address");
      orgItem =
          new JsonObject()
              .put("id", orgId)
              .put("name", org.getString("name"))
              .put("address", a == null ? null : a.getString("value"));
    }
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("type", "person")
        .put("name", r.getString("name"))
        .put("phones", new JsonArray(new ArrayList<>(values(r.getJsonArray("phones")))))
        .put("emails", new JsonArray(new ArrayList<>(values(r.getJsonArray("emails")))))
        .put("visible_to", r.getLong("visible_to"))
        .put("owner", new JsonObject().put("id", r.getLong("owner_id")))
        .put("organization", orgItem);
  }
}

package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * One field definition (built-in or custom) as {@code GET /api/v2/organizationFields} shows it.
 *
 * @param code field code: a 40-character hash for custom fields, a readable key for built-ins
 * @param name field name
 * @param type field type ({@code varchar}, {@code double}, {@code enum}, ...)
 * @param options option {@code {id, label}} objects for enum/set fields, else empty
 * @param custom whether it is a custom field
 */
record FieldDef(String code, String name, String type, List<JsonObject> options, boolean custom) {

  /** Types a custom field can be created with (vendor notes §1.6). */
  static final Set<String> CREATABLE =
      Set.of(
          "varchar",
          "text",
          "double",
          "phone",
          "date",
          "daterange",
          "time",
          "timerange",
          "set",
          "enum",
          "varchar_auto",
          "address",
          "monetary",
          "org",
          "people",
          "user");

  /** Custom field types whose values search finds (vendor notes §1.7). */
  static final Set<String> SEARCHABLE =
      Set.of("address", "varchar", "text", "varchar_auto", "double", "monetary", "phone");

  JsonObject toV2() {
    JsonArray opts = null;
    if (type.equals("enum") || type.equals("set")) {
      opts = new JsonArray();
      for (JsonObject o : options) {
        opts.add(o.copy());
      }
    }
    return new JsonObject()
        .put("field_name", name)
        .put("field_code", code)
        .put("field_type", type)
        .put("options", opts)
        .putNull("subfields")
        .put("is_custom_field", custom)
        .put("is_optional_response_field", false);
  }

  /** The v1 shape ({@code key}, {@code name}, {@code edit_flag}) for the v1 create endpoint. */
  JsonObject toV1(long id) {
    return new JsonObject()
        .put("id", id)
        .put("key", code)
        .put("name", name)
        .put("field_type", type)
        .put("edit_flag", custom)
        .put("active_flag", true)
        .put("options", type.equals("enum") || type.equals("set") ? new JsonArray(options) : null);
  }

  boolean hasOption(long id) {
    return options.stream().anyMatch(o -> o.getLong("id") == id);
  }
}

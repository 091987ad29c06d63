package com.queast.gateway.sandbox.pipedrive;

import com.queast.gateway.sandbox.pipedrive.PipedriveSandboxOptions.UnknownCustomFields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * Custom-field values: the REST v2 shapes per field type (vendor notes §1.6), their typed webhook
 * v2 form (§5.4), and their searchable text (§1.7).
 */
final class CustomFields {

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}(:\\d{2})?");

  private CustomFields() {}

  /** Validates {@code custom_fields} of a write and merges it into {@code target} (null clears). */
  static void apply(
      JsonObject body, FieldCatalog catalog, JsonObject target, UnknownCustomFields policy) {
    JsonObject values = V2Json.object("custom_fields", body.getValue("custom_fields"));
    if (values == null) {
      return;
    }
    for (String code : values.fieldNames()) {
      FieldDef f = catalog.customField(code);
      if (f == null) {
        if (policy == UnknownCustomFields.IGNORE) {
          continue;
        }
        throw PdError.validation(
            "custom_fields." + code, "Custom field '" + code + "' does not exist");
      }
      Object v = values.getValue(code);
      target.put(code, v == null ? null : check(f, "custom_fields." + code, v));
    }
  }

  private static Object check(FieldDef f, String path, Object v) {
    return switch (f.type()) {
      case "varchar", "text", "varchar_auto", "phone" -> V2Json.string(path, v);
      case "date" -> pattern(path, v, DATE, "a date YYYY-MM-DD");
      case "time" -> pattern(path, v, TIME, "a time HH:MM:SS");
      case "double" -> V2Json.number(path, v);
      case "org", "people", "user" -> V2Json.integer(path, v);
      case "enum" -> option(f, path, V2Json.integer(path, v));
      case "set" -> set(f, path, v);
      case "monetary" -> monetary(path, v);
      case "address" -> V2Json.address(path, v);
      case "daterange" -> range(path, v, DATE);
      case "timerange" -> range(path, v, TIME);
      default -> v;
    };
  }

  private static String pattern(String path, Object v, Pattern p, String what) {
    String s = V2Json.string(path, v);
    if (!p.matcher(s).matches()) {
      throw PdError.validation(path, "Parameter '" + path + "' must be " + what);
    }
    return s;
  }

  private static Long option(FieldDef f, String path, Long id) {
    if (!f.hasOption(id)) {
      throw PdError.validation(path, "Option " + id + " does not exist for field " + f.code());
    }
    return id;
  }

  private static JsonArray set(FieldDef f, String path, Object v) {
    JsonArray a = V2Json.integerArray(path, v);
    if (a.isEmpty()) {
      throw PdError.validation(path, "Empty array is not supported, use null to clear");
    }
    for (int i = 0; i < a.size(); i++) {
      option(f, path, a.getLong(i));
    }
    return a.copy();
  }

  private static JsonObject monetary(String path, Object v) {
    JsonObject o = V2Json.object(path, v);
    Number value = V2Json.number(path + ".value", o.getValue("value"));
    String currency = V2Json.string(path + ".currency", o.getValue("currency"));
    if (value == null || currency == null) {
      throw PdError.validation(path, "Parameter '" + path + "' needs value and currency");
    }
    return new JsonObject().put("value", value).put("currency", currency);
  }

  private static JsonObject range(String path, Object v, Pattern p) {
    JsonObject o = V2Json.object(path, v);
    return new JsonObject()
        .put("value", pattern(path + ".value", o.getValue("value"), p, "well-formed"))
        .put("until", pattern(path + ".until", o.getValue("until"), p, "well-formed"));
  }

  /** The typed webhook v2 form of a stored REST value, or null for an empty value. */
  static Object typed(FieldDef f, Object v) {
    if (v == null) {
      return null;
    }
    String t = f.type();
    JsonObject out = new JsonObject().put("type", t);
    switch (t) {
      case "double", "varchar", "text", "varchar_auto", "phone", "date" -> out.put("value", v);
      case "monetary" -> {
        JsonObject m = (JsonObject) v;
        out.put("currency", m.getString("currency")).put("value", m.getValue("value"));
      }
      case "org", "people", "user", "enum" -> out.put("id", v);
      case "time" -> out.putNull("timezone_id").put("value", v);
      case "timerange", "daterange" -> {
        JsonObject r = (JsonObject) v;
        out.put("from", r.getValue("value")).put("until", r.getValue("until"));
        if (t.equals("timerange")) {
          out.putNull("timezone_id");
        }
      }
      case "set" -> {
        JsonArray values = new JsonArray();
        ((JsonArray) v).forEach(id -> values.add(new JsonObject().put("id", id)));
        out.put("values", values);
      }
      case "address" -> {
        JsonObject a = ((JsonObject) v).copy();
        a.put("formatted_address", a.getString("value"));
        out.mergeIn(a);
      }
      default -> out.put("value", v);
    }
    return out;
  }

  /** The text search matches for a searchable custom field, or null when not searchable. */
  static String searchText(FieldDef f, Object v) {
    if (v == null || !FieldDef.SEARCHABLE.contains(f.type())) {
      return null;
    }
    if (v instanceof JsonObject o) {
      Object value = o.getValue("value");
      return value == null ? null : plain(value);
    }
    return plain(v);
  }

  private static String plain(Object v) {
    if (v instanceof Double d && d == Math.rint(d)) {
      return String.valueOf(d.longValue());
    }
    return String.valueOf(v);
  }
}

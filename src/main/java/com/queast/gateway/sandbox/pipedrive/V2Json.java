package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Strict v2 typing of request bodies: numbers must be JSON numbers (no {@code "5"}), booleans JSON
 * booleans (no {@code 1}/{@code 0}), strings JSON strings. Each check names the field in the
 * vendor-style 400.
 */
final class V2Json {

  private V2Json() {}

  static void rejectUnknown(JsonObject body, Set<String> allowed, boolean strict) {
    if (!strict) {
      return;
    }
    for (String key : body.fieldNames()) {
      if (!allowed.contains(key)) {
        throw PdError.validation(key, "Parameter '" + key + "' is not allowed for this request");
      }
    }
  }

  static boolean isInteger(Object v) {
    return v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || (v instanceof Number n
            && n.doubleValue() == Math.rint(n.doubleValue())
            && !Double.isInfinite(n.doubleValue())
            && !(v instanceof java.math.BigDecimal));
  }

  static Long integer(String field, Object v) {
    if (v == null) {
      return null;
    }
    if (!isInteger(v)) {
      throw PdError.validation(field, "Parameter '" + field + "' must be an integer");
    }
    return ((Number) v).longValue();
  }

  static Number number(String field, Object v) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n)) {
      throw PdError.validation(field, "Parameter '" + field + "' must be a number");
    }
    return n;
  }

  static String string(String field, Object v) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw PdError.validation(field, "Parameter '" + field + "' must be a string");
    }
    return s;
  }

  static Boolean bool(String field, Object v) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof Boolean b)) {
      throw PdError.validation(field, "Parameter '" + field + "' must be a boolean");
    }
    return b;
  }

  static JsonObject object(String field, Object v) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonObject o)) {
      throw PdError.validation(field, "Parameter '" + field + "' must be an object");
    }
    return o;
  }

  static JsonArray array(String field, Object v) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonArray a)) {
      throw PdError.validation(field, "Parameter '" + field + "' must be an array");
    }
    return a;
  }

  static JsonArray integerArray(String field, Object v) {
    JsonArray a = array(field, v);
    if (a != null) {
      for (int i = 0; i < a.size(); i++) {
        integer(field + "[" + i + "]", a.getValue(i));
      }
    }
    return a;
  }

  static void oneOf(String field, Long v, Set<Long> allowed) {
    if (v != null && !allowed.contains(v)) {
      throw PdError.validation(field, "Parameter '" + field + "' must be one of " + allowed);
    }
  }

  /** A timestamp in RFC 3339 ({@code 2024-01-01T00:00:00Z}). */
  static String timestamp(String field, Object v) {
    String s = string(field, v);
    if (s != null && Times.parseRfc3339(s) == null) {
      throw PdError.validation(field, "Parameter '" + field + "' must be an RFC 3339 date-time");
    }
    return s;
  }

  static JsonObject address(String field, Object v) {
    JsonObject a = object(field, v);
    if (a == null) {
      return null;
    }
    if (!(a.getValue("value") instanceof String)) {
      throw PdError.validation(field + ".value", "Parameter '" + field + ".value' is required");
    }
    JsonObject out = new JsonObject();
    for (String key :
        new String[] {
          "value", "country", "admin_area_level_1", "admin_area_level_2", "locality",
          "sublocality", "route", "street_number", "subpremise", "postal_code"
        }) {
      out.put(key, string(field + "." + key, a.getValue(key)));
    }
    return out;
  }
}

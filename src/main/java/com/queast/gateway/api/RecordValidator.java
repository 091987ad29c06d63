package com.queast.gateway.api;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.record.RecordType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates Queast record bodies against the contract (also in {@code openapi.yaml}): required
 * fields, types, lengths, formats, unknown fields. Every problem is reported with its field path;
 * nothing stops at the first error.
 */
public final class RecordValidator {

  /** Longest id accepted in paths and batch items. */
  public static final int MAX_ID = 64;

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern ID_CHARS = Pattern.compile("^[^/\\s\\p{C}\\p{Z}]+$");

  /** Earliest and latest years accepted in timestamps (what every CRM stores). */
  private static final int MIN_YEAR = 1;

  private static final int MAX_YEAR = 9999;

  private enum Kind {
    STRING,
    TEXT,
    URL,
    EMAIL,
    INTEGER,
    NUMBER,
    TIMESTAMP,
    ID,
    TAGS,
    CRM_IDS
  }

  private record Spec(Kind kind, boolean required, int maxLength) {}

  private static final Map<RecordType, Map<String, Spec>> SPECS = new LinkedHashMap<>();

  static {
    Map<String, Spec> company = new LinkedHashMap<>();
    company.put("name", new Spec(Kind.STRING, true, 255));
    company.put("domain", new Spec(Kind.STRING, false, 255));
    company.put("website", new Spec(Kind.URL, false, 2048));
    company.put("linkedinUrl", new Spec(Kind.URL, false, 2048));
    company.put("country", new Spec(Kind.STRING, false, 100));
    company.put("city", new Spec(Kind.STRING, false, 100));
    company.put("phone", new Spec(Kind.STRING, false, 64));
    company.put("industry", new Spec(Kind.STRING, false, 255));
    company.put("employeeCount", new Spec(Kind.INTEGER, false, 0));
    company.put("description", new Spec(Kind.TEXT, false, 65536));
    company.put("tags", new Spec(Kind.TAGS, false, 100));
    company.put("crmIds", new Spec(Kind.CRM_IDS, false, 64));
    SPECS.put(RecordType.COMPANY, company);
    Map<String, Spec> person = new LinkedHashMap<>();
    person.put("firstName", new Spec(Kind.STRING, false, 255));
    person.put("lastName", new Spec(Kind.STRING, false, 255));
    person.put("email", new Spec(Kind.EMAIL, false, 254));
    person.put("phone", new Spec(Kind.STRING, false, 64));
    person.put("title", new Spec(Kind.STRING, false, 255));
    person.put("linkedinUrl", new Spec(Kind.URL, false, 2048));
    person.put("companyId", new Spec(Kind.ID, false, MAX_ID));
    person.put("crmIds", new Spec(Kind.CRM_IDS, false, 64));
    SPECS.put(RecordType.PERSON, person);
    Map<String, Spec> signal = new LinkedHashMap<>();
    signal.put("companyId", new Spec(Kind.ID, true, MAX_ID));
    signal.put("personId", new Spec(Kind.ID, false, MAX_ID));
    signal.put("type", new Spec(Kind.STRING, true, 100));
    signal.put("title", new Spec(Kind.STRING, true, 500));
    signal.put("summary", new Spec(Kind.TEXT, false, 65536));
    signal.put("url", new Spec(Kind.URL, false, 2048));
    signal.put("score", new Spec(Kind.NUMBER, false, 0));
    signal.put("occurredAt", new Spec(Kind.TIMESTAMP, true, 0));
    SPECS.put(RecordType.SIGNAL, signal);
  }

  private RecordValidator() {}

  /**
   * Validates a Queast id.
   *
   * @param field the field path for errors
   * @param id the id
   * @param out where errors go
   */
  public static void id(String field, Object id, List<FieldError> out) {
    if (id == null) {
      out.add(new FieldError(field, "required", field + " is required"));
    } else if (!(id instanceof String s)) {
      out.add(new FieldError(field, "type", field + " must be a string"));
    } else if (s.isEmpty() || s.length() > MAX_ID) {
      out.add(new FieldError(field, "length", field + " must be 1 to " + MAX_ID + " characters"));
    } else if (!ID_CHARS.matcher(s).matches()) {
      out.add(
          new FieldError(
              field,
              "format",
              field + " must not contain '/', spaces, separators or control/format characters"));
    } else if (s.equals(".") || s.equals("..")) {
      out.add(new FieldError(field, "format", field + " must not be '.' or '..'"));
    }
  }

  /**
   * Validates a record body and returns its normalised form (nulls dropped).
   *
   * @param type record type
   * @param prefix field path prefix, e.g. {@code ""} or {@code items[3].}
   * @param body the record fields
   * @param skip keys to ignore (e.g. {@code id} in batch items)
   * @param out where errors go
   * @return the cleaned record (only when no error was added for it; else null)
   */
  public static JsonObject validate(
      RecordType type, String prefix, JsonObject body, List<String> skip, List<FieldError> out) {
    int before = out.size();
    Map<String, Spec> specs = SPECS.get(type);
    JsonObject clean = new JsonObject();
    for (String key : body.fieldNames()) {
      if (!specs.containsKey(key) && !skip.contains(key)) {
        out.add(
            new FieldError(
                prefix + key, "unknown", "unknown field " + key + " for a " + type.label()));
      }
    }
    for (Map.Entry<String, Spec> e : specs.entrySet()) {
      String path = prefix + e.getKey();
      Object v = body.getValue(e.getKey());
      Spec s = e.getValue();
      if (v == null) {
        if (s.required()) {
          out.add(new FieldError(path, "required", path + " is required"));
        }
        continue;
      }
      Object ok = check(path, s, v, out);
      if (ok != null) {
        clean.put(e.getKey(), ok);
      }
    }
    return out.size() == before ? clean : null;
  }

  private static Object check(String path, Spec s, Object v, List<FieldError> out) {
    switch (s.kind()) {
      case INTEGER -> {
        if (!(v instanceof Number n)) {
          out.add(new FieldError(path, "type", path + " must be an integer"));
          return null;
        }
        java.math.BigDecimal d = exact(n);
        if (d == null || d.stripTrailingZeros().scale() > 0) {
          out.add(new FieldError(path, "type", path + " must be an integer"));
          return null;
        }
        if (d.signum() < 0) {
          out.add(new FieldError(path, "minimum", path + " must be 0 or more"));
          return null;
        }
        if (d.compareTo(MAX_INTEGER) > 0) {
          out.add(
              new FieldError(path, "maximum", path + " must be at most " + MAX_INTEGER.toString()));
          return null;
        }
        return d.longValueExact();
      }
      case NUMBER -> {
        if (!(v instanceof Number n)
            || Double.isNaN(n.doubleValue())
            || Double.isInfinite(n.doubleValue())) {
          out.add(new FieldError(path, "type", path + " must be a finite number"));
          return null;
        }
        return n;
      }
      case CRM_IDS -> {
        if (!(v instanceof JsonObject ids)) {
          out.add(
              new FieldError(path, "type", path + " must be an object of CRM name to record id"));
          return null;
        }
        JsonObject clean = new JsonObject();
        for (String crm : ids.fieldNames()) {
          Object id = ids.getValue(crm);
          if (!crm.matches("[a-z][a-z0-9_]{0,31}")
              || !(id instanceof String sid)
              || sid.isBlank()
              || sid.length() > s.maxLength()) {
            out.add(
                new FieldError(
                    path + "." + crm,
                    "format",
                    "a CRM id is a non-empty string of at most " + s.maxLength() + " characters"));
            return null;
          }
          clean.put(crm, sid.trim());
        }
        return clean;
      }
      case TAGS -> {
        if (!(v instanceof JsonArray arr)) {
          out.add(new FieldError(path, "type", path + " must be an array of strings"));
          return null;
        }
        if (arr.size() > s.maxLength()) {
          out.add(
              new FieldError(
                  path, "max_items", path + " may hold at most " + s.maxLength() + " tags"));
          return null;
        }
        JsonArray clean = new JsonArray();
        for (int i = 0; i < arr.size(); i++) {
          Object t = arr.getValue(i);
          if (!(t instanceof String ts) || ts.isBlank() || ts.length() > 100) {
            out.add(
                new FieldError(
                    path + "[" + i + "]",
                    "type",
                    "each tag must be a non-empty string of at most 100"));
            return null;
          }
          clean.add(ts.trim());
        }
        return clean;
      }
      default -> {
        return checkString(path, s, v, out);
      }
    }
  }

  private static Object checkString(String path, Spec s, Object v, List<FieldError> out) {
    if (!(v instanceof String str)) {
      out.add(new FieldError(path, "type", path + " must be a string"));
      return null;
    }
    if (s.kind() == Kind.ID) {
      List<FieldError> idErrors = new ArrayList<>();
      id(path, str, idErrors);
      out.addAll(idErrors);
      return idErrors.isEmpty() ? str : null;
    }
    String t = s.kind() == Kind.TEXT ? str : str.trim();
    if (s.maxLength() > 0 && t.length() > s.maxLength()) {
      out.add(
          new FieldError(
              path, "max_length", path + " must be at most " + s.maxLength() + " characters"));
      return null;
    }
    if (s.kind() == Kind.STRING && s.maxLength() > 0 && t.isEmpty()) {
      if (path.endsWith("name") || path.endsWith("type") || path.endsWith("title")) {
        out.add(new FieldError(path, "min_length", path + " must not be empty"));
        return null;
      }
      return null;
    }
    switch (s.kind()) {
      case EMAIL -> {
        if (!EMAIL.matcher(t).matches()) {
          out.add(new FieldError(path, "format", path + " must be an email address"));
          return null;
        }
        return t.toLowerCase(java.util.Locale.ROOT);
      }
      case URL -> {
        if (!url(t)) {
          out.add(new FieldError(path, "format", path + " must be an http(s) URL"));
          return null;
        }
        return t;
      }
      case TIMESTAMP -> {
        try {
          OffsetDateTime at = OffsetDateTime.parse(t);
          if (at.getYear() < MIN_YEAR || at.getYear() > MAX_YEAR) {
            out.add(
                new FieldError(
                    path,
                    "range",
                    path + " must be between year " + MIN_YEAR + " and " + MAX_YEAR));
            return null;
          }
          return at.toInstant().toString();
        } catch (DateTimeParseException e) {
          out.add(
              new FieldError(
                  path,
                  "format",
                  path + " must be an ISO-8601 timestamp with offset, e.g. 2026-01-31T12:00:00Z"));
          return null;
        }
      }
      default -> {
        return t;
      }
    }
  }

  /** Largest integer accepted (JSON numbers beyond 2^53 lose precision in most clients). */
  private static final java.math.BigDecimal MAX_INTEGER =
      java.math.BigDecimal.valueOf(9_007_199_254_740_991L);

  /** The exact value of a decoded JSON number, or null for infinities and NaN. */
  private static java.math.BigDecimal exact(Number n) {
    if (n instanceof java.math.BigDecimal b) {
      return b;
    }
    if (n instanceof java.math.BigInteger b) {
      return new java.math.BigDecimal(b);
    }
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? java.math.BigDecimal.valueOf(d) : null;
    }
    return java.math.BigDecimal.valueOf(n.longValue());
  }

  /**
   * An http(s) URL, or a scheme-less address such as {@code acme.com/about} (read as https). Any
   * other scheme ({@code javascript:}, {@code data:}, {@code ftp:}) is refused.
   */
  private static boolean url(String t) {
    if (t.isEmpty() || t.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
      return false;
    }
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    String rest;
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      rest = t.substring(t.indexOf("://") + 3);
    } else {
      int colon = t.indexOf(':');
      int slash = t.indexOf('/');
      if (colon >= 0 && (slash < 0 || colon < slash)) {
        String port = t.substring(colon + 1, slash < 0 ? t.length() : slash);
        if (!port.matches("[0-9]{1,5}")) {
          return false;
        }
      }
      rest = t;
    }
    int end = rest.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = rest.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String host = rest.substring(rest.lastIndexOf('@', end - 1) + 1, end);
    return !host.isEmpty() && !host.startsWith(":") && !host.startsWith(".");
  }
}

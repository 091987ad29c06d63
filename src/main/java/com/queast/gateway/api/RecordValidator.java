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
  private static final Pattern ID_CHARS = Pattern.compile("^[^/\\p{Cntrl}\\s]+$");

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
              field, "format", field + " must not contain '/', spaces or control characters"));
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
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
          out.add(new FieldError(path, "type", path + " must be an integer"));
          return null;
        }
        if (n.longValue() < 0) {
          out.add(new FieldError(path, "minimum", path + " must be 0 or more"));
          return null;
        }
        return n.longValue();
      }
      case NUMBER -> {
        if (!(v instanceof Number n) || Double.isNaN(n.doubleValue())) {
          out.add(new FieldError(path, "type", path + " must be a number"));
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
        if (!(t.startsWith("http://") || t.startsWith("https://") || !t.contains("://"))
            || t.contains(" ")) {
          out.add(new FieldError(path, "format", path + " must be an http(s) URL"));
          return null;
        }
        return t;
      }
      case TIMESTAMP -> {
        try {
          return OffsetDateTime.parse(t).toInstant().toString();
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
}

package com.queast.gateway.mapping;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * How one CRM property gets its value: from a Queast field (with transforms), from a template, or a
 * constant.
 *
 * @param from Queast field name, or null
 * @param transforms transforms applied in order
 * @param template {@code {{field}}} template, or null
 * @param value constant, or null
 */
public record Rule(String from, List<String> transforms, String template, Object value) {

  /**
   * The value of this rule for a record.
   *
   * @param record the record's fields, {@code id} included
   * @param html whether templates produce HTML (values escaped)
   * @return the value, or null when there is none
   */
  public Object apply(JsonObject record, boolean html) {
    Object raw;
    if (value != null) {
      raw = value;
    } else if (template != null) {
      raw = Templates.render(template, record, html);
    } else {
      raw = record.getValue(from);
      if (raw instanceof io.vertx.core.json.JsonArray a) {
        raw = a.getList();
      }
    }
    Object out = Transforms.apply(raw, transforms);
    if (out instanceof String s && s.isEmpty()) {
      return null;
    }
    return out;
  }

  /**
   * JSON form.
   *
   * @return the rule as it appears in specs
   */
  public JsonObject toJson() {
    JsonObject j = new JsonObject();
    if (from != null) {
      j.put("from", from);
    }
    if (template != null) {
      j.put("template", template);
    }
    if (value != null) {
      j.put("value", value);
    }
    if (!transforms.isEmpty()) {
      j.put("transform", new io.vertx.core.json.JsonArray(transforms));
    }
    return j;
  }
}

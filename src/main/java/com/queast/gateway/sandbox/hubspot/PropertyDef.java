package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One property definition of an object type, as the Properties API shows it.
 *
 * @param name internal name
 * @param label label
 * @param type {@code string|number|date|datetime|enumeration|bool|phone_number}
 * @param fieldType form field type
 * @param groupName property group
 * @param description description
 * @param options enumeration options ({@code label}, {@code value}, ...)
 * @param hasUniqueValue whether values are unique per portal (usable as {@code idProperty})
 * @param hubspotDefined true for the built-in properties
 * @param readOnlyValue true for server-maintained values
 * @param hidden hidden in the UI
 * @param displayOrder display order
 * @param createdAt creation time
 * @param updatedAt last update time
 */
public record PropertyDef(
    String name,
    String label,
    String type,
    String fieldType,
    String groupName,
    String description,
    JsonArray options,
    boolean hasUniqueValue,
    boolean hubspotDefined,
    boolean readOnlyValue,
    boolean hidden,
    int displayOrder,
    Instant createdAt,
    Instant updatedAt) {

  /** Valid {@code type → fieldType} pairs, from the properties guide. */
  static final Map<String, Set<String>> FIELD_TYPES =
      Map.of(
          "bool", Set.of("booleancheckbox", "calculation_equation"),
          "enumeration",
              Set.of("checkbox", "radio", "select", "booleancheckbox", "calculation_equation"),
          "date", Set.of("date"),
          "datetime", Set.of("date"),
          "string",
              Set.of("text", "textarea", "html", "phonenumber", "file", "calculation_equation"),
          "number", Set.of("number", "calculation_equation"),
          "phone_number", Set.of("phonenumber", "text"));

  /**
   * A built-in property.
   *
   * @param name name
   * @param type type
   * @param fieldType field type
   * @param group group
   * @param readOnly whether the server maintains it
   * @param at creation instant
   * @return definition
   */
  static PropertyDef builtIn(
      String name, String type, String fieldType, String group, boolean readOnly, Instant at) {
    return new PropertyDef(
        name,
        label(name),
        type,
        fieldType,
        group,
        "",
        new JsonArray(),
        false,
        true,
        readOnly,
        false,
        -1,
        at,
        at);
  }

  /**
   * A built-in enumeration.
   *
   * @param name name
   * @param group group
   * @param values option values
   * @param at creation instant
   * @return definition
   */
  static PropertyDef builtInEnum(String name, String group, List<String> values, Instant at) {
    JsonArray opts = new JsonArray();
    int i = 0;
    for (String v : values) {
      opts.add(
          new JsonObject()
              .put("label", label(v))
              .put("value", v)
              .put("displayOrder", i++)
              .put("hidden", false));
    }
    return new PropertyDef(
        name,
        label(name),
        "enumeration",
        "select",
        group,
        "",
        opts,
        false,
        true,
        false,
        false,
        -1,
        at,
        at);
  }

  /**
   * Whether a value is among the enumeration's options (multi-values are {@code ;}-separated).
   *
   * @param value the value
   * @return true when valid or not an enumeration
   */
  boolean acceptsOption(String value) {
    if (!"enumeration".equals(type) || value.isEmpty() || options.isEmpty()) {
      return true;
    }
    for (String part : value.split(";")) {
      boolean found = false;
      for (Object o : options) {
        if (o instanceof JsonObject opt && part.equals(opt.getString("value"))) {
          found = true;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /**
   * The Properties API JSON form.
   *
   * @return JSON
   */
  public JsonObject toJson() {
    return new JsonObject()
        .put("updatedAt", updatedAt.toString())
        .put("createdAt", createdAt.toString())
        .put("name", name)
        .put("label", label)
        .put("type", type)
        .put("fieldType", fieldType)
        .put("description", description)
        .put("groupName", groupName)
        .put("options", options)
        .put("displayOrder", displayOrder)
        .put("calculated", false)
        .put("externalOptions", false)
        .put("hasUniqueValue", hasUniqueValue)
        .put("hidden", hidden)
        .put("hubspotDefined", hubspotDefined)
        .put(
            "modificationMetadata",
            new JsonObject()
                .put("archivable", !hubspotDefined)
                .put("readOnlyDefinition", hubspotDefined)
                .put("readOnlyValue", readOnlyValue))
        .put("formField", !readOnlyValue)
        .put("dataSensitivity", "non_sensitive")
        .put("archived", false);
  }

  private static String label(String name) {
    String s = name.replaceFirst("^hs_", "").replace('_', ' ');
    return s.isEmpty() ? name : Character.toUpperCase(s.charAt(0)) + s.substring(1).toLowerCase();
  }
}

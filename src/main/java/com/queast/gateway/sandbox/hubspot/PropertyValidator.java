package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks and normalises the {@code properties} of a write against a portal's catalog, producing
 * HubSpot's "Property values were not valid" error listing every bad property.
 */
final class PropertyValidator {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private PropertyValidator() {}

  /**
   * Normalised string values of a write.
   *
   * @param portal portal
   * @param type object type
   * @param input the {@code properties} object (may be null)
   * @param creating whether this is a create (required properties apply)
   * @return name to normalised value
   * @throws HubSpotError 400 listing the invalid properties
   */
  static Map<String, String> validate(
      Portal portal, ObjectType type, JsonObject input, boolean creating) {
    PropertyCatalog catalog = portal.catalog(type);
    Map<String, String> out = new LinkedHashMap<>();
    List<String[]> problems = new ArrayList<>();
    JsonObject props = input == null ? new JsonObject() : input;
    for (String name : props.fieldNames()) {
      Object raw = props.getValue(name);
      String value = raw == null ? "" : raw.toString();
      PropertyDef def = catalog.get(name).orElse(null);
      if (def == null) {
        problems.add(
            new String[] {
              name, "PROPERTY_DOESNT_EXIST", "Property \"" + name + "\" does not exist"
            });
        continue;
      }
      if (def.readOnlyValue()) {
        problems.add(
            new String[] {
              name, "READ_ONLY_VALUE", name + " is a read only property; its value cannot be set."
            });
        continue;
      }
      String problem = check(def, value);
      if (problem != null) {
        problems.add(new String[] {name, problem.split(":", 2)[0], problem.split(":", 2)[1]});
        continue;
      }
      out.put(name, normalise(def, value));
    }
    if (creating && (type == ObjectType.NOTES || type == ObjectType.TASKS)) {
      String ts = out.get("hs_timestamp");
      if (ts == null || ts.isEmpty()) {
        problems.add(
            new String[] {"hs_timestamp", "REQUIRED_PROPERTY", "hs_timestamp is required"});
      }
    }
    if (creating && type.custom()) {
      for (String required :
          portal.schemaOf(type).map(ObjectSchema::requiredProperties).orElse(List.of())) {
        String v = out.get(required);
        if (v == null || v.isEmpty()) {
          problems.add(new String[] {required, "REQUIRED_PROPERTY", required + " is required"});
        }
      }
    }
    if (!problems.isEmpty()) {
      throw HubSpotError.invalidProperties(portal.id(), problems);
    }
    return out;
  }

  private static String check(PropertyDef def, String value) {
    if (value.isEmpty()) {
      return null;
    }
    if ("email".equals(def.name()) && !EMAIL.matcher(value).matches()) {
      return "INVALID_EMAIL:Email address " + value + " is invalid";
    }
    switch (def.type()) {
      case "number":
        try {
          new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
          return "INVALID_DECIMAL:" + value + " was not a valid number.";
        }
        return null;
      case "date":
      case "datetime":
        return HubSpotTime.parse(value) == null
            ? "INVALID_DATE:" + value + " is not a valid date"
            : null;
      case "bool":
        return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
            ? null
            : "INVALID_BOOLEAN:" + value + " is not a valid boolean";
      case "enumeration":
        return def.acceptsOption(value)
            ? null
            : "INVALID_OPTION:"
                + value
                + " was not one of the allowed options: "
                + def.options().stream().map(o -> ((JsonObject) o).getString("value")).toList();
      default:
        return null;
    }
  }

  private static String normalise(PropertyDef def, String value) {
    if (value.isEmpty()) {
      return value;
    }
    if ("email".equals(def.name())) {
      return value.trim().toLowerCase(Locale.ROOT);
    }
    return switch (def.type()) {
      case "datetime" -> HubSpotTime.format(HubSpotTime.parse(value));
      case "date" -> HubSpotTime.parse(value).atOffset(ZoneOffset.UTC).toLocalDate().toString();
      case "bool" -> value.toLowerCase(Locale.ROOT);
      default -> value;
    };
  }

  /**
   * Parses a stored value for comparison: a number, an instant (for dates), or null.
   *
   * @param def definition, or null
   * @param value stored value
   * @return comparable number or null
   */
  static BigDecimal numeric(PropertyDef def, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (def != null && ("date".equals(def.type()) || "datetime".equals(def.type()))) {
      Instant at = HubSpotTime.parse(value);
      return at == null ? null : BigDecimal.valueOf(at.toEpochMilli());
    }
    try {
      return new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

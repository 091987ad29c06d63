package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders records as {@code SimplePublicObject}: string id, string property values, ISO timestamps
 * with milliseconds. Requested properties without a value come back as {@code null}; {@code
 * hs_object_id} and the created/modified dates always come back.
 */
final class ObjectJson {

  private ObjectJson() {}

  /**
   * Property names a read asks for, from {@code properties} query values (comma-separated, possibly
   * repeated) or a JSON array; null means the type's defaults.
   */
  static List<String> requested(List<String> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String v : values) {
      for (String p : v.split(",")) {
        if (!p.isBlank()) {
          out.add(p.trim());
        }
      }
    }
    return out.isEmpty() ? null : out;
  }

  static List<String> requested(JsonArray values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(String.valueOf(v)));
    return out;
  }

  /**
   * Renders the answer to a write (create, update, upsert, batch create/update): the type's default
   * properties plus every property the request wrote, as HubSpot echoes written values.
   */
  static JsonObject written(CrmObject o, JsonObject properties) {
    if (properties == null || properties.isEmpty()) {
      return render(o, null);
    }
    Set<String> names = new LinkedHashSet<>(o.type().defaultProperties());
    names.addAll(properties.fieldNames());
    return render(o, new ArrayList<>(names));
  }

  static JsonObject written(CrmObject o, Map<String, String> properties) {
    return written(
        o, properties == null ? null : new JsonObject(new java.util.HashMap<>(properties)));
  }

  static JsonObject render(CrmObject o, List<String> requested) {
    return render(o.type(), o, o.properties(), requested);
  }

  static JsonObject render(
      ObjectType type, CrmObject o, Map<String, String> props, List<String> requested) {
    Set<String> names = new LinkedHashSet<>();
    if (requested == null) {
      names.addAll(type.defaultProperties());
    } else {
      names.addAll(requested);
      names.add("hs_object_id");
      names.add(type.createdProperty());
      names.add(type.modifiedProperty());
    }
    JsonObject p = new JsonObject();
    for (String n : names.stream().sorted().toList()) {
      p.put(n, props.get(n));
    }
    JsonObject out =
        new JsonObject()
            .put("id", Long.toString(o.id()))
            .put("properties", p)
            .put("createdAt", HubSpotTime.format(o.createdAt()))
            .put("updatedAt", HubSpotTime.format(o.updatedAt()))
            .put("archived", o.archived());
    if (o.archived()) {
      out.put("archivedAt", HubSpotTime.format(o.archivedAt()));
    }
    return out;
  }

  /**
   * Adds the v3 {@code associations} map for the requested target types.
   *
   * @param out rendered record
   * @param portal portal
   * @param o record
   * @param toTypes requested target type names
   */
  static void addAssociations(JsonObject out, Portal portal, CrmObject o, List<String> toTypes) {
    if (toTypes == null) {
      return;
    }
    JsonObject map = new JsonObject();
    for (String name : toTypes) {
      ObjectType to = portal.type(name).orElse(null);
      if (to == null) {
        continue;
      }
      JsonArray results = new JsonArray();
      portal
          .associations()
          .from(o.type(), o.id(), to)
          .forEach(
              (id, typeIds) -> {
                for (Integer typeId : typeIds) {
                  String typeName =
                      AssociationTypes.byId(typeId, o.type(), to)
                          .map(AssociationTypes.Type::v3Name)
                          .orElse(o.type().singular() + "_to_" + to.singular());
                  results.add(new JsonObject().put("id", Long.toString(id)).put("type", typeName));
                }
              });
      if (!results.isEmpty()) {
        map.put(to.plural(), new JsonObject().put("results", results));
      }
    }
    if (!map.isEmpty()) {
      out.put("associations", map);
    }
  }
}

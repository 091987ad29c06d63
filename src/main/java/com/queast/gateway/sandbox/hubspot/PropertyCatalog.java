package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The property definitions and property groups of one object type in one portal: the built-in ones
 * HubSpot defines plus the custom ones created through the Properties API.
 */
public final class PropertyCatalog {

  /** HubSpot allows up to ten unique-value properties per object type. */
  static final int MAX_UNIQUE = 10;

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private final ObjectType type;
  private final Map<String, PropertyDef> properties = new LinkedHashMap<>();
  private final Map<String, JsonObject> groups = new LinkedHashMap<>();

  /**
   * A catalog holding the built-in definitions of a type.
   *
   * @param type object type
   * @param at creation instant for the built-ins
   */
  public PropertyCatalog(ObjectType type, Instant at) {
    this.type = type;
    BuiltInProperties.install(type, at, this);
  }

  void addBuiltIn(PropertyDef def) {
    properties.put(def.name(), def);
  }

  void addGroup(String name, String label, int order) {
    groups.put(
        name,
        new JsonObject()
            .put("name", name)
            .put("label", label)
            .put("displayOrder", order)
            .put("archived", false));
  }

  /**
   * A property definition.
   *
   * @param name property name
   * @return definition if defined
   */
  public synchronized Optional<PropertyDef> get(String name) {
    return Optional.ofNullable(properties.get(name));
  }

  /**
   * All definitions, built-in first.
   *
   * @return copy of the definitions
   */
  public synchronized List<PropertyDef> all() {
    return new ArrayList<>(properties.values());
  }

  /**
   * Whether a property can address records as {@code idProperty} / must hold unique values.
   *
   * @param name property name
   * @return true for {@code hasUniqueValue} properties and contacts' {@code email}
   */
  public synchronized boolean isUnique(String name) {
    if (type == ObjectType.CONTACTS && "email".equals(name)) {
      return true;
    }
    PropertyDef d = properties.get(name);
    return d != null && d.hasUniqueValue();
  }

  /**
   * Creates a custom property from a {@code PropertyCreate} body.
   *
   * @param body request body
   * @param now creation time
   * @return the definition
   * @throws HubSpotError 400 for invalid input, 409 when the name exists
   */
  public synchronized PropertyDef create(JsonObject body, Instant now) {
    List<String> missing = new ArrayList<>();
    for (String f : List.of("name", "label", "type", "fieldType", "groupName")) {
      if (body.getValue(f) == null || body.getValue(f).toString().isBlank()) {
        missing.add(f);
      }
    }
    if (!missing.isEmpty()) {
      throw HubSpotError.validation("Required fields are missing: " + String.join(", ", missing));
    }
    String name = body.getString("name");
    if (!NAME.matcher(name).matches() || name.startsWith("hs_")) {
      throw HubSpotError.validation(
          "Property name '"
              + name
              + "' is invalid: use lowercase letters, digits and underscores,"
              + " starting with a letter, and not the hs_ prefix");
    }
    if (properties.containsKey(name)) {
      throw new HubSpotError(
          409,
          "OBJECT_ALREADY_EXISTS",
          "Property named '" + name + "' already exists.",
          null,
          null,
          null,
          null);
    }
    String t = body.getString("type");
    String ft = body.getString("fieldType");
    if (!PropertyDef.FIELD_TYPES.containsKey(t)) {
      throw HubSpotError.validation("Invalid property type: " + t);
    }
    if (!PropertyDef.FIELD_TYPES.get(t).contains(ft)) {
      throw HubSpotError.validation(
          "Property type " + t + " is not compatible with field type " + ft);
    }
    String group = body.getString("groupName");
    if (!groups.containsKey(group)) {
      throw HubSpotError.validation("Property group " + group + " does not exist.");
    }
    boolean unique = body.getBoolean("hasUniqueValue", false);
    if (unique
        && properties.values().stream().filter(PropertyDef::hasUniqueValue).count() >= MAX_UNIQUE) {
      throw HubSpotError.validation(
          "Cannot create more than " + MAX_UNIQUE + " unique value properties per object type");
    }
    PropertyDef def =
        new PropertyDef(
            name,
            body.getString("label"),
            t,
            ft,
            group,
            body.getString("description", ""),
            body.getJsonArray("options", new JsonArray()).copy(),
            unique,
            false,
            false,
            body.getBoolean("hidden", false),
            body.getInteger("displayOrder", -1),
            now,
            now);
    properties.put(name, def);
    return def;
  }

  /**
   * Updates the mutable parts of a custom property ({@code label, description, groupName, options,
   * hidden, displayOrder}).
   *
   * @param name property name
   * @param body {@code PropertyUpdate}
   * @param now update time
   * @return the new definition
   */
  public synchronized PropertyDef update(String name, JsonObject body, Instant now) {
    PropertyDef d = properties.get(name);
    if (d == null) {
      throw HubSpotError.notFound("Unable to find property " + name);
    }
    if (body.containsKey("groupName") && !groups.containsKey(body.getString("groupName"))) {
      throw HubSpotError.validation(
          "Property group " + body.getString("groupName") + " does not exist.");
    }
    PropertyDef n =
        new PropertyDef(
            d.name(),
            body.getString("label", d.label()),
            d.type(),
            body.getString("fieldType", d.fieldType()),
            body.getString("groupName", d.groupName()),
            body.getString("description", d.description()),
            body.getJsonArray("options", d.options()),
            d.hasUniqueValue(),
            d.hubspotDefined(),
            d.readOnlyValue(),
            body.getBoolean("hidden", d.hidden()),
            body.getInteger("displayOrder", d.displayOrder()),
            d.createdAt(),
            now);
    properties.put(name, n);
    return n;
  }

  /**
   * Archives a custom property (built-ins cannot be archived).
   *
   * @param name property name
   */
  public synchronized void archive(String name) {
    PropertyDef d = properties.get(name);
    if (d == null) {
      throw HubSpotError.notFound("Unable to find property " + name);
    }
    if (d.hubspotDefined()) {
      throw HubSpotError.validation("HubSpot-defined property " + name + " cannot be archived");
    }
    properties.remove(name);
  }

  /**
   * Property groups.
   *
   * @return JSON group objects
   */
  public synchronized List<JsonObject> groups() {
    return groups.values().stream().map(JsonObject::copy).toList();
  }

  /**
   * A group.
   *
   * @param name group name
   * @return the group if it exists
   */
  public synchronized Optional<JsonObject> group(String name) {
    return Optional.ofNullable(groups.get(name)).map(JsonObject::copy);
  }

  /**
   * Creates a group from {@code {name, label, displayOrder?}}.
   *
   * @param body request body
   * @return the group
   */
  public synchronized JsonObject createGroup(JsonObject body) {
    String name = body.getString("name");
    String label = body.getString("label");
    if (name == null || label == null || !NAME.matcher(name).matches()) {
      throw HubSpotError.validation("Property group needs a valid name and a label");
    }
    if (groups.containsKey(name)) {
      throw new HubSpotError(
          409,
          "OBJECT_ALREADY_EXISTS",
          "Property group named '" + name + "' already exists.",
          null,
          null,
          null,
          null);
    }
    addGroup(name, label, body.getInteger("displayOrder", -1));
    return groups.get(name).copy();
  }

  /**
   * Updates a group's label or display order.
   *
   * @param name group name
   * @param body {@code {label?, displayOrder?}}
   * @return the group
   */
  public synchronized JsonObject updateGroup(String name, JsonObject body) {
    JsonObject g = groups.get(name);
    if (g == null) {
      throw HubSpotError.notFound("Unable to find property group " + name);
    }
    g.put("label", body.getString("label", g.getString("label")));
    g.put("displayOrder", body.getInteger("displayOrder", g.getInteger("displayOrder")));
    return g.copy();
  }

  /**
   * Deletes an empty custom group.
   *
   * @param name group name
   */
  public synchronized void archiveGroup(String name) {
    if (groups.remove(name) == null) {
      throw HubSpotError.notFound("Unable to find property group " + name);
    }
  }
}

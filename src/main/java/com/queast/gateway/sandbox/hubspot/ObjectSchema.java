package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A portal's custom object schema: its {@link ObjectType}, labels, display and required properties,
 * its property catalog and the association definitions it owns (each one a pair of association
 * types, custom → target and back). Guarded by the owning {@link Portal}'s lock.
 */
public final class ObjectSchema {

  /**
   * One association definition of a schema.
   *
   * @param type the custom → target type (its id is the definition's id)
   * @param inverse the target → custom type
   * @param name definition name, e.g. {@code cars_to_company}
   * @param createdAt creation time
   */
  record Association(
      AssociationTypes.Type type, AssociationTypes.Type inverse, String name, Instant createdAt) {

    JsonObject toJson() {
      String at = HubSpotTime.format(createdAt);
      return new JsonObject()
          .put("fromObjectTypeId", type.from().typeId())
          .put("toObjectTypeId", type.to().typeId())
          .put("name", name)
          .put("id", Integer.toString(type.typeId()))
          .put("createdAt", at)
          .put("updatedAt", at);
    }
  }

  private final ObjectType type;
  private final long portalId;
  private final PropertyCatalog catalog;
  private final Instant createdAt;
  private final List<Association> associations = new ArrayList<>();
  private JsonObject labels;
  private String description;
  private String primaryDisplayProperty;
  private List<String> secondaryDisplayProperties;
  private List<String> requiredProperties;
  private List<String> searchableProperties;
  private boolean allowsSensitiveProperties;
  private Instant updatedAt;
  private boolean archived;

  ObjectSchema(ObjectType type, long portalId, JsonObject egg, Instant now) {
    this.type = type;
    this.portalId = portalId;
    this.catalog = new PropertyCatalog(type, now);
    this.createdAt = now;
    this.updatedAt = now;
    this.labels = egg.getJsonObject("labels").copy();
    this.description = egg.getString("description");
    this.primaryDisplayProperty = egg.getString("primaryDisplayProperty");
    this.secondaryDisplayProperties = strings(egg.getJsonArray("secondaryDisplayProperties"));
    this.requiredProperties = strings(egg.getJsonArray("requiredProperties"));
    this.searchableProperties = strings(egg.getJsonArray("searchableProperties"));
    this.allowsSensitiveProperties = egg.getBoolean("allowsSensitiveProperties", false);
  }

  static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a != null) {
      for (Object o : a) {
        out.add(String.valueOf(o));
      }
    }
    return out;
  }

  /**
   * The object type of the schema's records.
   *
   * @return type
   */
  public ObjectType type() {
    return type;
  }

  /**
   * Properties every created record must carry.
   *
   * @return names
   */
  public List<String> requiredProperties() {
    return List.copyOf(requiredProperties);
  }

  PropertyCatalog catalog() {
    return catalog;
  }

  boolean archived() {
    return archived;
  }

  void archive(Instant now) {
    archived = true;
    updatedAt = now;
  }

  List<Association> associations() {
    return associations;
  }

  void addAssociation(Association a) {
    associations.add(a);
    type.customAssociations().add(a.type());
    type.customAssociations().add(a.inverse());
    if (a.type().to().custom() && a.type().to() != type) {
      a.type().to().customAssociations().add(a.type());
      a.type().to().customAssociations().add(a.inverse());
    }
  }

  void removeAssociation(Association a) {
    associations.remove(a);
    for (ObjectType t : List.of(type, a.type().to())) {
      t.customAssociations().remove(a.type());
      t.customAssociations().remove(a.inverse());
    }
  }

  void patch(JsonObject body, Instant now) {
    if (body.getJsonObject("labels") != null) {
      labels = labels.copy().mergeIn(body.getJsonObject("labels"));
    }
    if (body.containsKey("description")) {
      description = body.getString("description");
    }
    if (body.containsKey("primaryDisplayProperty")) {
      primaryDisplayProperty = body.getString("primaryDisplayProperty");
    }
    if (body.containsKey("secondaryDisplayProperties")) {
      secondaryDisplayProperties = strings(body.getJsonArray("secondaryDisplayProperties"));
    }
    if (body.containsKey("requiredProperties")) {
      requiredProperties = strings(body.getJsonArray("requiredProperties"));
    }
    if (body.containsKey("searchableProperties")) {
      searchableProperties = strings(body.getJsonArray("searchableProperties"));
    }
    if (body.containsKey("allowsSensitiveProperties")) {
      allowsSensitiveProperties = body.getBoolean("allowsSensitiveProperties");
    }
    updatedAt = now;
  }

  /**
   * The {@code ObjectSchema} answer.
   *
   * @return JSON
   */
  public JsonObject toJson() {
    JsonArray props = new JsonArray();
    for (PropertyDef d : catalog.all()) {
      if (!d.hubspotDefined()) {
        props.add(d.toJson());
      }
    }
    JsonArray assoc = new JsonArray();
    associations.forEach(a -> assoc.add(a.toJson()));
    String typeId = type.typeId();
    JsonObject out =
        new JsonObject()
            .put("id", typeId.substring(typeId.indexOf('-') + 1))
            .put("objectTypeId", typeId)
            .put("name", type.singular())
            .put("fullyQualifiedName", "p" + portalId + "_" + type.singular())
            .put("labels", labels.copy())
            .put("metaType", "PORTAL_SPECIFIC")
            .put("requiredProperties", new JsonArray(new ArrayList<>(requiredProperties)))
            .put("searchableProperties", new JsonArray(new ArrayList<>(searchableProperties)))
            .put(
                "secondaryDisplayProperties",
                new JsonArray(new ArrayList<>(secondaryDisplayProperties)))
            .put("allowsSensitiveProperties", allowsSensitiveProperties)
            .put("properties", props)
            .put("associations", assoc)
            .put("archived", archived)
            .put("createdAt", HubSpotTime.format(createdAt))
            .put("updatedAt", HubSpotTime.format(updatedAt));
    if (primaryDisplayProperty != null) {
      out.put("primaryDisplayProperty", primaryDisplayProperty);
    }
    if (description != null) {
      out.put("description", description);
    }
    return out;
  }
}

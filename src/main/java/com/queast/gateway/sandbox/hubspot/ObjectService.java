package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Single-record writes with HubSpot's rules: validation, server-maintained properties, unique-value
 * enforcement (email and {@code hasUniqueValue} properties), associations given at creation, search
 * re-indexing and change events. Every method runs under the portal's lock.
 */
public final class ObjectService {

  private final Clock clock;
  private final HubSpotSandboxOptions options;
  private final CrmEvents events;

  /**
   * A service.
   *
   * @param options sandbox options (indexing delay, conflict status)
   * @param events where change events go
   */
  public ObjectService(HubSpotSandboxOptions options, CrmEvents events) {
    this.clock = options.clock();
    this.options = options;
    this.events = events;
  }

  Instant now() {
    return clock.instant();
  }

  /**
   * Creates a record.
   *
   * @param portal portal
   * @param type object type
   * @param properties {@code properties}
   * @param associations {@code associations} array, or null
   * @param source change source
   * @return the record
   * @throws HubSpotError on invalid input or a unique-value conflict
   */
  public CrmObject create(
      Portal portal,
      ObjectType type,
      JsonObject properties,
      JsonArray associations,
      CrmEvents.Source source) {
    synchronized (portal) {
      Map<String, String> values = PropertyValidator.validate(portal, type, properties, true);
      checkUnique(portal, type, values, null);
      List<Object[]> links = resolveAssociations(portal, type, associations);
      return insert(portal, type, values, links, source);
    }
  }

  CrmObject insert(
      Portal portal,
      ObjectType type,
      Map<String, String> values,
      List<Object[]> links,
      CrmEvents.Source source) {
    Instant now = now();
    CrmObject o = new CrmObject(type, portal.nextId(), now);
    o.live().putAll(values);
    o.live().put("hs_object_id", Long.toString(o.id()));
    o.live().put(type.createdProperty(), HubSpotTime.format(now));
    o.touch(now);
    portal.table(type).put(o.id(), o);
    portal.unique().add(portal, o);
    for (Object[] link : links) {
      portal.associations().add((AssociationTypes.Type) link[0], o.id(), (Long) link[1]);
    }
    o.reindex(now, options.searchIndexingDelayMs());
    events.created(portal, o, source);
    values.forEach((k, v) -> events.propertyChanged(portal, o, k, v, source));
    return o;
  }

  /**
   * Updates a record; values equal to the stored ones change nothing and fire no event.
   *
   * @param portal portal
   * @param o the record
   * @param properties {@code properties}
   * @param source change source
   * @return the record
   */
  public CrmObject update(
      Portal portal, CrmObject o, JsonObject properties, CrmEvents.Source source) {
    synchronized (portal) {
      Map<String, String> values = PropertyValidator.validate(portal, o.type(), properties, false);
      checkUnique(portal, o.type(), values, o.id());
      apply(portal, o, values, source);
      return o;
    }
  }

  void apply(Portal portal, CrmObject o, Map<String, String> values, CrmEvents.Source source) {
    Instant now = now();
    List<Map.Entry<String, String>> changed = new ArrayList<>();
    portal.unique().remove(portal, o);
    for (Map.Entry<String, String> e : values.entrySet()) {
      String old = o.get(e.getKey());
      String oldValue = old == null ? "" : old;
      if (!oldValue.equals(e.getValue())) {
        changed.add(e);
        if (e.getValue().isEmpty()) {
          o.live().remove(e.getKey());
        } else {
          o.live().put(e.getKey(), e.getValue());
        }
      }
    }
    o.touch(now);
    portal.unique().add(portal, o);
    o.reindex(now, options.searchIndexingDelayMs());
    for (Map.Entry<String, String> e : changed) {
      events.propertyChanged(portal, o, e.getKey(), e.getValue(), source);
    }
  }

  /**
   * Archives a record (HubSpot keeps it restorable for 90 days; here until the sandbox stops).
   *
   * @param portal portal
   * @param o record
   * @param source change source
   */
  public void archive(Portal portal, CrmObject o, CrmEvents.Source source) {
    synchronized (portal) {
      if (o.archived()) {
        return;
      }
      Instant now = now();
      portal.unique().remove(portal, o);
      o.archive(now);
      o.reindex(now, options.searchIndexingDelayMs());
      events.deleted(portal, o, source);
    }
  }

  /**
   * Deletes a record for good (a GDPR delete): out of the portal with its associations and unique
   * values; a deletion event fires unless it was archived already.
   *
   * @param portal portal
   * @param o record
   * @param source change source
   */
  public void purge(Portal portal, CrmObject o, CrmEvents.Source source) {
    synchronized (portal) {
      boolean wasLive = !o.archived();
      if (wasLive) {
        portal.unique().remove(portal, o);
      }
      for (ObjectType to : ObjectType.builtIns()) {
        for (Long toId : portal.associations().from(o.type(), o.id(), to).keySet()) {
          portal.associations().removeAll(o.type(), o.id(), to, toId);
        }
      }
      portal.table(o.type()).remove(o.id());
      if (wasLive) {
        events.deleted(portal, o, source);
      }
    }
  }

  /**
   * Finds the record a path or batch input addresses: by record id, or by a unique property.
   *
   * @param portal portal
   * @param type object type
   * @param id id or unique value
   * @param idProperty unique property, or null for the record id
   * @param archived whether to address archived records instead of live ones
   * @return the record if found
   * @throws HubSpotError 400 when {@code idProperty} is not a unique-value property
   */
  public Optional<CrmObject> resolve(
      Portal portal, ObjectType type, String id, String idProperty, boolean archived) {
    synchronized (portal) {
      if (idProperty == null || idProperty.isEmpty()) {
        try {
          return portal.find(type, Long.parseLong(id.trim())).filter(o -> o.archived() == archived);
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
      requireUniqueIdProperty(portal, type, idProperty);
      if (archived) {
        return portal.records(type, true).stream()
            .filter(o -> o.archived() && id.equals(o.get(idProperty)))
            .findFirst();
      }
      return portal.findBy(type, idProperty, id);
    }
  }

  /**
   * Fails with HubSpot's 400 unless the property may address records.
   *
   * @param portal portal
   * @param type object type
   * @param idProperty the property
   */
  public void requireUniqueIdProperty(Portal portal, ObjectType type, String idProperty) {
    if (!portal.catalog(type).isUnique(idProperty)) {
      throw HubSpotError.validation(
          "Unable to perform update/upsert by non-unique "
              + type.typeId()
              + " property "
              + idProperty
              + " in portal ID "
              + portal.id());
    }
  }

  /**
   * Fails when a unique value is already held by another live record.
   *
   * @param portal portal
   * @param type object type
   * @param values normalised values being written
   * @param selfId the record being updated, or null on create
   */
  void checkUnique(Portal portal, ObjectType type, Map<String, String> values, Long selfId) {
    PropertyCatalog catalog = portal.catalog(type);
    for (Map.Entry<String, String> e : values.entrySet()) {
      String name = e.getKey();
      if (e.getValue().isEmpty() || !catalog.isUnique(name)) {
        continue;
      }
      Optional<CrmObject> other = portal.findBy(type, name, e.getValue());
      if (other.isPresent() && other.get().id() != (selfId == null ? -1 : selfId)) {
        throw uniqueConflict(portal, type, name, e.getValue(), other.get().id());
      }
    }
    if (type == ObjectType.CONTACTS && values.containsKey("hs_additional_emails")) {
      for (String extra : values.get("hs_additional_emails").split(";")) {
        Optional<CrmObject> other = portal.findBy(type, "email", extra.trim());
        if (!extra.isBlank()
            && other.isPresent()
            && other.get().id() != (selfId == null ? -1 : selfId)) {
          throw uniqueConflict(portal, type, "email", extra.trim(), other.get().id());
        }
      }
    }
  }

  HubSpotError uniqueConflict(
      Portal portal, ObjectType type, String property, String value, long existingId) {
    if ("email".equals(property) && type == ObjectType.CONTACTS) {
      return HubSpotError.conflict("Contact already exists. Existing ID: " + existingId);
    }
    if (options.uniqueConflictStatus() == 400) {
      return HubSpotError.validation("propertyValue: already has that value " + property);
    }
    String singular = type.singular();
    return new HubSpotError(
        409,
        "CONFLICT",
        Character.toUpperCase(singular.charAt(0))
            + singular.substring(1)
            + " already exists. Existing ID: "
            + existingId,
        null,
        new JsonObject().put(property, new JsonArray().add(value)),
        null,
        null);
  }

  /**
   * Resolves {@code associations} of a create input into (type, target id) pairs.
   *
   * @param portal portal
   * @param from the type being created
   * @param associations the array, or null
   * @return pairs of {@link AssociationTypes.Type} and target id
   */
  List<Object[]> resolveAssociations(Portal portal, ObjectType from, JsonArray associations) {
    List<Object[]> out = new ArrayList<>();
    if (associations == null) {
      return out;
    }
    for (Object a : associations) {
      JsonObject assoc = a instanceof JsonObject j ? j : new JsonObject();
      JsonObject to = assoc.getJsonObject("to", new JsonObject());
      String toId = to.getValue("id") == null ? "" : to.getValue("id").toString();
      for (Object t : assoc.getJsonArray("types", new JsonArray())) {
        JsonObject spec = t instanceof JsonObject j ? j : new JsonObject();
        AssociationTypes.Type type = AssociationSpecs.resolve(from, null, spec);
        long target = AssociationSpecs.requireTarget(portal, type.to(), toId);
        out.add(new Object[] {type, target});
      }
    }
    return out;
  }
}

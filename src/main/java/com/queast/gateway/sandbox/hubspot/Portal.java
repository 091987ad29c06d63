package com.queast.gateway.sandbox.hubspot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HubSpot account (portal, "hub"): its records, property catalogs, associations and its
 * private-app token. All mutation happens under the portal's monitor; the HTTP handlers run on one
 * event loop, the lock is for tests reading state from their own thread.
 */
public final class Portal {

  private final long id;
  private final String privateAppToken;
  private final Set<String> privateAppScopes;
  private final RateTier privateAppTier;
  private final Instant createdAt;
  private final Map<ObjectType, TreeMap<Long, CrmObject>> objects = new LinkedHashMap<>();
  private final Map<ObjectType, PropertyCatalog> catalogs = new LinkedHashMap<>();
  private final Map<String, ObjectSchema> schemas = new LinkedHashMap<>();
  private final AtomicLong schemaIds = new AtomicLong(3_465_400L);
  private final AtomicLong associationTypeIds = new AtomicLong(0);
  private volatile boolean enterprise;
  private final AssociationStore associations;
  private final UniqueIndex unique = new UniqueIndex();
  private final AtomicLong ids;
  private volatile boolean appInstalled;

  Portal(
      long id,
      String privateAppToken,
      Set<String> privateAppScopes,
      RateTier privateAppTier,
      boolean enterprise,
      Instant createdAt,
      CrmEvents events) {
    this.id = id;
    this.enterprise = enterprise;
    this.associations = new AssociationStore(this, events);
    this.privateAppToken = privateAppToken;
    this.privateAppScopes = Set.copyOf(privateAppScopes);
    this.privateAppTier = privateAppTier;
    this.createdAt = createdAt;
    // Distinct, realistic-looking ids per portal (HubSpot ids are large numbers).
    this.ids = new AtomicLong(id * 1000L + 10_000_000_000L);
    for (ObjectType t : ObjectType.builtIns()) {
      objects.put(t, new TreeMap<>());
      catalogs.put(t, new PropertyCatalog(t, createdAt));
    }
  }

  /**
   * Portal (hub) id.
   *
   * @return id
   */
  public long id() {
    return id;
  }

  /**
   * The private-app token (Bearer) of this portal.
   *
   * @return token
   */
  public String privateAppToken() {
    return privateAppToken;
  }

  /**
   * Scopes granted to the private app.
   *
   * @return scopes
   */
  public Set<String> privateAppScopes() {
    return privateAppScopes;
  }

  /**
   * The private app's rate tier.
   *
   * @return tier
   */
  public RateTier privateAppTier() {
    return privateAppTier;
  }

  /**
   * Creation time.
   *
   * @return instant
   */
  public Instant createdAt() {
    return createdAt;
  }

  /**
   * Whether the sandbox's OAuth app is installed (webhooks flow only to installed portals).
   *
   * @return true once installed through OAuth or the admin API
   */
  public boolean appInstalled() {
    return appInstalled;
  }

  void installApp() {
    appInstalled = true;
  }

  /**
   * Whether the portal has an Enterprise hub (custom objects need one).
   *
   * @return true for Enterprise
   */
  public boolean enterprise() {
    return enterprise;
  }

  void enterprise(boolean on) {
    enterprise = on;
  }

  /**
   * Resolves an object type path segment: a built-in name or id, or a custom type's {@code
   * objectTypeId} ({@code 2-…}), {@code p_{name}} or fully qualified name {@code
   * p{portalId}_{name}}. A custom type's bare name is not accepted (HubSpot stopped resolving base
   * names in 2025).
   *
   * @param segment path segment
   * @return the type, if the portal has it
   */
  public synchronized Optional<ObjectType> type(String segment) {
    Optional<ObjectType> builtIn = ObjectType.parse(segment);
    if (builtIn.isPresent() || segment == null) {
      return builtIn;
    }
    String s = segment.trim().toLowerCase(Locale.ROOT);
    for (ObjectSchema schema : schemas.values()) {
      ObjectType t = schema.type();
      if (!schema.archived()
          && (t.typeId().equals(s)
              || ("p_" + t.singular()).equalsIgnoreCase(s)
              || t.plural().equalsIgnoreCase(s))) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * Like {@link #type(String)} but fails with HubSpot's 400 for an unknown type.
   *
   * @param segment path segment
   * @return the type
   * @throws HubSpotError when unknown
   */
  public ObjectType requireType(String segment) {
    return type(segment).orElseThrow(() -> ObjectType.unknown(segment));
  }

  /**
   * The live custom object schemas.
   *
   * @return schemas, oldest first
   */
  public synchronized List<ObjectSchema> schemas() {
    return schemas.values().stream().filter(s -> !s.archived()).toList();
  }

  synchronized List<ObjectSchema> allSchemas() {
    return new ArrayList<>(schemas.values());
  }

  synchronized Optional<ObjectSchema> schemaOf(ObjectType type) {
    ObjectSchema s = type.custom() ? schemas.get(type.singular()) : null;
    return s != null && s.type() == type ? Optional.of(s) : Optional.empty();
  }

  synchronized Optional<ObjectSchema> schemaByName(String name) {
    return Optional.ofNullable(schemas.get(name));
  }

  synchronized void addSchema(ObjectSchema schema) {
    schemas.put(schema.type().singular(), schema);
    objects.put(schema.type(), new TreeMap<>());
    catalogs.put(schema.type(), schema.catalog());
  }

  synchronized void removeSchema(ObjectSchema schema) {
    schemas.remove(schema.type().singular());
  }

  String nextObjectTypeId() {
    return "2-" + schemaIds.incrementAndGet();
  }

  int nextAssociationTypeId() {
    return (int) associationTypeIds.incrementAndGet();
  }

  /**
   * The property catalog of a type.
   *
   * @param type object type
   * @return catalog
   */
  public PropertyCatalog catalog(ObjectType type) {
    return catalogs.get(type);
  }

  UniqueIndex unique() {
    return unique;
  }

  AssociationStore associations() {
    return associations;
  }

  long nextId() {
    return ids.incrementAndGet();
  }

  TreeMap<Long, CrmObject> table(ObjectType type) {
    return objects.get(type);
  }

  /**
   * A record by id, archived or not.
   *
   * @param type object type
   * @param id record id
   * @return the record
   */
  public synchronized Optional<CrmObject> find(ObjectType type, long id) {
    return Optional.ofNullable(objects.get(type).get(id));
  }

  /**
   * A live record whose property equals a value (case-insensitive for {@code email}).
   *
   * @param type object type
   * @param property property name
   * @param value value
   * @return the first match by id
   */
  public synchronized Optional<CrmObject> findBy(ObjectType type, String property, String value) {
    if (value == null) {
      return Optional.empty();
    }
    if (catalogs.get(type).isUnique(property)) {
      Long id = unique.find(type, property, value);
      return id == null ? Optional.empty() : find(type, id).filter(o -> !o.archived());
    }
    boolean ci = "email".equals(property);
    for (CrmObject o : objects.get(type).values()) {
      if (o.archived()) {
        continue;
      }
      String v = o.get(property);
      if (v != null && (ci ? v.equalsIgnoreCase(value) : v.equals(value))) {
        return Optional.of(o);
      }
      if (ci && type == ObjectType.CONTACTS && additionalEmails(o).contains(value.toLowerCase())) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  static List<String> additionalEmails(CrmObject o) {
    String extra = o.get("hs_additional_emails");
    List<String> out = new ArrayList<>();
    if (extra != null) {
      for (String e : extra.split(";")) {
        if (!e.isBlank()) {
          out.add(e.trim().toLowerCase());
        }
      }
    }
    return out;
  }

  /**
   * A snapshot of the records of a type.
   *
   * @param type object type
   * @param includeArchived whether to include archived records
   * @return records ascending by id
   */
  public synchronized List<CrmObject> records(ObjectType type, boolean includeArchived) {
    Collection<CrmObject> all = objects.get(type).values();
    return all.stream().filter(o -> includeArchived || !o.archived()).toList();
  }

  /**
   * Counts live records of a type.
   *
   * @param type object type
   * @return count
   */
  public synchronized long count(ObjectType type) {
    return objects.get(type).values().stream().filter(o -> !o.archived()).count();
  }
}

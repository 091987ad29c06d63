package com.queast.gateway.sandbox.hubspot;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The CRM object types the sandbox serves, with HubSpot's names, type ids, scopes and the
 * server-maintained properties of each: the four built-in types as constants, and the custom object
 * types a portal defines through the schemas API (one instance per schema, compared by identity).
 */
public final class ObjectType {
  /** Contacts, {@code 0-1}. */
  public static final ObjectType CONTACTS =
      new ObjectType(
          "CONTACTS",
          "contacts",
          "contact",
          "0-1",
          "createdate",
          "lastmodifieddate",
          "contacts",
          List.of(
              "firstname", "lastname", "email", "lastmodifieddate", "hs_object_id", "createdate"),
          List.of("firstname", "lastname", "email", "phone", "hs_additional_emails", "company"));

  /** Companies, {@code 0-2}. */
  public static final ObjectType COMPANIES =
      new ObjectType(
          "COMPANIES",
          "companies",
          "company",
          "0-2",
          "createdate",
          "hs_lastmodifieddate",
          "companies",
          List.of("name", "domain", "createdate", "hs_lastmodifieddate", "hs_object_id"),
          List.of("name", "domain", "website", "phone"));

  /** Notes, {@code 0-46}; secured by the contacts scopes. */
  public static final ObjectType NOTES =
      new ObjectType(
          "NOTES",
          "notes",
          "note",
          "0-46",
          "hs_createdate",
          "hs_lastmodifieddate",
          "contacts",
          List.of("hs_createdate", "hs_lastmodifieddate", "hs_object_id"),
          List.of("hs_note_body"));

  /** Tasks, {@code 0-27}; secured by the contacts scopes. */
  public static final ObjectType TASKS =
      new ObjectType(
          "TASKS",
          "tasks",
          "task",
          "0-27",
          "hs_createdate",
          "hs_lastmodifieddate",
          "contacts",
          List.of("hs_createdate", "hs_lastmodifieddate", "hs_object_id"),
          List.of("hs_task_body", "hs_task_subject"));

  private static final List<ObjectType> BUILT_INS = List.of(CONTACTS, COMPANIES, NOTES, TASKS);

  private final String constantName;
  private final String plural;
  private final String singular;
  private final String typeId;
  private final String createdProperty;
  private final String modifiedProperty;
  private final String scopeObject;
  private final List<String> defaultProperties;
  private final List<String> searchableProperties;

  private final boolean custom;
  private final List<AssociationTypes.Type> customAssociations = new CopyOnWriteArrayList<>();

  private ObjectType(
      String constantName,
      String plural,
      String singular,
      String typeId,
      String createdProperty,
      String modifiedProperty,
      String scopeObject,
      List<String> defaultProperties,
      List<String> searchableProperties) {
    this(
        constantName,
        plural,
        singular,
        typeId,
        createdProperty,
        modifiedProperty,
        scopeObject,
        defaultProperties,
        searchableProperties,
        false);
  }

  private ObjectType(
      String constantName,
      String plural,
      String singular,
      String typeId,
      String createdProperty,
      String modifiedProperty,
      String scopeObject,
      List<String> defaultProperties,
      List<String> searchableProperties,
      boolean custom) {
    this.constantName = constantName;
    this.custom = custom;
    this.plural = plural;
    this.singular = singular;
    this.typeId = typeId;
    this.createdProperty = createdProperty;
    this.modifiedProperty = modifiedProperty;
    this.scopeObject = scopeObject;
    this.defaultProperties = defaultProperties;
    this.searchableProperties = searchableProperties;
  }

  /**
   * A custom object type (the sandbox's side of a schema).
   *
   * @param portalId owning portal
   * @param name schema name, e.g. {@code cars}
   * @param typeId object type id, e.g. {@code 2-3465404}
   * @param searchable properties the search {@code query} looks in
   * @return the type
   */
  static ObjectType custom(long portalId, String name, String typeId, List<String> searchable) {
    String fqn = "p" + portalId + "_" + name;
    return new ObjectType(
        fqn.toUpperCase(Locale.ROOT),
        fqn,
        name,
        typeId,
        "hs_createdate",
        "hs_lastmodifieddate",
        "custom",
        List.of("hs_createdate", "hs_lastmodifieddate", "hs_object_id"),
        List.copyOf(searchable),
        true);
  }

  /**
   * The four built-in types.
   *
   * @return contacts, companies, notes, tasks
   */
  public static List<ObjectType> builtIns() {
    return BUILT_INS;
  }

  /**
   * Whether this is a portal's custom object type.
   *
   * @return true for custom types
   */
  public boolean custom() {
    return custom;
  }

  /**
   * The constant name ({@code COMPANIES}) of a built-in type, the upper-case fully qualified name
   * of a custom one.
   *
   * @return name
   */
  public String name() {
    return constantName;
  }

  /**
   * The association types a custom type's schema defines (both directions); empty for built-ins.
   *
   * @return live list
   */
  List<AssociationTypes.Type> customAssociations() {
    return customAssociations;
  }

  @Override
  public String toString() {
    return constantName;
  }

  /**
   * Resolves a path segment: plural ({@code companies}), singular ({@code company}), type id
   * ({@code 0-2}) or upper-case name ({@code COMPANY}) of a built-in type; custom types are
   * resolved by their portal ({@link Portal#type(String)}).
   *
   * @param segment the path segment
   * @return the type, empty when it is not a built-in type
   */
  public static Optional<ObjectType> parse(String segment) {
    String s = segment == null ? "" : segment.toLowerCase(Locale.ROOT);
    for (ObjectType t : BUILT_INS) {
      if (t.plural.equals(s) || t.singular.equals(s) || t.typeId.equals(s)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * Like {@link #parse(String)} but fails with HubSpot's 400 for an unknown type.
   *
   * @param segment path segment
   * @return the type
   * @throws HubSpotError when unknown
   */
  public static ObjectType require(String segment) {
    return parse(segment).orElseThrow(() -> unknown(segment));
  }

  static HubSpotError unknown(String segment) {
    return new HubSpotError(
        400,
        "VALIDATION_ERROR",
        "Unable to infer object type from: " + segment,
        null,
        null,
        null,
        null);
  }

  /**
   * Plural name, e.g. {@code companies}.
   *
   * @return plural
   */
  public String plural() {
    return plural;
  }

  /**
   * Singular name, e.g. {@code company}.
   *
   * @return singular
   */
  public String singular() {
    return singular;
  }

  /**
   * Object type id, e.g. {@code 0-2}.
   *
   * @return type id
   */
  public String typeId() {
    return typeId;
  }

  /**
   * Upper-case name used in some messages, e.g. {@code COMPANY}.
   *
   * @return upper name
   */
  public String upper() {
    return custom ? plural : singular.toUpperCase(Locale.ROOT);
  }

  /**
   * Server-maintained creation property ({@code createdate} or {@code hs_createdate}).
   *
   * @return property name
   */
  public String createdProperty() {
    return createdProperty;
  }

  /**
   * Server-maintained last-modified property.
   *
   * @return property name
   */
  public String modifiedProperty() {
    return modifiedProperty;
  }

  /**
   * OAuth scope needed to read.
   *
   * @return scope
   */
  public String readScope() {
    return "crm.objects." + scopeObject + ".read";
  }

  /**
   * OAuth scope needed to write.
   *
   * @return scope
   */
  public String writeScope() {
    return "crm.objects." + scopeObject + ".write";
  }

  /**
   * Scope needed to read property definitions.
   *
   * @return scope
   */
  public String schemaReadScope() {
    return "crm.schemas." + scopeObject + ".read";
  }

  /**
   * Scope needed to create property definitions.
   *
   * @return scope
   */
  public String schemaWriteScope() {
    return "crm.schemas." + scopeObject + ".write";
  }

  /**
   * Properties returned when a read names none.
   *
   * @return property names
   */
  public List<String> defaultProperties() {
    return defaultProperties;
  }

  /**
   * Properties the search {@code query} looks in.
   *
   * @return property names
   */
  public List<String> searchableProperties() {
    return searchableProperties;
  }

  /**
   * Properties a client may never write.
   *
   * @return property names
   */
  public List<String> readOnlyProperties() {
    return List.of(
        "hs_object_id",
        createdProperty,
        modifiedProperty,
        "createdate",
        "hs_lastmodifieddate",
        "lastmodifieddate",
        "hs_createdate");
  }
}

package com.queast.gateway.sandbox.hubspot;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The CRM object types the sandbox serves, with HubSpot's names, type ids, scopes and the
 * server-maintained properties of each.
 */
public enum ObjectType {
  /** Contacts, {@code 0-1}. */
  CONTACTS(
      "contacts",
      "contact",
      "0-1",
      "createdate",
      "lastmodifieddate",
      "contacts",
      List.of("firstname", "lastname", "email", "lastmodifieddate", "hs_object_id", "createdate"),
      List.of("firstname", "lastname", "email", "phone", "hs_additional_emails", "company")),
  /** Companies, {@code 0-2}. */
  COMPANIES(
      "companies",
      "company",
      "0-2",
      "createdate",
      "hs_lastmodifieddate",
      "companies",
      List.of("name", "domain", "createdate", "hs_lastmodifieddate", "hs_object_id"),
      List.of("name", "domain", "website", "phone")),
  /** Notes, {@code 0-46}; secured by the contacts scopes. */
  NOTES(
      "notes",
      "note",
      "0-46",
      "hs_createdate",
      "hs_lastmodifieddate",
      "contacts",
      List.of("hs_createdate", "hs_lastmodifieddate", "hs_object_id"),
      List.of("hs_note_body")),
  /** Tasks, {@code 0-27}; secured by the contacts scopes. */
  TASKS(
      "tasks",
      "task",
      "0-27",
      "hs_createdate",
      "hs_lastmodifieddate",
      "contacts",
      List.of("hs_createdate", "hs_lastmodifieddate", "hs_object_id"),
      List.of("hs_task_body", "hs_task_subject"));

  private final String plural;
  private final String singular;
  private final String typeId;
  private final String createdProperty;
  private final String modifiedProperty;
  private final String scopeObject;
  private final List<String> defaultProperties;
  private final List<String> searchableProperties;

  ObjectType(
      String plural,
      String singular,
      String typeId,
      String createdProperty,
      String modifiedProperty,
      String scopeObject,
      List<String> defaultProperties,
      List<String> searchableProperties) {
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
   * Resolves a path segment: plural ({@code companies}), singular ({@code company}), type id
   * ({@code 0-2}) or upper-case name ({@code COMPANY}).
   *
   * @param segment the path segment
   * @return the type, empty when the sandbox does not serve it
   */
  public static Optional<ObjectType> parse(String segment) {
    String s = segment == null ? "" : segment.toLowerCase(Locale.ROOT);
    for (ObjectType t : values()) {
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
    return parse(segment)
        .orElseThrow(
            () ->
                new HubSpotError(
                    400,
                    "VALIDATION_ERROR",
                    "Unable to infer object type from: " + segment,
                    null,
                    null,
                    null,
                    null));
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
    return singular.toUpperCase(Locale.ROOT);
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

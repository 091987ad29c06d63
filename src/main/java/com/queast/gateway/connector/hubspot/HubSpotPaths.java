package com.queast.gateway.connector.hubspot;

/**
 * HubSpot's paths for the configured API version: the legacy semantic paths ({@code /crm/v3},
 * {@code /crm/v4}, {@code /oauth/v1}, {@code /webhooks/v3}) or the dated ones ({@code
 * /crm/objects/2026-03}, {@code /crm/associations/2026-03}, {@code /crm/properties/2026-03}, {@code
 * /oauth/2026-03}, {@code /webhooks/2026-03}). Shapes are the same family in both; only paths move.
 */
public final class HubSpotPaths {

  private final String version;
  private final boolean legacy;

  /**
   * Paths for a version.
   *
   * @param version {@code v3} (legacy) or a date version such as {@code 2026-03}
   */
  public HubSpotPaths(String version) {
    this.version = version == null || version.isBlank() ? "2026-03" : version.trim();
    this.legacy = this.version.startsWith("v");
  }

  /**
   * Whether the legacy semantic paths are in use.
   *
   * @return true for {@code v3}
   */
  public boolean legacy() {
    return legacy;
  }

  /**
   * The objects collection of a type.
   *
   * @param type e.g. {@code companies}
   * @return e.g. {@code /crm/objects/2026-03/companies}
   */
  public String objects(String type) {
    return legacy ? "/crm/v3/objects/" + type : "/crm/objects/" + version + "/" + type;
  }

  /**
   * A batch endpoint of a type.
   *
   * @param type object type
   * @param action {@code upsert}, {@code update}, {@code read}, {@code create}
   * @return the path
   */
  public String batch(String type, String action) {
    return objects(type) + "/batch/" + action;
  }

  /**
   * The v4-style batch association create between two types.
   *
   * @param from from type
   * @param to to type
   * @return the path
   */
  public String associationsBatchCreate(String from, String to) {
    String base = legacy ? "/crm/v4/associations/" : "/crm/associations/" + version + "/";
    return base + from + "/" + to + "/batch/create";
  }

  /**
   * Properties of a type.
   *
   * @param type object type
   * @return the path
   */
  public String properties(String type) {
    return legacy ? "/crm/v3/properties/" + type : "/crm/properties/" + version + "/" + type;
  }

  /**
   * Custom object schemas ({@code /crm-object-schemas/v3/schemas} or the dated path).
   *
   * @return the path
   */
  public String schemas() {
    return legacy
        ? "/crm-object-schemas/v3/schemas"
        : "/crm-object-schemas/" + version + "/schemas";
  }

  /**
   * The association definitions of a custom object schema.
   *
   * @param objectTypeId the schema's object type id
   * @return path
   */
  public String schemaAssociations(String objectTypeId) {
    return schemas() + "/" + objectTypeId + "/associations";
  }

  /**
   * Property groups of a type.
   *
   * @param type object type
   * @return the path
   */
  public String propertyGroups(String type) {
    return properties(type) + "/groups";
  }

  /**
   * The token endpoint (code exchange and refresh).
   *
   * @return the path
   */
  public String token() {
    return legacy ? "/oauth/v1/token" : "/oauth/" + version + "/token";
  }

  /**
   * Access-token introspection: the dated POST form endpoint, or the legacy GET by token.
   *
   * @return the path (legacy: prefix to which the token is appended)
   */
  public String introspect() {
    return legacy ? "/oauth/v1/access-tokens/" : "/oauth/" + version + "/token/introspect";
  }

  /**
   * The app's webhook subscriptions.
   *
   * @param appId app id
   * @return the path
   */
  public String webhookSubscriptions(String appId) {
    return (legacy ? "/webhooks/v3/" : "/webhooks/" + version + "/") + appId + "/subscriptions";
  }
}

package com.queast.gateway.connector.pipedrive;

/** The two Pipedrive contact objects the connector writes, with their endpoints. */
public enum ContactKind {
  /** Organizations. */
  ORGANIZATION(
      "organizations",
      PdEndpoint.ORG_CREATE,
      PdEndpoint.ORG_UPDATE,
      PdEndpoint.ORG_SEARCH,
      PdEndpoint.ORG_LIST,
      PdEndpoint.ORG_FIELDS,
      PdEndpoint.ORG_FIELD_CREATE),
  /** Persons. */
  PERSON(
      "persons",
      PdEndpoint.PERSON_CREATE,
      PdEndpoint.PERSON_UPDATE,
      PdEndpoint.PERSON_SEARCH,
      PdEndpoint.PERSON_LIST,
      PdEndpoint.PERSON_FIELDS,
      PdEndpoint.PERSON_FIELD_CREATE);

  private final String objectType;
  private final PdEndpoint create;
  private final PdEndpoint update;
  private final PdEndpoint search;
  private final PdEndpoint list;
  private final PdEndpoint fields;
  private final PdEndpoint fieldCreate;

  ContactKind(
      String objectType,
      PdEndpoint create,
      PdEndpoint update,
      PdEndpoint search,
      PdEndpoint list,
      PdEndpoint fields,
      PdEndpoint fieldCreate) {
    this.objectType = objectType;
    this.create = create;
    this.update = update;
    this.search = search;
    this.list = list;
    this.fields = fields;
    this.fieldCreate = fieldCreate;
  }

  /**
   * CRM object type stored in the delivered state.
   *
   * @return {@code organizations} or {@code persons}
   */
  public String objectType() {
    return objectType;
  }

  /**
   * Create endpoint.
   *
   * @return endpoint
   */
  public PdEndpoint create() {
    return create;
  }

  /**
   * Update endpoint.
   *
   * @return endpoint
   */
  public PdEndpoint update() {
    return update;
  }

  /**
   * Search endpoint.
   *
   * @return endpoint
   */
  public PdEndpoint search() {
    return search;
  }

  /**
   * List endpoint.
   *
   * @return endpoint
   */
  public PdEndpoint list() {
    return list;
  }

  /**
   * Field definitions endpoint.
   *
   * @return endpoint
   */
  public PdEndpoint fields() {
    return fields;
  }

  /**
   * Field creation endpoint.
   *
   * @return endpoint
   */
  public PdEndpoint fieldCreate() {
    return fieldCreate;
  }

  /**
   * The key of this kind's field hashes in the connection config.
   *
   * @return {@code organization} or {@code person}
   */
  public String configKey() {
    return this == ORGANIZATION ? "organization" : "person";
  }
}

package com.queast.gateway.connector.pipedrive;

/** The two Pipedrive contact objects the connector writes, with their endpoints. */
public enum ContactKind {
  /** Organizations. */
  ORGANIZATION(
      "organizations",
      PipedriveEndpoint.ORG_CREATE,
      PipedriveEndpoint.ORG_UPDATE,
      PipedriveEndpoint.ORG_SEARCH,
      PipedriveEndpoint.ORG_LIST,
      PipedriveEndpoint.ORG_FIELDS,
      PipedriveEndpoint.ORG_FIELD_CREATE),
  /** Persons. */
  PERSON(
      "persons",
      PipedriveEndpoint.PERSON_CREATE,
      PipedriveEndpoint.PERSON_UPDATE,
      PipedriveEndpoint.PERSON_SEARCH,
      PipedriveEndpoint.PERSON_LIST,
      PipedriveEndpoint.PERSON_FIELDS,
      PipedriveEndpoint.PERSON_FIELD_CREATE);

  private final String objectType;
  private final PipedriveEndpoint create;
  private final PipedriveEndpoint update;
  private final PipedriveEndpoint search;
  private final PipedriveEndpoint list;
  private final PipedriveEndpoint fields;
  private final PipedriveEndpoint fieldCreate;

  ContactKind(
      String objectType,
      PipedriveEndpoint create,
      PipedriveEndpoint update,
      PipedriveEndpoint search,
      PipedriveEndpoint list,
      PipedriveEndpoint fields,
      PipedriveEndpoint fieldCreate) {
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
  public PipedriveEndpoint create() {
    return create;
  }

  /**
   * Update endpoint.
   *
   * @return endpoint
   */
  public PipedriveEndpoint update() {
    return update;
  }

  /**
   * Search endpoint.
   *
   * @return endpoint
   */
  public PipedriveEndpoint search() {
    return search;
  }

  /**
   * List endpoint.
   *
   * @return endpoint
   */
  public PipedriveEndpoint list() {
    return list;
  }

  /**
   * Field definitions endpoint.
   *
   * @return endpoint
   */
  public PipedriveEndpoint fields() {
    return fields;
  }

  /**
   * Field creation endpoint.
   *
   * @return endpoint
   */
  public PipedriveEndpoint fieldCreate() {
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

package com.queast.gateway.connector.pipedrive;

/**
 * The Pipedrive endpoints the connector calls, with their token costs ({@code x-token-cost} of the
 * vendor's OpenAPI specs, vendor notes §1.1 and §1.8). The cost table is data: the daily budget
 * model charges each call from here.
 */
public enum PipedriveEndpoint {
  /** Current user and company (v1 only). */
  USERS_ME("GET", "/api/v1/users/me", 2),
  /** List organizations (v2). */
  ORG_LIST("GET", "/api/v2/organizations", 10),
  /** Create an organization (v2). */
  ORG_CREATE("POST", "/api/v2/organizations", 5),
  /** Update an organization (v2). */
  ORG_UPDATE("PATCH", "/api/v2/organizations/{id}", 5),
  /** Search organizations (v2, search burst window). */
  ORG_SEARCH("GET", "/api/v2/organizations/search", 20),
  /** List persons (v2). */
  PERSON_LIST("GET", "/api/v2/persons", 10),
  /** Create a person (v2). */
  PERSON_CREATE("POST", "/api/v2/persons", 5),
  /** Update a person (v2). */
  PERSON_UPDATE("PATCH", "/api/v2/persons/{id}", 5),
  /** Search persons (v2, search burst window). */
  PERSON_SEARCH("GET", "/api/v2/persons/search", 20),
  /** Organization field definitions (v2). */
  ORG_FIELDS("GET", "/api/v2/organizationFields", 10),
  /** Create an organization field (v2). */
  ORG_FIELD_CREATE("POST", "/api/v2/organizationFields", 5),
  /** Person field definitions (v2). */
  PERSON_FIELDS("GET", "/api/v2/personFields", 10),
  /** Create a person field (v2). */
  PERSON_FIELD_CREATE("POST", "/api/v2/personFields", 5),
  /** Activity field definitions (v2, read-only). */
  ACTIVITY_FIELDS("GET", "/api/v2/activityFields", 10),
  /** Note field definitions (v1 only). */
  NOTE_FIELDS("GET", "/api/v1/noteFields", 20),
  /** Create an activity (v2). */
  ACTIVITY_CREATE("POST", "/api/v2/activities", 5),
  /** Update an activity (v2). */
  ACTIVITY_UPDATE("PATCH", "/api/v2/activities/{id}", 5),
  /** List activities (v2). */
  ACTIVITY_LIST("GET", "/api/v2/activities", 10),
  /** Create a note (v1 only). */
  NOTE_CREATE("POST", "/api/v1/notes", 10),
  /** Update a note (v1 only). */
  NOTE_UPDATE("PUT", "/api/v1/notes/{id}", 10),
  /** List notes (v1 only). */
  NOTE_LIST("GET", "/api/v1/notes", 20),
  /** List webhooks (v1 only). */
  WEBHOOK_LIST("GET", "/api/v1/webhooks", 10),
  /** Create a webhook (v1 only). */
  WEBHOOK_CREATE("POST", "/api/v1/webhooks", 10),
  /** Delete an organization (v2; recoverable for 30 days). */
  ORG_DELETE("DELETE", "/api/v2/organizations/{id}", 3),
  /** Delete a person (v2; recoverable for 30 days). */
  PERSON_DELETE("DELETE", "/api/v2/persons/{id}", 3),
  /** Delete an activity (v2). */
  ACTIVITY_DELETE("DELETE", "/api/v2/activities/{id}", 3),
  /** Delete a note (v1 only). */
  NOTE_DELETE("DELETE", "/api/v1/notes/{id}", 6),
  /** Delete a webhook (v1 only). */
  WEBHOOK_DELETE("DELETE", "/api/v1/webhooks/{id}", 6);

  private final String method;
  private final String path;
  private final int cost;

  PipedriveEndpoint(String method, String path, int cost) {
    this.method = method;
    this.path = path;
    this.cost = cost;
  }

  /**
   * HTTP method.
   *
   * @return e.g. {@code POST}
   */
  public String method() {
    return method;
  }

  /**
   * Path template.
   *
   * @return e.g. {@code /api/v2/organizations/{id}}
   */
  public String path() {
    return path;
  }

  /**
   * Tokens charged against the daily budget per call.
   *
   * @return token cost
   */
  public int cost() {
    return cost;
  }

  /**
   * Whether the call also counts against the search burst window (10 per 2 s).
   *
   * @return true for the search endpoints
   */
  public boolean search() {
    return path.endsWith("/search");
  }

  /**
   * Whether the call writes (a lost answer may hide a committed write).
   *
   * @return true for POST, PUT and PATCH
   */
  public boolean write() {
    return !method.equals("GET") && !method.equals("DELETE");
  }

  /**
   * The path with its id filled in.
   *
   * @param id the id, or null for paths without one
   * @return the path
   */
  public String path(String id) {
    return id == null ? path : path.replace("{id}", id);
  }
}

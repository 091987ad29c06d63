package com.queast.gateway.sandbox.pipedrive;

import java.util.Map;

/**
 * Token cost of each emulated endpoint, from the {@code x-token-cost} extension of the vendor's
 * OpenAPI specs (vendor notes §1.1 and §1.8). One table so the budget and the docs agree.
 */
public final class TokenCosts {

  /** Cost per "METHOD path-template"; the OAuth server endpoints cost nothing. */
  public static final Map<String, Integer> TABLE =
      Map.ofEntries(
          Map.entry("GET /api/v2/organizations", 10),
          Map.entry("POST /api/v2/organizations", 5),
          Map.entry("GET /api/v2/organizations/search", 20),
          Map.entry("GET /api/v2/organizations/:id", 1),
          Map.entry("PATCH /api/v2/organizations/:id", 5),
          Map.entry("DELETE /api/v2/organizations/:id", 3),
          Map.entry("GET /api/v2/persons", 10),
          Map.entry("POST /api/v2/persons", 5),
          Map.entry("GET /api/v2/persons/search", 20),
          Map.entry("GET /api/v2/persons/:id", 1),
          Map.entry("PATCH /api/v2/persons/:id", 5),
          Map.entry("DELETE /api/v2/persons/:id", 3),
          Map.entry("GET /api/v2/activities", 10),
          Map.entry("POST /api/v2/activities", 5),
          Map.entry("GET /api/v2/activities/:id", 1),
          Map.entry("PATCH /api/v2/activities/:id", 5),
          Map.entry("DELETE /api/v2/activities/:id", 3),
          Map.entry("GET /api/v2/organizationFields", 10),
          Map.entry("GET /api/v2/organizationFields/:code", 1),
          Map.entry("POST /api/v2/organizationFields", 5),
          Map.entry("GET /api/v2/personFields", 10),
          Map.entry("GET /api/v2/personFields/:code", 1),
          Map.entry("POST /api/v2/personFields", 5),
          Map.entry("GET /api/v2/activityFields", 10),
          Map.entry("GET /api/v2/activityFields/:code", 1),
          Map.entry("GET /api/v1/activityFields", 20),
          Map.entry("GET /api/v1/noteFields", 20),
          Map.entry("POST /api/v1/organizationFields", 10),
          Map.entry("POST /api/v1/personFields", 10),
          Map.entry("GET /api/v1/notes", 20),
          Map.entry("POST /api/v1/notes", 10),
          Map.entry("GET /api/v1/notes/:id", 2),
          Map.entry("PUT /api/v1/notes/:id", 10),
          Map.entry("DELETE /api/v1/notes/:id", 6),
          Map.entry("GET /api/v1/users/me", 2),
          Map.entry("GET /api/v1/webhooks", 10),
          Map.entry("POST /api/v1/webhooks", 10),
          Map.entry("DELETE /api/v1/webhooks/:id", 6));

  private TokenCosts() {}

  /**
   * Cost of an endpoint.
   *
   * @param method HTTP method
   * @param template path template as registered (v1 paths with the {@code /api} prefix)
   * @return tokens charged per call
   * @throws IllegalArgumentException when the endpoint is not in the table
   */
  public static int of(String method, String template) {
    Integer cost = TABLE.get(method + " " + template);
    if (cost == null) {
      throw new IllegalArgumentException("no token cost for " + method + " " + template);
    }
    return cost;
  }
}

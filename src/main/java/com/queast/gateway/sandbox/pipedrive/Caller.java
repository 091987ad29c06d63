package com.queast.gateway.sandbox.pipedrive;

/**
 * Who is calling: the company, the user, the credential (the unit of the burst window) and its
 * kind.
 *
 * @param company the company whose data and budget the request uses
 * @param userId the user behind the credential
 * @param tokenKey the API token or access token
 * @param oauth whether the credential is an OAuth access token
 * @param scopes the OAuth scopes granted (null for an API token, which has them all)
 */
record Caller(
    Company company, long userId, String tokenKey, boolean oauth, java.util.Set<String> scopes) {

  static final String KEY = "pipedrive.caller";
}

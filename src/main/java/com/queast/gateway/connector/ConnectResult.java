package com.queast.gateway.connector;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A verified connection: the CRM account it reaches and the secrets to keep.
 *
 * @param accountId CRM account (HubSpot portal, Pipedrive company): the lane
 * @param credentials secrets to encrypt at rest (tokens, refresh tokens, API domain...)
 * @param expiresAt access-token expiry, or null for tokens that do not expire
 * @param config non-secret facts to keep on the connection (scopes, API domain, account name)
 */
public record ConnectResult(
    String accountId, JsonObject credentials, Instant expiresAt, JsonObject config) {}

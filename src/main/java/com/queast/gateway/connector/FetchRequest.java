package com.queast.gateway.connector;

import com.queast.gateway.tenant.Connection;
import io.vertx.core.json.JsonObject;

/**
 * Asks a connector for the current state of one CRM record a webhook named.
 *
 * @param connection the connection the event authenticated for
 * @param kind {@code company} or {@code person}
 * @param crmId the CRM's id
 * @param data the record as the webhook carried it (Pipedrive v2 {@code data}), or null when the
 *     payload has no fields (HubSpot): then the connector reads the record, paced
 */
public record FetchRequest(Connection connection, String kind, String crmId, JsonObject data) {}

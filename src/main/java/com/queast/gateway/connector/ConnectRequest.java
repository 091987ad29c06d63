package com.queast.gateway.connector;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * A request to connect with credentials given directly (API token, private-app token).
 *
 * @param tenantId tenant
 * @param connectionId the id the connection will have
 * @param auth auth type, one of the descriptor's
 * @param body the whole request body (the connector reads its own fields and names bad ones)
 */
public record ConnectRequest(String tenantId, UUID connectionId, String auth, JsonObject body) {}

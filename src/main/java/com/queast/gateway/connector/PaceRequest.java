package com.queast.gateway.connector;

import io.vertx.core.json.JsonObject;

/**
 * Asks a connector how many jobs a lane may claim now.
 *
 * @param lane lane key
 * @param limiterState snapshot left with the lane by its previous holder, or null
 * @param wanted upper bound (batch size)
 */
public record PaceRequest(String lane, JsonObject limiterState, int wanted) {}

package com.queast.gateway.api;

import io.vertx.core.json.JsonObject;

/**
 * A successful JSON answer.
 *
 * @param status HTTP status
 * @param body JSON body
 */
public record Reply(int status, JsonObject body) {}

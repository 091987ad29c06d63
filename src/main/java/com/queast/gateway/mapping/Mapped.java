package com.queast.gateway.mapping;

import io.vertx.core.json.JsonObject;

/**
 * A record after mapping.
 *
 * @param crmObject CRM object type to write
 * @param properties CRM property → value (absent values are left out)
 */
public record Mapped(String crmObject, JsonObject properties) {}

package com.queast.gateway.record;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The latest snapshot of a Queast record of a tenant.
 *
 * @param tenantId tenant
 * @param type {@code company}, {@code person} or {@code signal}
 * @param id Queast id
 * @param data record fields (camelCase, as Queast sent them)
 * @param contentHash hash of the canonical form of {@code data}
 * @param version incremented on every change
 * @param updatedAt last change
 */
public record QueastRecord(
    String tenantId,
    String type,
    String id,
    JsonObject data,
    String contentHash,
    long version,
    Instant updatedAt) {}

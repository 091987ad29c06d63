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
    Instant updatedAt) {

  /** The content hash of a record Queast deleted (issue 16); a later write replaces it. */
  public static final String DELETED_HASH = "deleted";

  /**
   * Whether this is the deletion of the record (then connectors apply their delete policy).
   *
   * @return true when Queast deleted the record
   */
  public boolean deleted() {
    return DELETED_HASH.equals(contentHash);
  }
}

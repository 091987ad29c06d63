package com.queast.gateway.jobqueue;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * A job to enqueue. Record jobs (recordId set) coalesce: enqueuing a newer version while one is
 * pending replaces it.
 *
 * @param tenantId owning tenant
 * @param connectionId target connection or null
 * @param lane lane key
 * @param kind job kind
 * @param recordType record type or null
 * @param recordId record id or null
 * @param contentHash record content hash or null
 * @param payload kind-specific data, never null
 * @param maxAttempts attempt limit
 * @param priority higher first within a lane
 * @param runAt when due
 */
public record NewJob(
    String tenantId,
    UUID connectionId,
    String lane,
    String kind,
    String recordType,
    String recordId,
    String contentHash,
    JsonObject payload,
    int maxAttempts,
    int priority,
    Instant runAt) {

  /**
   * The coalescing key: two new jobs with the same key in one enqueue call collapse to the last.
   *
   * @return a key, or null for jobs that never coalesce
   */
  public String coalesceKey() {
    return recordId == null ? null : connectionId + "|" + kind + "|" + recordType + "|" + recordId;
  }
}

package com.queast.gateway.jobqueue;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A claimed job as the queue hands it to a worker.
 *
 * @param id job id
 * @param tenantId owning tenant
 * @param connectionId target connection, null for jobs that are not about a CRM connection
 * @param lane lane (CRM account) the job is paced and batched in
 * @param kind what to do, e.g. {@link JobKinds#DELIVER}
 * @param recordType Queast record type for record jobs
 * @param recordId Queast record id for record jobs
 * @param contentHash hash of the record version the job was (last) enqueued for
 * @param payload kind-specific data
 * @param state state when read
 * @param attempt attempts used, this one included
 * @param maxAttempts attempt limit
 * @param priority higher first within a lane
 * @param runAt when it became due
 * @param createdAt when first enqueued
 * @param waitingSince when it first snoozed waiting for a dependency, or null
 */
public record Job(
    long id,
    String tenantId,
    UUID connectionId,
    String lane,
    String kind,
    String recordType,
    String recordId,
    String contentHash,
    JsonObject payload,
    JobState state,
    int attempt,
    int maxAttempts,
    int priority,
    Instant runAt,
    Instant createdAt,
    Instant waitingSince) {

  /**
   * Reads a row of the {@code claim-jobs} / {@code get-job} column list.
   *
   * @param r the row
   * @return the job
   */
  public static Job from(Row r) {
    return new Job(
        r.getLong("id"),
        r.getString("tenant_id"),
        r.getUUID("connection_id"),
        r.getString("lane"),
        r.getString("kind"),
        r.getString("record_type"),
        r.getString("record_id"),
        r.getString("content_hash"),
        r.getJsonObject("payload"),
        JobState.fromDb(r.getString("state")),
        r.getInteger("attempt"),
        r.getInteger("max_attempts"),
        r.getInteger("priority"),
        instant(r.getOffsetDateTime("run_at")),
        instant(r.getOffsetDateTime("created_at")),
        instant(r.getOffsetDateTime("waiting_since")));
  }

  /**
   * Whether this attempt is the last one allowed.
   *
   * @return true when a retry would exceed the limit
   */
  public boolean lastAttempt() {
    return attempt >= maxAttempts;
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}

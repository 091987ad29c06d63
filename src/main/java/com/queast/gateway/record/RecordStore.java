package com.queast.gateway.record;

import com.queast.gateway.common.Json;
import com.queast.gateway.db.SqlStatements;
import com.queast.gateway.jobqueue.Job;
import com.queast.gateway.jobqueue.JobKinds;
import com.queast.gateway.jobqueue.NewJob;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores Queast records and turns changes into delivery jobs in the same statement, so a 2xx from
 * ingest means the record and its jobs are committed together.
 */
public final class RecordStore {

  /** The statement file, for start-up verification. */
  public static final SqlStatements SQL = SqlStatements.load("/sql/records.sql");

  private final Pool pool;
  private final Clock clock;
  private final int maxAttempts;
  private final Backfills backfills;

  /** Records per backfill page (one transaction each). */
  public static final int BACKFILL_PAGE = 1000;

  /**
   * A record store.
   *
   * @param pool shared pool
   * @param clock time source
   * @param maxAttempts attempt limit for delivery jobs
   */
  public RecordStore(Pool pool, Clock clock, int maxAttempts) {
    this.pool = pool;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
    this.backfills = new Backfills(pool, maxAttempts, clock);
  }

  /**
   * Stores records of one tenant and enqueues one delivery job per changed record and connection,
   * in one transaction.
   *
   * @param tenantId tenant (must exist)
   * @param records validated records; at most one per (type, id)
   * @return a Uni emitting what changed and what was enqueued; fails when the database does
   */
  public Uni<IngestResult> ingest(String tenantId, List<IncomingRecord> records) {
    if (records.isEmpty()) {
      return Uni.createFrom().item(new IngestResult(Map.of(), 0));
    }
    int n = records.size();
    String[] types = new String[n];
    String[] ids = new String[n];
    JsonObject[] data = new JsonObject[n];
    String[] hashes = new String[n];
    for (int i = 0; i < n; i++) {
      IncomingRecord r = records.get(i);
      types[i] = r.type().label();
      ids[i] = r.id();
      data[i] = r.data();
      hashes[i] = Json.contentHash(r.data());
    }
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    Tuple args =
        Tuple.from(
            List.of(
                tenantId,
                types,
                ids,
                data,
                now,
                hashes,
                maxAttempts,
                RecordType.COMPANY.priority(),
                RecordType.PERSON.priority(),
                RecordType.SIGNAL.priority()));
    // One statement (records, targets, jobs, lane nudges): one transaction, one round trip.
    return pool.preparedQuery(SQL.get("ingest"))
        .execute(args)
        .map(
            rows -> {
              Map<String, Long> changed = new HashMap<>();
              int jobsWritten = 0;
              for (Row r : rows) {
                if ("r".equals(r.getString("kind"))) {
                  changed.put(
                      key(r.getString("record_type"), r.getString("record_id")),
                      r.getLong("version"));
                } else {
                  jobsWritten = r.getLong("version").intValue();
                }
              }
              return new IngestResult(changed, jobsWritten);
            });
  }

  /**
   * A delivery job for one record and connection.
   *
   * @param tenantId tenant
   * @param connectionId connection
   * @param lane the connection's lane
   * @param recordType type label
   * @param recordId id
   * @param hash content hash
   * @return the new job
   */
  public NewJob deliverJob(
      String tenantId,
      UUID connectionId,
      String lane,
      String recordType,
      String recordId,
      String hash) {
    return new NewJob(
        tenantId,
        connectionId,
        lane,
        JobKinds.DELIVER,
        recordType,
        recordId,
        hash,
        new JsonObject(),
        maxAttempts,
        RecordType.fromLabel(recordType).priority(),
        clock.instant());
  }

  /**
   * Starts a durable backfill: every current record of a tenant enqueued for one connection, in
   * keyset pages of {@link #BACKFILL_PAGE} by the {@link BackfillVerticle}s (see {@link
   * Backfills}). Answers at once.
   *
   * @param tenantId tenant
   * @param connectionId connection
   * @param lane the connection's lane
   * @param reason why ({@code connect}, {@code index_complete}, {@code api})
   * @return a Uni emitting the started backfill
   */
  public Uni<Backfills.Backfill> backfill(
      String tenantId, UUID connectionId, String lane, String reason) {
    return backfills.start(tenantId, connectionId, lane, reason, BACKFILL_PAGE);
  }

  /**
   * Durable backfills over these records.
   *
   * @return the backfills
   */
  public Backfills backfills() {
    return backfills;
  }

  /**
   * Reads one record of a tenant.
   *
   * @param tenantId tenant
   * @param type type
   * @param id id
   * @return a Uni emitting the record or empty
   */
  public Uni<Optional<QueastRecord>> get(String tenantId, RecordType type, String id) {
    return pool.preparedQuery(SQL.get("get-record"))
        .execute(Tuple.of(tenantId, type.label(), id))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.<QueastRecord>empty();
              }
              Row r = rows.iterator().next();
              return Optional.of(
                  new QueastRecord(
                      tenantId,
                      type.label(),
                      id,
                      r.getJsonObject("data"),
                      r.getString("content_hash"),
                      r.getLong("version"),
                      r.getOffsetDateTime("updated_at").toInstant()));
            });
  }

  /**
   * Loads what each delivery job needs: the record's latest snapshot and the last delivered state.
   *
   * @param claimed delivery jobs
   * @return a Uni emitting one item per job, in the jobs' order
   */
  public Uni<List<DeliveryItem>> loadForDelivery(List<Job> claimed) {
    int n = claimed.size();
    Long[] jobIds = new Long[n];
    String[] tenants = new String[n];
    String[] types = new String[n];
    String[] ids = new String[n];
    UUID[] conns = new UUID[n];
    for (int i = 0; i < n; i++) {
      Job j = claimed.get(i);
      jobIds[i] = j.id();
      tenants[i] = j.tenantId();
      types[i] = j.recordType();
      ids[i] = j.recordId();
      conns[i] = j.connectionId();
    }
    return pool.preparedQuery(SQL.get("load-for-delivery"))
        .execute(Tuple.of(jobIds, tenants, types, ids, conns))
        .map(
            rows -> {
              Map<Long, Row> byJob = new HashMap<>();
              rows.forEach(r -> byJob.put(r.getLong("job_id"), r));
              List<DeliveryItem> out = new ArrayList<>(n);
              for (Job j : claimed) {
                Row r = byJob.get(j.id());
                QueastRecord rec = null;
                DeliveredState prev = null;
                if (r != null && r.getValue("data") != null) {
                  rec =
                      new QueastRecord(
                          j.tenantId(),
                          j.recordType(),
                          j.recordId(),
                          r.getJsonObject("data"),
                          r.getString("content_hash"),
                          r.getLong("version"),
                          r.getOffsetDateTime("updated_at").toInstant());
                }
                if (r != null && r.getString("crm_id") != null) {
                  prev =
                      new DeliveredState(
                          r.getString("crm_object_type"),
                          r.getString("crm_id"),
                          r.getString("delivered_hash"),
                          r.getJsonObject("delivered_props"));
                }
                out.add(new DeliveryItem(j, rec, prev));
              }
              return out;
            });
  }

  private static String key(String type, String id) {
    return type + "/" + id;
  }

  /**
   * Result of an ingest call.
   *
   * @param changedVersions {@code type/id} of records that were new or changed, with their new
   *     version
   * @param jobsEnqueued delivery jobs written (inserted or coalesced)
   */
  public record IngestResult(Map<String, Long> changedVersions, int jobsEnqueued) {

    /**
     * Whether a record changed.
     *
     * @param type type
     * @param id id
     * @return true when it was new or its content differed
     */
    public boolean changed(RecordType type, String id) {
      return changedVersions.containsKey(key(type.label(), id));
    }
  }
}

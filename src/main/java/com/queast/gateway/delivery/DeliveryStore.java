package com.queast.gateway.delivery;

import com.queast.gateway.connector.ItemResult;
import com.queast.gateway.db.SqlStatements;
import com.queast.gateway.jobqueue.Job;
import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.record.DeliveredState;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Bulk bookkeeping of a delivered batch: completions, delivery-log rows (one per attempt, good or
 * bad) and the delivered state of each record, in few round trips.
 */
public final class DeliveryStore {

  /** The statement file, for start-up verification. */
  public static final SqlStatements SQL = SqlStatements.load("/sql/delivery.sql");

  private final Pool pool;
  private final Clock clock;

  /**
   * A store.
   *
   * @param pool shared pool
   * @param clock time source
   */
  public DeliveryStore(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /**
   * A round's bookkeeping in one statement: the delivered state of completed record jobs, one
   * delivery-log row per attempt, and the completion of the jobs this worker still holds.
   *
   * @param workerId holder
   * @param attempts every job of the round with its outcome
   * @param completeIds the jobs whose outcome is complete
   * @return a Uni emitting the ids actually completed (a job rescued meanwhile is not among them)
   */
  public Uni<Set<Long>> settle(String workerId, List<Logged> attempts, List<Long> completeIds) {
    if (attempts.isEmpty() && completeIds.isEmpty()) {
      return Uni.createFrom().item(Set.of());
    }
    OffsetDateTime now = now();
    List<Object> args = new ArrayList<>(28);
    args.addAll(deliveredColumns(attempts, now));
    args.addAll(logColumns(attempts, now));
    args.add(completeIds.toArray(new Long[0]));
    args.add(workerId);
    args.add(now);
    return pool.preparedQuery(SQL.get("settle-batch"))
        .execute(Tuple.tuple(args))
        .map(
            rows -> {
              Set<Long> done = new HashSet<>();
              rows.forEach(r -> done.add(r.getLong(0)));
              return done;
            });
  }

  private static List<Object> logColumns(List<Logged> attempts, OffsetDateTime now) {
    int n = attempts.size();
    Long[] jobIds = new Long[n];
    String[] tenants = new String[n];
    UUID[] conns = new UUID[n];
    String[] lanes = new String[n];
    String[] kinds = new String[n];
    String[] types = new String[n];
    String[] ids = new String[n];
    Integer[] attemptNo = new Integer[n];
    String[] outcomes = new String[n];
    Integer[] statuses = new Integer[n];
    String[] vendorCodes = new String[n];
    String[] messages = new String[n];
    String[] requestIds = new String[n];
    String[] crmIds = new String[n];
    Integer[] durations = new Integer[n];
    OffsetDateTime[] times = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      Logged l = attempts.get(i);
      Job j = l.job();
      Outcome.Attempt a = l.result().outcome().attempt();
      jobIds[i] = j.id();
      tenants[i] = j.tenantId();
      conns[i] = j.connectionId();
      lanes[i] = j.lane();
      kinds[i] = j.kind();
      types[i] = j.recordType();
      ids[i] = j.recordId();
      attemptNo[i] = j.attempt();
      outcomes[i] = l.result().outcome().label();
      statuses[i] = a.httpStatus();
      vendorCodes[i] = a.vendorCode() != null ? a.vendorCode() : a.code();
      messages[i] = truncate(a.message(), 2000);
      requestIds[i] = a.vendorRequestId();
      DeliveredState d = l.result().delivered();
      crmIds[i] = d == null ? null : d.crmId();
      durations[i] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, a.durationMs()));
      times[i] = now;
    }
    return List.of(
        jobIds,
        tenants,
        conns,
        lanes,
        kinds,
        types,
        ids,
        attemptNo,
        outcomes,
        statuses,
        vendorCodes,
        messages,
        requestIds,
        crmIds,
        durations,
        times);
  }

  private static List<Object> deliveredColumns(List<Logged> delivered, OffsetDateTime now) {
    List<Logged> rows = delivered.stream().filter(l -> l.result().delivered() != null).toList();
    int n = rows.size();
    UUID[] conns = new UUID[n];
    String[] types = new String[n];
    String[] ids = new String[n];
    String[] tenants = new String[n];
    String[] objTypes = new String[n];
    String[] crmIds = new String[n];
    String[] hashes = new String[n];
    JsonObject[] props = new JsonObject[n];
    OffsetDateTime[] times = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      Job j = rows.get(i).job();
      DeliveredState d = rows.get(i).result().delivered();
      conns[i] = j.connectionId();
      types[i] = j.recordType();
      ids[i] = j.recordId();
      tenants[i] = j.tenantId();
      objTypes[i] = d.crmObjectType();
      crmIds[i] = d.crmId();
      hashes[i] = d.deliveredHash();
      props[i] = d.deliveredProps();
      times[i] = now;
    }
    return List.of(conns, types, ids, tenants, objTypes, crmIds, hashes, props, times);
  }

  /**
   * Reads a tenant's delivery log, newest first.
   *
   * @param tenantId tenant
   * @param filter optional filters and paging
   * @return a Uni emitting the rows as JSON
   */
  public Uni<JsonArray> read(String tenantId, LogFilter filter) {
    return pool.preparedQuery(SQL.get("log-for-tenant"))
        .execute(
            Tuple.tuple(
                java.util.Arrays.asList(
                    tenantId,
                    filter.connectionId(),
                    filter.recordType(),
                    filter.recordId(),
                    filter.outcome(),
                    filter.beforeId(),
                    filter.limit())))
        .map(
            rows -> {
              JsonArray out = new JsonArray();
              for (Row r : rows) {
                out.add(
                    new JsonObject()
                        .put("id", r.getLong("id"))
                        .put("jobId", r.getLong("job_id"))
                        .put("connectionId", str(r.getUUID("connection_id")))
                        .put("lane", r.getString("lane"))
                        .put("kind", r.getString("kind"))
                        .put("recordType", r.getString("record_type"))
                        .put("recordId", r.getString("record_id"))
                        .put("attempt", r.getInteger("attempt"))
                        .put("outcome", r.getString("outcome"))
                        .put("httpStatus", r.getInteger("http_status"))
                        .put("vendorCode", r.getString("vendor_code"))
                        .put("vendorMessage", r.getString("vendor_message"))
                        .put("vendorRequestId", r.getString("vendor_request_id"))
                        .put("crmId", r.getString("crm_id"))
                        .put("durationMs", r.getInteger("duration_ms"))
                        .put("at", r.getOffsetDateTime("created_at").toInstant().toString()));
              }
              return out;
            });
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /**
   * A job with its result, as logged.
   *
   * @param job the job
   * @param result what happened
   */
  public record Logged(Job job, ItemResult result) {}

  /**
   * Filters of the delivery-log read.
   *
   * @param connectionId only this connection, or null
   * @param recordType only this type, or null
   * @param recordId only this record, or null
   * @param outcome only this outcome, or null
   * @param beforeId rows older than this id (paging), or null
   * @param limit page size
   */
  public record LogFilter(
      UUID connectionId,
      String recordType,
      String recordId,
      String outcome,
      Long beforeId,
      int limit) {}

  /**
   * Helper for callers building many results.
   *
   * @return a new list
   */
  static List<Logged> newList() {
    return new ArrayList<>();
  }
}

package com.queast.gateway.api;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.delivery.DeliveryStore;
import com.queast.gateway.jobqueue.JobStore;
import com.queast.gateway.record.RecordStore;
import com.queast.gateway.record.RecordType;
import com.queast.gateway.tenant.Connection;
import com.queast.gateway.tenant.ConnectionStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * Operations on delivery: the delivery log, one job, replay (one job, every dead job of a
 * connection, a time window), backfill, and reading records back. Everything is tenant-scoped:
 * another tenant's ids answer 404.
 */
public final class OpsHandler {

  private final JobStore jobs;
  private final DeliveryStore deliveries;
  private final ConnectionStore connections;
  private final RecordStore records;

  /**
   * A handler.
   *
   * @param jobs job queue
   * @param deliveries delivery log
   * @param connections connections
   * @param records records
   */
  public OpsHandler(
      JobStore jobs, DeliveryStore deliveries, ConnectionStore connections, RecordStore records) {
    this.jobs = jobs;
    this.deliveries = deliveries;
    this.connections = connections;
    this.records = records;
  }

  /**
   * {@code GET /v1/tenants/{tenantId}/deliveries}.
   *
   * @param ctx request
   * @return a Uni emitting the page
   */
  public Uni<Reply> log(RoutingContext ctx) {
    String tenantId = Bodies.pathId(ctx, "tenantId");
    UUID conn = optionalUuid(ctx, "connectionId");
    int limit = Bodies.intParam(ctx, "limit", 100, 1, 1000);
    Long before =
        ctx.queryParam("before").isEmpty()
            ? null
            : (long) Bodies.intParam(ctx, "before", 0, 1, Integer.MAX_VALUE);
    String type =
        ctx.queryParam("recordType").isEmpty() ? null : ctx.queryParam("recordType").get(0);
    String id = ctx.queryParam("recordId").isEmpty() ? null : ctx.queryParam("recordId").get(0);
    String outcome = ctx.queryParam("outcome").isEmpty() ? null : ctx.queryParam("outcome").get(0);
    return deliveries
        .read(tenantId, new DeliveryStore.LogFilter(conn, type, id, outcome, before, limit))
        .map(
            rows -> {
              JsonObject body = new JsonObject().put("items", rows);
              if (rows.size() == limit) {
                body.put("nextBefore", rows.getJsonObject(rows.size() - 1).getLong("id"));
              }
              return new Reply(200, body);
            });
  }

  /**
   * {@code GET /v1/tenants/{tenantId}/jobs/{jobId}}.
   *
   * @param ctx request
   * @return a Uni emitting the job
   */
  public Uni<Reply> job(RoutingContext ctx) {
    String tenantId = Bodies.pathId(ctx, "tenantId");
    long jobId = jobId(ctx);
    return jobs.get(tenantId, jobId)
        .map(
            j ->
                new Reply(
                    200,
                    j.orElseThrow(() -> GatewayException.notFound("job", String.valueOf(jobId)))));
  }

  /**
   * {@code POST /v1/tenants/{tenantId}/jobs/{jobId}/replay}: a dead or cancelled job runs again
   * with fresh attempts.
   *
   * @param ctx request
   * @return a Uni emitting 202, or 409 when the job is not dead
   */
  public Uni<Reply> replayJob(RoutingContext ctx) {
    String tenantId = Bodies.pathId(ctx, "tenantId");
    long jobId = jobId(ctx);
    return jobs.get(tenantId, jobId)
        .chain(
            j -> {
              if (j.isEmpty()) {
                throw GatewayException.notFound("job", String.valueOf(jobId));
              }
              return jobs.replayJob(tenantId, jobId);
            })
        .map(
            ok -> {
              if (!ok) {
                throw GatewayException.conflict(
                    "job_not_replayable", "only dead or cancelled jobs can be replayed");
              }
              return new Reply(202, new JsonObject().put("jobId", jobId).put("state", "available"));
            });
  }

  /**
   * {@code POST /v1/tenants/{tenantId}/connections/{connectionId}/replay} with optional {@code
   * from}/{@code to} (ISO-8601, when the jobs died).
   *
   * @param ctx request
   * @return a Uni emitting how many jobs were replayed
   */
  public Uni<Reply> replayConnection(RoutingContext ctx) {
    String tenantId = Bodies.pathId(ctx, "tenantId");
    UUID connectionId = Bodies.pathUuid(ctx, "connectionId");
    JsonObject body = Bodies.optionalObject(ctx);
    Instant from = instant(body, "from");
    Instant to = instant(body, "to");
    if (from != null && to != null && !from.isBefore(to)) {
      throw GatewayException.validation(
          "empty window", List.of(new FieldError("to", "after", "to must be after from")));
    }
    return connection(tenantId, connectionId)
        .chain(c -> jobs.replayDead(tenantId, connectionId, from, to))
        .map(n -> new Reply(202, new JsonObject().put("replayed", n)));
  }

  /**
   * {@code POST /v1/tenants/{tenantId}/connections/{connectionId}/backfill}: starts a durable
   * backfill of every current record (superseding a running one) and answers at once; {@code GET
   * .../backfills/{backfillId}} follows it.
   *
   * @param ctx request
   * @return a Uni emitting the started backfill
   */
  public Uni<Reply> backfill(RoutingContext ctx) {
    String tenantId = Bodies.pathId(ctx, "tenantId");
    UUID connectionId = Bodies.pathUuid(ctx, "connectionId");
    return connection(tenantId, connectionId)
        .chain(
            c -> {
              if (c.lane() == null) {
                throw GatewayException.conflict(
                    "connection_not_connected", "the connection has no CRM account yet");
              }
              return records.backfill(tenantId, connectionId, c.lane(), "api");
            })
        .map(b -> new Reply(202, b.toJson()));
  }

  /**
   * {@code GET /v1/tenants/{tenantId}/connections/{connectionId}/backfills/{backfillId}}: a
   * backfill's state and how many jobs it has enqueued so far.
   *
   * @param ctx request
   * @return a Uni emitting the backfill
   */
  public Uni<Reply> getBackfill(RoutingContext ctx) {
    String tenantId = Bodies.pathId(ctx, "tenantId");
    UUID connectionId = Bodies.pathUuid(ctx, "connectionId");
    long id = longId(ctx, "backfillId", "backfill");
    return records
        .backfills()
        .get(tenantId, connectionId, id)
        .map(
            b ->
                new Reply(
                    200,
                    b.orElseThrow(() -> GatewayException.notFound("backfill", String.valueOf(id)))
                        .toJson()));
  }

  /**
   * {@code GET /v1/tenants/{tenantId}/{type}/{recordId}}: the stored snapshot.
   *
   * @param ctx request
   * @param type record type
   * @return a Uni emitting the record
   */
  public Uni<Reply> getRecord(RoutingContext ctx, RecordType type) {
    String tenantId = Bodies.pathId(ctx, "tenantId");
    String id = Bodies.pathId(ctx, "recordId");
    return records
        .get(tenantId, type, id)
        .map(
            r -> {
              var rec = r.orElseThrow(() -> GatewayException.notFound(type.label(), id));
              return new Reply(
                  200,
                  rec.data()
                      .copy()
                      .put("id", rec.id())
                      .put("version", rec.version())
                      .put("contentHash", rec.contentHash())
                      .put("updatedAt", rec.updatedAt().toString()));
            });
  }

  private Uni<Connection> connection(String tenantId, UUID id) {
    return connections
        .get(tenantId, id)
        .map(c -> c.orElseThrow(() -> GatewayException.notFound("connection", id.toString())));
  }

  private static long jobId(RoutingContext ctx) {
    return longId(ctx, "jobId", "job");
  }

  private static long longId(RoutingContext ctx, String param, String what) {
    try {
      return Long.parseLong(ctx.pathParam(param));
    } catch (NumberFormatException e) {
      throw GatewayException.notFound(what, ctx.pathParam(param));
    }
  }

  private static UUID optionalUuid(RoutingContext ctx, String name) {
    List<String> v = ctx.queryParam(name);
    if (v.isEmpty()) {
      return null;
    }
    try {
      return UUID.fromString(v.get(0));
    } catch (IllegalArgumentException e) {
      throw GatewayException.validation(
          "invalid " + name, List.of(new FieldError(name, "format", name + " must be a UUID")));
    }
  }

  private static Instant instant(JsonObject body, String key) {
    Object v = body.getValue(key);
    if (v == null) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(String.valueOf(v)).toInstant();
    } catch (DateTimeParseException e) {
      throw GatewayException.validation(
          "invalid " + key,
          List.of(new FieldError(key, "format", key + " must be an ISO-8601 timestamp")));
    }
  }
}

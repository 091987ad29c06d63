package com.queast.gateway.matching;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The review queue: every match decision with its evidence (auto-linked ones included) and the
 * corrections a person makes. A correction forgets the record's delivered state and re-enqueues it,
 * so the next delivery follows the new decision; what was written under the old link is listed so
 * it can be cleaned up in the CRM.
 */
public final class ReviewQueue {

  private static final Set<String> STATES =
      Set.of("auto_linked", "needs_review", "confirmed", "rejected");

  private final Pool pool;
  private final BulkReview bulk;
  private final Clock clock;

  /**
   * A review queue.
   *
   * @param pool pool
   * @param bulk decisions in bulk, whose re-delivery a single decision shares
   * @param clock time source
   */
  public ReviewQueue(Pool pool, BulkReview bulk, Clock clock) {
    this.pool = pool;
    this.bulk = bulk;
    this.clock = clock;
  }

  /**
   * Lists a tenant's matches, newest first.
   *
   * @param tenantId tenant
   * @param state a state or null for all
   * @param connectionId a connection or null
   * @param before id for paging or null
   * @param limit page size
   * @return a Uni emitting {@code {items, nextBefore}}
   */
  public Uni<JsonObject> list(
      String tenantId, String state, UUID connectionId, Long before, int limit) {
    if (state != null && !STATES.contains(state)) {
      throw GatewayException.validation(
          "invalid state",
          List.of(
              new FieldError(
                  "state",
                  "enum",
                  "state is one of " + String.join(", ", STATES.stream().sorted().toList()))));
    }
    return pool.preparedQuery(ConnectionIndexes.SQL.get("list-matches"))
        .execute(Tuple.tuple(java.util.Arrays.asList(tenantId, state, connectionId, before, limit)))
        .map(
            rows -> {
              JsonArray items = new JsonArray();
              rows.forEach(r -> items.add(json(r)));
              JsonObject out = new JsonObject().put("items", items);
              if (items.size() == limit) {
                out.put("nextBefore", items.getJsonObject(items.size() - 1).getLong("id"));
              }
              return out;
            });
  }

  /**
   * Confirms a match (or a pending review) as it is.
   *
   * @param tenantId tenant
   * @param id match id
   * @return a Uni emitting the updated match
   */
  public Uni<JsonObject> confirm(String tenantId, long id) {
    return get(tenantId, id)
        .chain(
            m -> {
              if (m.getString("crmId") == null) {
                throw GatewayException.conflict(
                    "nothing_to_confirm", "this match has no CRM record; relink it instead");
              }
              return decide(tenantId, id, "confirmed", m.getString("crmId"), m);
            });
  }

  /**
   * Rejects a match: the record gets a new CRM record of its own.
   *
   * @param tenantId tenant
   * @param id match id
   * @return a Uni emitting the updated match with what was written under the rejected link
   */
  public Uni<JsonObject> reject(String tenantId, long id) {
    return get(tenantId, id).chain(m -> decide(tenantId, id, "rejected", null, m));
  }

  /**
   * Links the record to another CRM record.
   *
   * @param tenantId tenant
   * @param id match id
   * @param crmId the right CRM record
   * @return a Uni emitting the updated match with what was written under the old link
   */
  public Uni<JsonObject> relink(String tenantId, long id, String crmId) {
    if (crmId == null || crmId.isBlank() || crmId.length() > 64) {
      throw GatewayException.validation(
          "crmId is required",
          List.of(new FieldError("crmId", "required", "crmId must be 1 to 64 characters")));
    }
    return get(tenantId, id).chain(m -> decide(tenantId, id, "confirmed", crmId, m));
  }

  private Uni<JsonObject> decide(
      String tenantId, long id, String state, String crmId, JsonObject before) {
    String oldCrmId = before.getString("crmId");
    boolean linkChanged = oldCrmId != null && !oldCrmId.equals(crmId);
    UUID connectionId = UUID.fromString(before.getString("connectionId"));
    String type = before.getString("recordType");
    String recordId = before.getString("recordId");
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return pool.withTransaction(
            tx ->
                tx.preparedQuery(ConnectionIndexes.SQL.get("decide-match"))
                    .execute(Tuple.of(id, tenantId, state, crmId, now))
                    .chain(
                        () ->
                            linkChanged || !"confirmed".equals(state)
                                ? tx.preparedQuery(ConnectionIndexes.SQL.get("forget-delivery"))
                                    .execute(Tuple.of(connectionId, type, recordId))
                                    .replaceWithVoid()
                                : Uni.createFrom().voidItem()))
        .chain(
            () ->
                bulk.redeliver(
                    tenantId,
                    List.of(new BulkReview.Decided(connectionId, type, recordId)),
                    OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
        .call(
            () ->
                bulk.learn(
                    tenantId,
                    List.of(id),
                    !"confirmed".equals(state) ? "reject" : linkChanged ? "relink" : "confirm"))
        .chain(
            () ->
                writtenUnder(tenantId, connectionId, type, recordId, linkChanged ? oldCrmId : null))
        .chain(written -> get(tenantId, id).map(m -> m.put("writtenUnderPreviousLink", written)));
  }

  private Uni<JsonArray> writtenUnder(
      String tenantId, UUID connectionId, String type, String recordId, String crmId) {
    if (crmId == null) {
      return Uni.createFrom().item(new JsonArray());
    }
    return pool.preparedQuery(ConnectionIndexes.SQL.get("written-under"))
        .execute(Tuple.of(tenantId, connectionId, type, recordId, crmId))
        .map(
            rows -> {
              JsonArray out = new JsonArray();
              rows.forEach(
                  r ->
                      out.add(
                          new JsonObject()
                              .put("deliveryLogId", r.getLong("id"))
                              .put("jobId", r.getLong("job_id"))
                              .put("crmId", r.getString("crm_id"))
                              .put("vendorRequestId", r.getString("vendor_request_id"))
                              .put(
                                  "at", r.getOffsetDateTime("created_at").toInstant().toString())));
              return out;
            });
  }

  private Uni<JsonObject> get(String tenantId, long id) {
    return pool.preparedQuery(ConnectionIndexes.SQL.get("get-match-for-tenant"))
        .execute(Tuple.of(id, tenantId))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw GatewayException.notFound("match", String.valueOf(id));
              }
              return json(rows.iterator().next());
            });
  }

  private static JsonObject json(Row r) {
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("connectionId", r.getUUID("connection_id").toString())
        .put("recordType", r.getString("record_type"))
        .put("recordId", r.getString("record_id"))
        .put("state", r.getString("state"))
        .put("crmId", r.getString("crm_id"))
        .put("score", r.getDouble("score"))
        .put("strategy", r.getString("strategy"))
        .put("evidence", r.getJsonObject("evidence"))
        .put("previousCrmId", r.getString("previous_crm_id"))
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
        .put(
            "decidedAt",
            r.getOffsetDateTime("decided_at") == null
                ? null
                : r.getOffsetDateTime("decided_at").toInstant().toString());
  }
}

package com.queast.gateway.removal;

import com.queast.gateway.common.GatewayException;
import com.queast.gateway.jobqueue.JobKinds;
import com.queast.gateway.jobqueue.JobStore;
import com.queast.gateway.jobqueue.NewJob;
import com.queast.gateway.record.Lanes;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
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
 * Erasure of a person (issue 16). One transaction records the erasure, enqueues one {@code erase}
 * job per connection (its own kind, so no later update coalesces it away; top priority; no
 * dependency wait) and removes the person's data from the gateway: snapshot, delivered state,
 * matches and their evidence, vendor messages in the delivery log, job errors, the CRM's events
 * about the contact and the CRM index entries. Database triggers (V66) keep late writes out. What
 * stays: the erasure's id, the person's Queast id, when, and per connection the CRM, contact id and
 * job.
 */
public final class Erasures {

  /** Erase jobs go before any other job of their lane. */
  static final int PRIORITY = 1000;

  private final Pool pool;
  private final JobStore jobs;
  private final Clock clock;
  private final int maxAttempts;

  /**
   * Erasures.
   *
   * @param pool the (tenant-scoped) pool
   * @param jobs job queue
   * @param clock time source
   * @param maxAttempts attempt limit of erase jobs
   */
  public Erasures(Pool pool, JobStore jobs, Clock clock, int maxAttempts) {
    this.pool = pool;
    this.jobs = jobs;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
  }

  /**
   * Erases a person, or answers the erasure already in force.
   *
   * @param tenantId tenant
   * @param personId Queast person id
   * @return a Uni emitting the erasure id and whether it is new; fails with a 404 {@link
   *     GatewayException} when the tenant never had the person
   */
  public Uni<Started> erase(String tenantId, String personId) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(RecordDeletions.SQL.get("erasure-in-force"))
                .execute(Tuple.of(tenantId, personId))
                .chain(
                    existing -> {
                      if (existing.size() > 0) {
                        return Uni.createFrom()
                            .item(new Started(existing.iterator().next().getUUID("id"), false));
                      }
                      return tx.preparedQuery(RecordDeletions.SQL.get("person-known"))
                          .execute(Tuple.of(tenantId, personId))
                          .chain(
                              known -> {
                                if (known.size() == 0) {
                                  throw GatewayException.notFound("person", personId);
                                }
                                return start(tx, tenantId, personId, now);
                              });
                    }));
  }

  private Uni<Started> start(SqlClient tx, String tenantId, String personId, OffsetDateTime now) {
    UUID id = UUID.randomUUID();
    return tx.preparedQuery(RecordDeletions.SQL.get("erasure-targets"))
        .execute(Tuple.of(tenantId, personId))
        .chain(
            targets ->
                tx.preparedQuery(RecordDeletions.SQL.get("erasure-insert"))
                    .execute(Tuple.of(id, tenantId, personId, now))
                    .chain(() -> enqueue(tx, tenantId, personId, targets))
                    .chain(() -> recordTargets(tx, id, tenantId, personId, targets))
                    .chain(
                        () ->
                            tx.preparedQuery(RecordDeletions.SQL.get("erase-person-data"))
                                .execute(Tuple.of(tenantId, personId, id, now)))
                    .map(ignored -> new Started(id, true)));
  }

  private Uni<Void> enqueue(SqlClient tx, String tenantId, String personId, RowSet<Row> targets) {
    List<NewJob> out = new ArrayList<>();
    for (Row r : targets) {
      JsonObject payload = new JsonObject();
      if (r.getString("crm_id") != null) {
        payload.put("crmId", r.getString("crm_id"));
      }
      out.add(
          new NewJob(
              tenantId,
              r.getUUID("connection_id"),
              Lanes.of(r.getString("crm"), r.getString("account_id")),
              JobKinds.ERASE,
              "person",
              personId,
              null,
              payload,
              maxAttempts,
              PRIORITY,
              clock.instant()));
    }
    return jobs.enqueue(tx, out).replaceWithVoid();
  }

  private Uni<Void> recordTargets(
      SqlClient tx, UUID id, String tenantId, String personId, RowSet<Row> targets) {
    List<UUID> conns = new ArrayList<>();
    List<String> crms = new ArrayList<>();
    List<String> crmIds = new ArrayList<>();
    for (Row r : targets) {
      conns.add(r.getUUID("connection_id"));
      crms.add(r.getString("crm"));
      crmIds.add(r.getString("crm_id"));
    }
    if (conns.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return tx.preparedQuery(RecordDeletions.SQL.get("erasure-connections-insert"))
        .execute(
            Tuple.of(
                id,
                tenantId,
                conns.toArray(new UUID[0]),
                crms.toArray(new String[0]),
                crmIds.toArray(new String[0]),
                personId))
        .replaceWithVoid();
  }

  /**
   * An erasure with its state per connection.
   *
   * @param tenantId tenant
   * @param id erasure id
   * @return a Uni emitting the erasure as JSON; fails with a 404 when the tenant has none by that
   *     id
   */
  public Uni<JsonObject> get(String tenantId, UUID id) {
    return pool.preparedQuery(RecordDeletions.SQL.get("erasure-get"))
        .execute(Tuple.of(tenantId, id))
        .chain(
            rows -> {
              if (rows.size() == 0) {
                throw GatewayException.notFound("erasure", id.toString());
              }
              JsonObject e = json(rows.iterator().next());
              return pool.preparedQuery(RecordDeletions.SQL.get("erasure-connections"))
                  .execute(Tuple.of(tenantId, id))
                  .map(
                      conns -> {
                        JsonArray list = new JsonArray();
                        boolean done = true;
                        for (Row c : conns) {
                          String state = connectionState(c);
                          done &= !"pending".equals(state);
                          list.add(
                              new JsonObject()
                                  .put("connectionId", c.getUUID("connection_id").toString())
                                  .put("crm", c.getString("crm"))
                                  .put("crmId", c.getString("crm_id"))
                                  .put("jobId", c.getLong("job_id"))
                                  .put("state", state)
                                  .put("code", c.getString("last_code"))
                                  .put(
                                      "at",
                                      c.getOffsetDateTime("last_at") == null
                                          ? null
                                          : c.getOffsetDateTime("last_at").toInstant().toString()));
                        }
                        return e.put("state", done ? "done" : "pending").put("connections", list);
                      });
            });
  }

  /**
   * Lets a later write of an erased person's id in again.
   *
   * @param tenantId tenant
   * @param personId person id
   * @return a Uni emitting the re-allowed erasure; fails with a 404 when none is in force
   */
  public Uni<JsonObject> reallow(String tenantId, String personId) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return pool.preparedQuery(RecordDeletions.SQL.get("erasure-reallow"))
        .execute(Tuple.of(tenantId, personId, now))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw GatewayException.notFound("erasure of person", personId);
              }
              return json(rows.iterator().next());
            });
  }

  /**
   * Which of these person ids are erased (their writes are refused). One statement.
   *
   * @param tenantId tenant
   * @param personIds ids of a batch
   * @return a Uni emitting the erased ones
   */
  public Uni<Set<String>> erasedAmong(String tenantId, List<String> personIds) {
    if (personIds.isEmpty()) {
      return Uni.createFrom().item(Set.of());
    }
    return pool.preparedQuery(RecordDeletions.SQL.get("erased-among"))
        .execute(Tuple.of(tenantId, personIds.toArray(new String[0])))
        .map(
            rows -> {
              Set<String> out = new HashSet<>();
              rows.forEach(r -> out.add(r.getString("record_id")));
              return out;
            });
  }

  private static String connectionState(Row c) {
    String job = c.getString("job_state");
    String last = c.getString("last_outcome");
    if (c.getLong("job_id") == null) {
      return "pending";
    }
    if (job != null) {
      return switch (job) {
        case "completed" -> "erased";
        case "dead" -> "failed";
        case "cancelled" -> "cancelled";
        default -> "pending";
      };
    }
    return "completed".equals(last) ? "erased" : last == null ? "pending" : "failed";
  }

  private static JsonObject json(Row r) {
    return new JsonObject()
        .put("id", r.getUUID("id").toString())
        .put("personId", r.getString("record_id"))
        .put("requestedAt", r.getOffsetDateTime("requested_at").toInstant().toString())
        .put(
            "reallowedAt",
            r.getOffsetDateTime("reallowed_at") == null
                ? null
                : r.getOffsetDateTime("reallowed_at").toInstant().toString());
  }

  /**
   * An erasure request's answer.
   *
   * @param id the erasure
   * @param created false when an erasure was already in force
   */
  public record Started(UUID id, boolean created) {}
}

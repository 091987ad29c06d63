package com.queast.gateway.api;

import com.queast.gateway.db.SqlStatements;
import io.smallrye.mutiny.Multi;
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
import java.util.List;
import java.util.Optional;

/**
 * Read-only progress of backfills: how many of the tenant's records the connection's CRM holds in
 * their current version, how many jobs went dead since the backfill started, the rate over the last
 * minute and the time left at that rate. Reads the {@code backfills} table of V22 and never writes.
 */
public final class BackfillProgressStore {

  static final SqlStatements SQL = SqlStatements.load("/sql/progress.sql");

  private final Pool pool;
  private final Clock clock;

  /**
   * A store.
   *
   * @param pool pool
   * @param clock time source (rate window, age)
   */
  public BackfillProgressStore(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /**
   * One backfill's progress.
   *
   * @param tenantId tenant
   * @param id backfill id
   * @return a Uni emitting the progress JSON, or empty when the tenant has no such backfill; fails
   *     when the database does
   */
  public Uni<Optional<JsonObject>> get(String tenantId, long id) {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    return pool.preparedQuery(SQL.get("progress-backfill"))
        .execute(Tuple.of(tenantId, id, now))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(toJson(rows.iterator().next())));
  }

  /**
   * The newest backfill of each connection of a tenant, with its progress.
   *
   * @param tenantId tenant
   * @return a Uni emitting {@code {items: [...]}}; fails when the database does
   */
  public Uni<JsonObject> latest(String tenantId) {
    return pool.preparedQuery(SQL.get("progress-latest"))
        .execute(Tuple.of(tenantId))
        .chain(
            rows -> {
              List<Long> ids = new ArrayList<>();
              rows.forEach(r -> ids.add(r.getLong("id")));
              return Multi.createFrom()
                  .iterable(ids)
                  .onItem()
                  .transformToUniAndConcatenate(id -> get(tenantId, id))
                  .collect()
                  .asList();
            })
        .map(
            list -> {
              JsonArray items = new JsonArray();
              list.forEach(o -> o.ifPresent(items::add));
              return new JsonObject().put("items", items);
            });
  }

  static JsonObject toJson(Row r) {
    long total = r.getLong("total");
    long delivered = Math.min(total, r.getLong("delivered"));
    long recent = r.getLong("recent");
    double age = r.getNumeric("age_s") == null ? 0 : r.getNumeric("age_s").doubleValue();
    double window = Math.max(1.0, Math.min(60.0, age));
    double rate = recent / window;
    long left = total - delivered;
    Long eta =
        left == 0 ? Long.valueOf(0) : rate > 0 ? Long.valueOf((long) Math.ceil(left / rate)) : null;
    OffsetDateTime finished = r.getOffsetDateTime("finished_at");
    return new JsonObject()
        .put("backfillId", r.getLong("id"))
        .put("connectionId", r.getUUID("connection_id").toString())
        .put("reason", r.getString("reason"))
        .put("state", r.getString("state"))
        .put("total", total)
        .put("enqueued", r.getLong("enqueued"))
        .put("delivered", delivered)
        .put("failed", r.getLong("failed"))
        .put("percent", total == 0 ? 100.0 : Math.floor(1000.0 * delivered / total) / 10.0)
        .put("rate", Math.round(rate * 10.0) / 10.0)
        .put("eta", eta)
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
        .put("finishedAt", finished == null ? null : finished.toInstant().toString());
  }
}

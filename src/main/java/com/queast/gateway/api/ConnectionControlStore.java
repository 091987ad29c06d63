package com.queast.gateway.api;

import com.queast.gateway.common.GatewayException;
import com.queast.gateway.connector.ConnectorRegistry;
import com.queast.gateway.db.SqlStatements;
import com.queast.gateway.ratelimit.LaneLoad;
import com.queast.gateway.record.Lanes;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * An operator's switch and gauges for one connection: pause / resume (V60: a paused connection's
 * jobs stay queued and no lane claims them; see {@code sql/jobs.sql}) and the live figures (jobs
 * per state, attempts of the last minute, attempts per minute, the lane's pause and the load its
 * pacer reported). Reads plus the one {@code paused_at} column; nothing on the delivery path.
 */
public final class ConnectionControlStore {

  static final SqlStatements SQL = SqlStatements.load("/sql/operator.sql");

  private final Pool pool;
  private final ConnectorRegistry connectors;
  private final Clock clock;

  /**
   * A store.
   *
   * @param pool tenant-scoped pool
   * @param connectors the connectors, asked for the live load of lanes this instance serves
   * @param clock time source
   */
  public ConnectionControlStore(Pool pool, ConnectorRegistry connectors, Clock clock) {
    this.pool = pool;
    this.connectors = connectors;
    this.clock = clock;
  }

  /**
   * Pauses or resumes a connection; a resume nudges its lane so the queued jobs go at once.
   *
   * @param tenantId tenant
   * @param id connection
   * @param pause true to pause, false to resume
   * @return a Uni emitting {@code {connectionId, paused, pausedAt}}; fails with 404 for a
   *     connection the tenant does not have
   */
  public Uni<JsonObject> setPaused(String tenantId, UUID id, boolean pause) {
    OffsetDateTime now = now();
    return pool.preparedQuery(SQL.get(pause ? "pause-connection" : "resume-connection"))
        .execute(Tuple.of(id, tenantId, now))
        .chain(
            rows -> {
              Row r = one(rows, id);
              JsonObject out = pauseJson(r);
              String account = r.getString("account_id");
              if (pause || account == null) {
                return Uni.createFrom().item(out);
              }
              return pool.preparedQuery(SQL.get("nudge-lane"))
                  .execute(Tuple.of(Lanes.of(r.getString("crm"), account)))
                  .replaceWith(out);
            });
  }

  /**
   * The live figures of a connection.
   *
   * @param tenantId tenant
   * @param id connection
   * @param minutes how many minutes of attempts per minute to include
   * @return a Uni emitting the stats JSON ({@code docs/api.md}); fails with 404 for a connection
   *     the tenant does not have
   */
  public Uni<JsonObject> stats(String tenantId, UUID id, int minutes) {
    Instant now = clock.instant();
    return pool.preparedQuery(SQL.get("connection-state"))
        .execute(Tuple.of(id, tenantId))
        .chain(
            rows -> {
              Row c = one(rows, id);
              String account = c.getString("account_id");
              String lane = account == null ? null : Lanes.of(c.getString("crm"), account);
              JsonObject out = pauseJson(c).put("status", c.getString("status")).put("lane", lane);
              Uni<Void> live =
                  pool.preparedQuery(SQL.get("connection-live"))
                      .execute(Tuple.of(tenantId, id, lane, at(now.minusSeconds(60))))
                      .invoke(r -> live(out, r.iterator().next(), liveLoad(lane), now))
                      .replaceWithVoid();
              Uni<Void> series =
                  pool.preparedQuery(SQL.get("connection-series"))
                      .execute(Tuple.of(tenantId, id, at(now.minus(Duration.ofMinutes(minutes)))))
                      .invoke(r -> out.put("perMinute", series(r)))
                      .replaceWithVoid();
              return live.chain(() -> series).replaceWith(out);
            });
  }

  /** The pacer's load from this instance's connector, when it serves (served) the lane. */
  private LaneLoad liveLoad(String lane) {
    if (lane == null) {
      return null;
    }
    String crm = Lanes.crmOf(lane);
    return connectors.all().stream()
        .filter(c -> c.descriptor().crm().equals(crm))
        .findFirst()
        .flatMap(c -> c.laneLoad(lane))
        .orElse(null);
  }

  private static void live(JsonObject out, Row r, LaneLoad current, Instant now) {
    Object jobs = r.getValue("jobs");
    out.put("jobs", jobs instanceof JsonObject j ? j : new JsonObject());
    out.put(
        "lastMinute",
        new JsonObject()
            .put("delivered", r.getLong("delivered"))
            .put("failed", r.getLong("failed")));
    OffsetDateTime until = r.getOffsetDateTime("paused_until");
    out.put(
        "lanePause",
        until == null || !until.toInstant().isAfter(now)
            ? null
            : new JsonObject()
                .put("until", until.toInstant().toString())
                .put("reason", r.getString("pause_reason")));
    // This instance's pacer when it has one (live); else the snapshot the lane's last holder left.
    Object raw = r.getValue("load");
    LaneLoad stored = LaneLoad.fromJson(raw instanceof JsonObject j ? j : null);
    LaneLoad load = current == null ? stored : current;
    long limited =
        Math.max(load == null ? 0 : load.rateLimited(), stored == null ? 0 : stored.rateLimited());
    out.put("pacer", load == null ? null : pacer(load, limited, current != null, now));
  }

  private static JsonObject pacer(LaneLoad l, long rateLimited, boolean live, Instant now) {
    return new JsonObject()
        .put("allowance", l.allowance())
        .put("windowSeconds", l.window().toMillis() / 1000.0)
        .put("used", l.used())
        .put("share", Math.round(l.share() * 1000) / 1000.0)
        .put("ceiling", l.ceiling())
        .put("rateLimited", rateLimited)
        .put(
            "lastRateLimitedAt",
            l.lastRateLimitedAt() == null ? null : l.lastRateLimitedAt().toString())
        .put("live", live)
        .put("asOf", l.at().toString())
        .put("ageSeconds", Math.max(0, Duration.between(l.at(), now).toSeconds()));
  }

  private static JsonArray series(RowSet<Row> rows) {
    JsonArray out = new JsonArray();
    for (Row r : rows) {
      out.add(
          new JsonObject()
              .put("minute", Instant.ofEpochSecond(r.getLong("minute")).toString())
              .put("completed", r.getLong("completed"))
              .put("retried", r.getLong("retried"))
              .put("failed", r.getLong("failed")));
    }
    return out;
  }

  private static Row one(RowSet<Row> rows, UUID id) {
    if (rows.size() == 0) {
      throw GatewayException.notFound("connection", id.toString());
    }
    return rows.iterator().next();
  }

  private static JsonObject pauseJson(Row r) {
    OffsetDateTime at = r.getOffsetDateTime("paused_at");
    return new JsonObject()
        .put("connectionId", r.getUUID("id").toString())
        .put("paused", at != null)
        .put("pausedAt", at == null ? null : at.toInstant().toString());
  }

  private OffsetDateTime now() {
    return at(clock.instant());
  }

  private static OffsetDateTime at(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }
}

package com.queast.gateway.matching;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How identity matching went for one connection ({@code GET
 * /v1/tenants/{t}/connections/{c}/matching-report}): records auto-linked, waiting for review,
 * created, how operators decided the reviewed ones per score band, and a suggested auto-link
 * threshold when operators confirm nearly everything just below it. The suggestion is only ever
 * reported, never applied: the operator applies it with {@code PUT .../matching}.
 */
public final class MatchingReport {

  /** Decisions a band needs before it counts as evidence. */
  static final int MIN_DECISIONS = 20;

  /** Share of a band's decisions that must be confirmations as proposed. */
  static final double MIN_CONFIRMED = 0.97;

  private final Pool pool;

  /**
   * A report source.
   *
   * @param pool pool
   */
  public MatchingReport(Pool pool) {
    this.pool = pool;
  }

  /**
   * The report.
   *
   * @param tenantId tenant
   * @param connectionId connection
   * @param settings the connection's matching settings (current thresholds)
   * @return a Uni emitting {@code {connectionId, outcomes: {auto_linked, needs_review, confirmed,
   *     rejected, created}, byStrategy, bands: [{from, to, confirmed, relinked, rejected,
   *     waiting}], thresholds, suggestion}}
   */
  public Uni<JsonObject> report(String tenantId, UUID connectionId, MatchSettings settings) {
    Tuple key = Tuple.of(tenantId, connectionId);
    return pool.preparedQuery(BulkReview.SQL.get("report-outcomes"))
        .execute(key)
        .chain(
            outcomes ->
                pool.preparedQuery(BulkReview.SQL.get("report-created"))
                    .execute(key)
                    .chain(
                        created ->
                            pool.preparedQuery(BulkReview.SQL.get("report-bands"))
                                .execute(key)
                                .map(
                                    bands ->
                                        build(connectionId, settings, outcomes, created, bands))));
  }

  private static JsonObject build(
      UUID connectionId,
      MatchSettings settings,
      RowSet<Row> outcomes,
      RowSet<Row> created,
      RowSet<Row> bandRows) {
    JsonObject totals =
        new JsonObject()
            .put("auto_linked", 0L)
            .put("needs_review", 0L)
            .put("confirmed", 0L)
            .put("rejected", 0L);
    JsonObject byStrategy = new JsonObject();
    for (Row r : outcomes) {
      String state = r.getString("state");
      long n = r.getLong("n");
      totals.put(state, totals.getLong(state, 0L) + n);
      String strategy = r.getString("strategy").isEmpty() ? "none" : r.getString("strategy");
      JsonObject s = byStrategy.getJsonObject(strategy, new JsonObject());
      byStrategy.put(strategy, s.put(state, s.getLong(state, 0L) + n));
    }
    long made = 0;
    for (Row r : created) {
      made += r.getLong("n");
    }
    totals.put("created", made);
    List<Band> bands = new ArrayList<>();
    JsonArray bandJson = new JsonArray();
    for (Row r : bandRows) {
      Band b =
          new Band(
              r.getInteger("band"),
              r.getLong("confirmed"),
              r.getLong("relinked"),
              r.getLong("rejected"),
              r.getLong("waiting"));
      bands.add(b);
      bandJson.add(b.json());
    }
    MatchThresholds t = settings.thresholds();
    return new JsonObject()
        .put("connectionId", connectionId.toString())
        .put("outcomes", totals)
        .put("byStrategy", byStrategy)
        .put("bands", bandJson)
        .put(
            "thresholds",
            new JsonObject().put("autoLink", t.autoLink()).put("reviewFloor", t.reviewFloor()))
        .put("suggestion", suggest(bands, t.autoLink()));
  }

  /**
   * Walks down from the auto-link threshold while each band below it has enough decisions and
   * nearly all of them confirm the proposal; the lowest such band's lower edge is the suggestion.
   * One band that falls short ends the walk: a threshold below it would auto-link what operators
   * corrected.
   */
  static JsonObject suggest(List<Band> bandsHighFirst, double autoLink) {
    Band lowest = null;
    for (Band b : bandsHighFirst) {
      if (b.from() >= autoLink - 1e-9) {
        continue;
      }
      if (b.decided() < MIN_DECISIONS || b.confirmedShare() < MIN_CONFIRMED) {
        break;
      }
      lowest = b;
    }
    if (lowest == null) {
      return null;
    }
    return new JsonObject()
        .put("autoLink", lowest.from())
        .put(
            "reason",
            String.format(
                java.util.Locale.ROOT,
                "operators confirmed at least %.0f%% of at least %d decisions in every score band"
                    + " from %.2f up to the current auto-link threshold %.2f",
                MIN_CONFIRMED * 100,
                MIN_DECISIONS,
                lowest.from(),
                autoLink))
        .put(
            "apply",
            "PUT /v1/tenants/{t}/connections/{c}/matching {\"autoLink\": " + lowest.from() + "}");
  }

  /** One score band of width 0.05 and what operators decided in it. */
  record Band(int index, long confirmed, long relinked, long rejected, long waiting) {
    double from() {
      return Math.round(index * 5) / 100.0;
    }

    double to() {
      return Math.round((index + 1) * 5) / 100.0;
    }

    long decided() {
      return confirmed + relinked + rejected;
    }

    double confirmedShare() {
      return decided() == 0 ? 0 : (double) confirmed / decided();
    }

    JsonObject json() {
      return new JsonObject()
          .put("from", from())
          .put("to", to())
          .put("confirmed", confirmed)
          .put("relinked", relinked)
          .put("rejected", rejected)
          .put("waiting", waiting);
    }
  }
}

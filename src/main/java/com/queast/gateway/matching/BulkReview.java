package com.queast.gateway.matching;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.db.SqlStatements;
import com.queast.gateway.jobqueue.JobStore;
import com.queast.gateway.jobqueue.NewJob;
import com.queast.gateway.record.RecordStore;
import com.queast.gateway.tenant.Connection;
import com.queast.gateway.tenant.ConnectionStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles every match a filter selects with one call ({@code POST /v1/tenants/{t}/matches:decide}):
 * each match gets exactly the effect a single confirm or reject has (state, decided time, a
 * rejection forgets the delivered state, and the record's delivery runs again now), one statement
 * per page of {@value #PAGE} matches rather than one round trip per match.
 */
public final class BulkReview {

  /** Named statements of {@code sql/review.sql}. */
  public static final SqlStatements SQL = SqlStatements.load("/sql/review.sql");

  /** Matches decided per statement. */
  static final int PAGE = 500;

  /** Most matches one call decides; a larger selection is settled by calling again. */
  static final int MAX = 100_000;

  /**
   * What to decide.
   *
   * @param state the state the matches are in now ({@code needs_review} or {@code auto_linked})
   * @param connectionId only this connection's, or null
   * @param strategy only matches found by this strategy ({@code name}, {@code domain}, ...), or
   *     null
   * @param minScore lowest score, inclusive, or null
   * @param maxScore highest score, inclusive, or null
   */
  public record Filter(
      String state, UUID connectionId, String strategy, Double minScore, Double maxScore) {}

  private static final Logger LOG = LoggerFactory.getLogger(BulkReview.class);
  private static final String LEARNING_FAILED = "could not learn from review decisions";

  private final Pool pool;
  private final ConnectionStore connections;
  private final RecordStore records;
  private final JobStore jobs;
  private final Clock clock;
  private volatile ReviewLearning learning;

  /**
   * Lets decisions teach the matcher: after each page (and each single decision) the rules the
   * decisions teach are stored and applied to the reviews still waiting.
   *
   * @param learning the learning step, or null for none
   */
  public void learnWith(ReviewLearning learning) {
    this.learning = learning;
  }

  /**
   * Learns from decided matches, when learning is on.
   *
   * @param tenantId tenant
   * @param matchIds decided matches
   * @param source {@code confirm}, {@code relink} or {@code reject}
   * @return a Uni emitting how many waiting reviews the new rules settled
   */
  Uni<Integer> learn(String tenantId, List<Long> matchIds, String source) {
    ReviewLearning l = learning;
    if (l == null) {
      return Uni.createFrom().item(0);
    }
    // The decisions are committed: a failure to learn from them is logged, never answered as the
    // decision's failure (the operator would retry a decision that was taken).
    return l.learn(tenantId, matchIds, source)
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.warn(LEARNING_FAILED, kv("tenant", tenantId), kv("error", String.valueOf(e)));
              return 0;
            });
  }

  /**
   * Bulk decisions.
   *
   * @param pool pool
   * @param connections connections (lanes of re-delivered records)
   * @param records records (delivery jobs)
   * @param jobs job queue
   * @param clock time source
   */
  public BulkReview(
      Pool pool, ConnectionStore connections, RecordStore records, JobStore jobs, Clock clock) {
    this.pool = pool;
    this.connections = connections;
    this.records = records;
    this.jobs = jobs;
    this.clock = clock;
  }

  /**
   * Decides every match the filter selects, page by page.
   *
   * @param tenantId tenant
   * @param filter which matches
   * @param action {@code confirm} or {@code reject}
   * @return a Uni emitting how many matches changed; fails with 400 naming a bad field
   */
  public Uni<Integer> decide(String tenantId, Filter filter, String action) {
    String target =
        switch (action == null ? "" : action) {
          case "confirm" -> "confirmed";
          case "reject" -> "rejected";
          default ->
              throw GatewayException.validation(
                  "invalid action",
                  List.of(new FieldError("action", "enum", "action is confirm or reject")));
        };
    return page(tenantId, filter, target, 0);
  }

  private Uni<Integer> page(String tenantId, Filter f, String target, int done) {
    if (done >= MAX) {
      return Uni.createFrom().item(done);
    }
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    Tuple args =
        Tuple.tuple(
            Arrays.asList(
                tenantId,
                f.state(),
                f.connectionId(),
                f.strategy(),
                f.minScore(),
                f.maxScore(),
                target,
                now,
                Math.min(PAGE, MAX - done)));
    List<Long> ids = new ArrayList<>();
    return pool.withTransaction(
            tx ->
                tx.preparedQuery(SQL.get("decide-matches"))
                    .execute(args)
                    .chain(
                        rows -> {
                          List<Decided> decided = new ArrayList<>();
                          for (Row r : rows) {
                            ids.add(r.getLong("id"));
                            decided.add(
                                new Decided(
                                    r.getUUID("connection_id"),
                                    r.getString("record_type"),
                                    r.getString("record_id")));
                          }
                          if (decided.isEmpty() || !"rejected".equals(target)) {
                            return Uni.createFrom().item(decided);
                          }
                          return forget(tx, decided).replaceWith(decided);
                        }))
        .chain(decided -> redeliver(tenantId, decided, now).replaceWith(decided.size()))
        .call(() -> learn(tenantId, ids, "rejected".equals(target) ? "reject" : "confirm"))
        .chain(
            n -> n < PAGE ? Uni.createFrom().item(done + n) : page(tenantId, f, target, done + n));
  }

  /**
   * Enqueues the decided records' deliveries (coalescing with pending ones) and makes them due now:
   * a record snoozed while it waited for review runs at once. One statement per step for the whole
   * list; a single decision ({@link ReviewQueue}) is a list of one.
   *
   * @param tenantId tenant
   * @param decided the records whose match was decided
   * @param now the decision's time
   * @return a Uni that completes when the deliveries are enqueued and due
   */
  Uni<Void> redeliver(String tenantId, List<Decided> decided, OffsetDateTime now) {
    if (decided.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Map<UUID, Optional<Connection>> lanes = new HashMap<>();
    Uni<Void> lookups = Uni.createFrom().voidItem();
    for (UUID c : decided.stream().map(Decided::connectionId).distinct().toList()) {
      lookups =
          lookups
              .chain(() -> connections.get(tenantId, c).invoke(o -> lanes.put(c, o)))
              .replaceWithVoid();
    }
    return lookups
        .chain(
            () ->
                pool.preparedQuery(SQL.get("record-hashes"))
                    .execute(
                        Tuple.of(
                            tenantId,
                            decided.stream().map(Decided::recordType).toArray(String[]::new),
                            decided.stream().map(Decided::recordId).toArray(String[]::new))))
        .chain(
            rows -> {
              Map<String, String> hashes = new LinkedHashMap<>();
              rows.forEach(
                  r ->
                      hashes.put(
                          r.getString("record_type") + "/" + r.getString("record_id"),
                          r.getString("content_hash")));
              List<NewJob> due = new ArrayList<>();
              for (Decided d : decided) {
                Connection c = lanes.get(d.connectionId()).orElse(null);
                String hash = hashes.get(d.recordType() + "/" + d.recordId());
                if (c != null && c.lane() != null && hash != null) {
                  due.add(
                      records.deliverJob(
                          tenantId,
                          d.connectionId(),
                          c.lane(),
                          d.recordType(),
                          d.recordId(),
                          hash));
                }
              }
              return due.isEmpty()
                  ? Uni.createFrom().voidItem()
                  : jobs.enqueue(pool, due).replaceWithVoid();
            })
        .chain(
            () ->
                pool.preparedQuery(SQL.get("make-records-due"))
                    .execute(
                        Tuple.of(
                            tenantId,
                            now,
                            decided.stream().map(Decided::connectionId).toArray(UUID[]::new),
                            decided.stream().map(Decided::recordType).toArray(String[]::new),
                            decided.stream().map(Decided::recordId).toArray(String[]::new))))
        .replaceWithVoid();
  }

  /**
   * Forgets the delivered state of rejected records, so their next delivery resolves them again.
   *
   * @param tx the deciding transaction
   * @param decided the rejected records
   * @return a Uni that completes when done
   */
  Uni<Void> forget(SqlClient tx, List<Decided> decided) {
    return tx.preparedQuery(SQL.get("forget-deliveries"))
        .execute(columns(decided))
        .replaceWithVoid();
  }

  private static Tuple columns(List<Decided> decided) {
    return Tuple.of(
        decided.stream().map(Decided::connectionId).toArray(UUID[]::new),
        decided.stream().map(Decided::recordType).toArray(String[]::new),
        decided.stream().map(Decided::recordId).toArray(String[]::new));
  }

  /** A record whose match was decided, on one connection. */
  record Decided(UUID connectionId, String recordType, String recordId) {}
}

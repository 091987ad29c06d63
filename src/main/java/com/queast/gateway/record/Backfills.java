package com.queast.gateway.record;

import com.queast.gateway.jobqueue.JobStore;
import com.queast.gateway.jobqueue.NewJob;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Durable backfills: enqueueing every current record of a tenant for one connection, as a row with
 * a keyset cursor that advances in the same transaction as each page's jobs. Starting one answers
 * at once; a runner ({@link BackfillVerticle}) pages through the records under a lease, so a
 * 100,000-record backfill neither holds an HTTP request nor is lost when an instance stops: another
 * instance takes the expired lease and carries on from the cursor. A new backfill of the same
 * connection supersedes the running one (it starts from the first record again, so nothing the
 * older one already passed misses a later mapping change).
 */
public final class Backfills {

  /** How long a runner holds a backfill between two pages. */
  public static final Duration LEASE = Duration.ofSeconds(30);

  private final Pool pool;
  private final JobStore jobs;
  private final RecordStore records;
  private final Clock clock;

  /**
   * Backfills.
   *
   * @param pool pool
   * @param jobs job queue
   * @param records records (job shape)
   * @param clock time source
   */
  public Backfills(Pool pool, JobStore jobs, RecordStore records, Clock clock) {
    this.pool = pool;
    this.jobs = jobs;
    this.records = records;
    this.clock = clock;
  }

  /**
   * A backfill's state.
   *
   * @param id id
   * @param tenantId tenant
   * @param connectionId connection
   * @param lane the connection's lane
   * @param reason why it was started ({@code connect}, {@code index_complete}, {@code api})
   * @param state {@code running}, {@code done} or {@code superseded}
   * @param pageSize records per page
   * @param afterType cursor: last record type enqueued
   * @param afterId cursor: last record id enqueued
   * @param enqueued jobs enqueued so far
   * @param createdAt started
   * @param finishedAt ended, or null
   */
  public record Backfill(
      long id,
      String tenantId,
      UUID connectionId,
      String lane,
      String reason,
      String state,
      int pageSize,
      String afterType,
      String afterId,
      long enqueued,
      OffsetDateTime createdAt,
      OffsetDateTime finishedAt) {

    static Backfill of(Row r) {
      return new Backfill(
          r.getLong("id"),
          r.getString("tenant_id"),
          r.getUUID("connection_id"),
          r.getString("lane"),
          r.getString("reason"),
          r.getString("state"),
          r.getInteger("page_size"),
          r.getString("after_type"),
          r.getString("after_id"),
          r.getLong("enqueued"),
          r.getOffsetDateTime("created_at"),
          r.getOffsetDateTime("finished_at"));
    }

    /**
     * The API view.
     *
     * @return JSON
     */
    public JsonObject toJson() {
      return new JsonObject()
          .put("backfillId", id)
          .put("connectionId", connectionId.toString())
          .put("reason", reason)
          .put("state", state)
          .put("enqueued", enqueued)
          .put("createdAt", createdAt.toInstant().toString())
          .put("finishedAt", finishedAt == null ? null : finishedAt.toInstant().toString());
    }
  }

  /**
   * Starts a backfill of a connection (superseding a running one). It runs in the background.
   *
   * @param tenantId tenant
   * @param connectionId connection
   * @param lane the connection's lane
   * @param reason why
   * @param pageSize records per page
   * @return a Uni emitting the new backfill
   */
  public Uni<Backfill> start(
      String tenantId, UUID connectionId, String lane, String reason, int pageSize) {
    OffsetDateTime now = now();
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(RecordStore.SQL.get("backfill-supersede"))
                .execute(Tuple.of(tenantId, connectionId, now))
                .chain(
                    () ->
                        tx.preparedQuery(RecordStore.SQL.get("backfill-insert"))
                            .execute(
                                Tuple.from(
                                    List.of(tenantId, connectionId, lane, reason, pageSize, now))))
                .map(rows -> Backfill.of(rows.iterator().next())));
  }

  /**
   * One backfill of a connection.
   *
   * @param tenantId tenant
   * @param connectionId connection
   * @param id backfill id
   * @return a Uni emitting it when it exists there
   */
  public Uni<Optional<Backfill>> get(String tenantId, UUID connectionId, long id) {
    return pool.preparedQuery(RecordStore.SQL.get("backfill-get"))
        .execute(Tuple.of(tenantId, connectionId, id))
        .map(Backfills::first);
  }

  /**
   * Leases one running backfill nobody holds.
   *
   * @param owner this runner
   * @return a Uni emitting it, or empty when there is none
   */
  public Uni<Optional<Backfill>> claim(String owner) {
    OffsetDateTime now = now();
    return pool.preparedQuery(RecordStore.SQL.get("backfill-claim"))
        .execute(Tuple.of(owner, now, now.plus(LEASE)))
        .map(Backfills::first);
  }

  /**
   * Enqueues the next page of a leased backfill and advances its cursor in one transaction.
   *
   * @param id the backfill
   * @param owner the runner holding it
   * @return a Uni emitting the backfill after the page (state {@code done} after the last page), or
   *     empty when the runner no longer holds it (superseded, or its lease was taken)
   */
  public Uni<Optional<Backfill>> step(long id, String owner) {
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(RecordStore.SQL.get("backfill-lock"))
                .execute(Tuple.of(id, owner))
                .chain(
                    locked -> {
                      Optional<Backfill> held = first(locked);
                      if (held.isEmpty()) {
                        return Uni.createFrom().item(Optional.<Backfill>empty());
                      }
                      Backfill b = held.get();
                      return tx.preparedQuery(RecordStore.SQL.get("backfill-page"))
                          .execute(Tuple.of(b.tenantId(), b.afterType(), b.afterId(), b.pageSize()))
                          .chain(
                              rows -> {
                                List<NewJob> page = new ArrayList<>(rows.size());
                                String lastType = b.afterType();
                                String lastId = b.afterId();
                                for (Row r : rows) {
                                  lastType = r.getString("record_type");
                                  lastId = r.getString("record_id");
                                  page.add(
                                      records.deliverJob(
                                          b.tenantId(),
                                          b.connectionId(),
                                          b.lane(),
                                          lastType,
                                          lastId,
                                          r.getString("content_hash")));
                                }
                                OffsetDateTime now = now();
                                Tuple advance =
                                    Tuple.from(
                                        List.of(
                                            id,
                                            lastType,
                                            lastId,
                                            (long) page.size(),
                                            now.plus(LEASE),
                                            now,
                                            page.size() < b.pageSize()));
                                return jobs.enqueue(tx, page)
                                    .chain(
                                        e ->
                                            tx.preparedQuery(
                                                    RecordStore.SQL.get("backfill-advance"))
                                                .execute(advance))
                                    .map(Backfills::first);
                              });
                    }));
  }

  /**
   * Runs a leased backfill to its end, page by page.
   *
   * @param id the backfill
   * @param owner the runner holding it
   * @return a Uni emitting the backfill as it ended, or empty when the runner lost it on the way
   */
  public Uni<Optional<Backfill>> runToEnd(long id, String owner) {
    return step(id, owner)
        .chain(
            b ->
                b.isPresent() && "running".equals(b.get().state())
                    ? runToEnd(id, owner)
                    : Uni.createFrom().item(b));
  }

  private static Optional<Backfill> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(Backfill.of(it.next())) : Optional.empty();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}

package com.queast.gateway.record;

import com.queast.gateway.jobqueue.JobStore;
import io.smallrye.mutiny.Multi;
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
  private final int maxAttempts;
  private final Clock clock;

  /**
   * Backfills.
   *
   * @param pool pool
   * @param maxAttempts attempt limit of the delivery jobs it enqueues
   * @param clock time source
   */
  public Backfills(Pool pool, int maxAttempts, Clock clock) {
    this.pool = pool;
    this.maxAttempts = maxAttempts;
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
   * Enqueues the next page of a leased backfill and advances its cursor: one statement ({@code
   * backfill-step}), so one transaction, whatever the page size. The page's records are selected,
   * their jobs written (coalescing with pending jobs as {@link JobStore#enqueue} does) and the lane
   * nudged inside the database; nothing of the page is loaded into the gateway.
   *
   * @param id the backfill
   * @param owner the runner holding it
   * @return a Uni emitting the backfill after the page (state {@code done} after the last page), or
   *     empty when the runner no longer holds it (superseded, or its lease was taken)
   */
  public Uni<Optional<Backfill>> step(long id, String owner) {
    OffsetDateTime now = now();
    Tuple args =
        Tuple.from(
            List.of(
                id,
                owner,
                now,
                now.plus(LEASE),
                maxAttempts,
                RecordType.COMPANY.priority(),
                RecordType.PERSON.priority(),
                RecordType.SIGNAL.priority()));
    return pool.preparedQuery(RecordStore.SQL.get("backfill-step"))
        .execute(args)
        .map(Backfills::first);
  }

  /**
   * Runs a leased backfill to its end, page by page (a loop, not a recursion: a 1,000,000-record
   * backfill is 1,000 pages).
   *
   * @param id the backfill
   * @param owner the runner holding it
   * @return a Uni emitting the backfill as it ended, or empty when the runner lost it on the way
   */
  public Uni<Optional<Backfill>> runToEnd(long id, String owner) {
    return Multi.createBy()
        .repeating()
        .uni(() -> step(id, owner))
        .whilst(b -> b.isPresent() && "running".equals(b.get().state()))
        .collect()
        .last()
        .map(b -> b == null ? Optional.<Backfill>empty() : b);
  }

  private static Optional<Backfill> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(Backfill.of(it.next())) : Optional.empty();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}

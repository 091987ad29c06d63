package com.queast.gateway.matching;

import com.queast.gateway.db.SqlStatements;
import com.queast.gateway.inbound.InboundStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory {@link CrmIndex} of each connection, loaded from {@code crm_records} (off the event
 * loop: building a 100,000-record index is CPU work) and topped up incrementally with rows newer
 * than the last read, at most every {@link #REFRESH}. {@code crm_records} is fed by paged pulls
 * from the CRM, by our own writes and by webhooks, so every instance converges on the same index.
 */
public final class ConnectionIndexes {

  /** The statement file, for start-up verification. */
  public static final SqlStatements SQL = SqlStatements.load("/sql/matching.sql");

  /** How often an instance looks for rows other instances added. */
  public static final Duration REFRESH = Duration.ofSeconds(5);

  private static final class Holder {
    final CrmIndex index;
    volatile OffsetDateTime readUpTo = OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC);
    volatile Instant checkedAt = Instant.EPOCH;
    final java.util.concurrent.atomic.AtomicReference<Uni<Holder>> inFlight =
        new java.util.concurrent.atomic.AtomicReference<>();

    Holder(CrmIndex index) {
      this.index = index;
    }
  }

  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final Normalizers normalizers;
  private final Map<UUID, Uni<Holder>> holders = new ConcurrentHashMap<>();

  /**
   * Indexes over the shared pool.
   *
   * @param vertx Vert.x (blocking index builds)
   * @param pool pool
   * @param clock time source
   * @param normalizers shared normalisers
   */
  public ConnectionIndexes(Vertx vertx, Pool pool, Clock clock, Normalizers normalizers) {
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
    this.normalizers = normalizers;
  }

  /**
   * The current index of a connection.
   *
   * @param connectionId connection
   * @return a Uni emitting the index, fresh to within {@link #REFRESH}
   */
  public Uni<CrmIndex> index(UUID connectionId) {
    Uni<Holder> h =
        holders.computeIfAbsent(
            connectionId,
            id ->
                Uni.createFrom()
                    .item(new Holder(new CrmIndex(normalizers)))
                    .memoize()
                    .indefinitely());
    return h.chain(holder -> refresh(connectionId, holder)).map(holder -> holder.index);
  }

  /**
   * Tops the index up when {@link #REFRESH} has passed. Every caller that comes while a refresh is
   * running waits for that refresh: nobody matches against an index that is still being loaded
   * (before, the first caller of a batch set the check time and the others matched against the
   * empty index, so a record whose CRM twin was in {@code crm_records} could be created again).
   */
  private Uni<Holder> refresh(UUID connectionId, Holder h) {
    Uni<Holder> running = h.inFlight.get();
    if (running != null) {
      return running;
    }
    Instant now = clock.instant();
    if (h.checkedAt.plus(REFRESH).isAfter(now)) {
      return Uni.createFrom().item(h);
    }
    Uni<Holder> load =
        load(connectionId, h)
            .onFailure()
            .invoke(t -> h.checkedAt = Instant.EPOCH)
            .eventually(() -> h.inFlight.set(null))
            .memoize()
            .indefinitely();
    if (!h.inFlight.compareAndSet(null, load)) {
      return refresh(connectionId, h);
    }
    h.checkedAt = now;
    return load;
  }

  private Uni<Holder> load(UUID connectionId, Holder h) {
    return pool.preparedQuery(SQL.get("crm-records-since"))
        .execute(Tuple.of(connectionId, h.readUpTo))
        .chain(
            rows -> {
              if (rows.size() == 0) {
                return Uni.createFrom().item(h);
              }
              List<CrmRecord> records = new ArrayList<>(rows.size());
              List<CrmRecord> gone = new ArrayList<>();
              OffsetDateTime last = h.readUpTo;
              for (Row r : rows) {
                (Boolean.TRUE.equals(r.getBoolean("deleted")) ? gone : records).add(fromRow(r));
                last = r.getOffsetDateTime("updated_at");
              }
              OffsetDateTime upTo = last;
              // Building index entries normalises names and domains: CPU work kept off the event
              // loop.
              return vertx
                  .executeBlocking(
                      () -> {
                        synchronized (h.index) {
                          records.forEach(h.index::put);
                          gone.forEach(g -> h.index.remove(g.kind(), g.crmId()));
                        }
                        return h;
                      },
                      true)
                  .invoke(x -> h.readUpTo = upTo);
            });
  }

  /**
   * Runs CPU work of matching (the candidate search of a batch) on a worker thread, unordered, and
   * emits its result back on the caller's context: an event loop is not held for it.
   *
   * @param work the work
   * @param <T> its result
   * @return a Uni emitting the result
   */
  public <T> Uni<T> offEventLoop(java.util.concurrent.Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }

  /**
   * Adds records to a connection's index now (our own writes) and to {@code crm_records} (other
   * instances).
   *
   * @param connectionId connection
   * @param source pull, write or webhook
   * @param records records
   * @return a Uni completing when stored
   */
  public Uni<Void> add(UUID connectionId, String source, List<CrmRecord> records) {
    if (records.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int n = records.size();
    String[][] cols = new String[11][n];
    for (int i = 0; i < n; i++) {
      CrmRecord r = records.get(i);
      cols[0][i] = r.kind().column();
      cols[1][i] = r.crmId();
      cols[2][i] = r.queastId();
      cols[3][i] = r.name();
      cols[4][i] = r.domain();
      cols[5][i] = r.linkedin();
      cols[6][i] = r.email();
      cols[7][i] = r.country();
      cols[8][i] = r.city();
      cols[9][i] = r.phone();
      cols[10][i] = r.companyCrmId();
    }
    List<Object> args = new ArrayList<>();
    args.add(connectionId);
    args.add(source);
    args.add(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    for (String[] c : cols) {
      args.add(c);
    }
    Uni<Holder> h = holders.get(connectionId);
    // The index takes the rows as stored, not as given: a pull that does not see a field (a
    // queast_id the CRM does not return, say) keeps what the row already knew (COALESCE), and the
    // in-memory entry must not lose it either.
    return pool.preparedQuery(SQL.get("upsert-crm-records"))
        .execute(Tuple.tuple(args))
        .chain(
            rows -> {
              if (h == null) {
                return Uni.createFrom().voidItem();
              }
              List<CrmRecord> stored = new ArrayList<>(rows.size());
              for (Row r : rows) {
                stored.add(fromRow(r));
              }
              return h.invoke(
                      holder -> {
                        synchronized (holder.index) {
                          stored.forEach(holder.index::put);
                        }
                      })
                  .replaceWithVoid();
            });
  }

  /**
   * Marks a CRM record deleted (a deletion webhook): it leaves this instance's index now and other
   * instances' at their next refresh; a later pull or write of the same id brings it back.
   *
   * @param connectionId connection
   * @param kind company or person
   * @param crmId CRM id
   * @return a Uni completing when stored
   */
  public Uni<Void> remove(UUID connectionId, RecordKind kind, String crmId) {
    return pool.preparedQuery(InboundStore.SQL.get("delete-crm-record"))
        .execute(
            Tuple.of(
                connectionId,
                kind.column(),
                crmId,
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
        .chain(() -> forget(connectionId, kind, List.of(crmId)))
        .replaceWithVoid();
  }

  /**
   * Marks deleted the index entries of one kind that a full listing started at {@code listedSince}
   * did not refresh, and nothing else did since: records deleted in the CRM without a webhook
   * reaching us (a lost webhook; pulls list live records only).
   *
   * @param connectionId connection
   * @param kind company or person
   * @param listedSince when the full listing started
   * @return a Uni emitting how many entries were marked deleted
   */
  public Uni<Integer> sweep(UUID connectionId, RecordKind kind, java.time.Instant listedSince) {
    return pool.preparedQuery(SQL.get("sweep-crm-records"))
        .execute(
            Tuple.of(
                connectionId,
                kind.column(),
                OffsetDateTime.ofInstant(listedSince, ZoneOffset.UTC),
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
        .chain(
            rows -> {
              List<String> gone = new ArrayList<>();
              rows.forEach(r -> gone.add(r.getString("crm_id")));
              return forget(connectionId, kind, gone).replaceWith(gone.size());
            });
  }

  /** Drops records from this instance's loaded index, if it has one (others refresh from rows). */
  private Uni<Void> forget(UUID connectionId, RecordKind kind, List<String> crmIds) {
    Uni<Holder> h = holders.get(connectionId);
    if (h == null || crmIds.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return h.invoke(
            holder -> {
              synchronized (holder.index) {
                crmIds.forEach(id -> holder.index.remove(kind, id));
              }
            })
        .replaceWithVoid();
  }

  private static CrmRecord fromRow(Row r) {
    return new CrmRecord(
        RecordKind.of(r.getString("kind")),
        r.getString("crm_id"),
        r.getString("queast_id"),
        r.getString("name"),
        r.getString("domain"),
        r.getString("linkedin"),
        r.getString("email"),
        r.getString("country"),
        r.getString("city"),
        null,
        null,
        r.getString("phone"),
        r.getString("company_crm_id"));
  }
}

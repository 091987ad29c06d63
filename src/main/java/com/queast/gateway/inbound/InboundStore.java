package com.queast.gateway.inbound;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.queast.gateway.connector.WebhookConnections;
import com.queast.gateway.db.SqlStatements;
import com.queast.gateway.tenant.Connection;
import com.queast.gateway.tenant.ConnectionStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable inbound events: stored with their processing jobs in one transaction before the webhook
 * is answered, deduplicated on (connection, vendor event id), read back per CRM record by the job.
 */
public final class InboundStore {

  /** The statement file, for start-up verification. */
  public static final SqlStatements SQL = SqlStatements.load("/sql/inbound.sql");

  /** Inbound jobs run before deliveries (the index they refresh is what matching reads). */
  public static final int PRIORITY = 50;

  /**
   * How often receipt notifies one lane at most. A transaction that sends a NOTIFY holds a
   * database-wide lock from its commit until the commit is flushed, so receipt groups that each
   * notified their lane committed one after another (pg_stat_activity during hubspot_webhooks.py:
   * {@code Lock:object} was the receipt statement's most sampled wait after the WAL flush). A group
   * whose lane was notified less than this ago leaves it out, and one trailing notification follows
   * for the lanes left out.
   */
  static final Duration NUDGE_EVERY = Duration.ofMillis(100);

  private static final Logger LOG = LoggerFactory.getLogger(InboundStore.class);
  private static final String NUDGE_FAILED = "trailing lane notification failed; workers poll";

  private final Pool pool;
  private final Pool receipt;
  private final long nudgeEveryNanos;
  private final Map<String, Long> nudgedAt = new HashMap<>();
  private final Set<String> owed = new HashSet<>();
  private final Clock clock;
  private final int maxAttempts;

  /**
   * A store.
   *
   * @param pool pool
   * @param clock time source
   * @param maxAttempts attempt limit of inbound jobs
   */
  public InboundStore(Pool pool, Clock clock, int maxAttempts) {
    this(pool, pool, clock, maxAttempts);
  }

  /**
   * A store whose webhook receipt ({@link #accept}, {@link #connectionsByAccounts}, {@link
   * #connectionsByIdPrefix}) runs on connections of its own, so it never queues behind delivery.
   *
   * @param pool shared pool (processing, operations views)
   * @param receipt pool reserved for receipt ({@link ReceiptPool})
   * @param clock time source
   * @param maxAttempts attempt limit of inbound jobs
   */
  public InboundStore(Pool pool, Pool receipt, Clock clock, int maxAttempts) {
    this(pool, receipt, clock, maxAttempts, NUDGE_EVERY);
  }

  /** A store with another notification interval (tests). */
  InboundStore(Pool pool, Pool receipt, Clock clock, int maxAttempts, Duration nudgeEvery) {
    this.nudgeEveryNanos = nudgeEvery.toNanos();
    this.pool = pool;
    this.receipt = receipt;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
  }

  /**
   * Stores events (duplicates are skipped) and enqueues one coalescing {@code inbound} job per
   * (connection, CRM record) that got a new event, in one transaction.
   *
   * @param events accepted events
   * @return a Uni emitting how many events were new
   */
  public Uni<Integer> accept(List<InboundEvent> events) {
    return acceptAll(List.of(events)).map(counts -> counts.get(0));
  }

  /**
   * Stores the events of several webhook requests in one statement (so one transaction): their
   * events, their jobs and the lane nudges (group commit, {@link ReceiptBatcher}). An event that is
   * in two of the requests (a vendor retry racing its original) counts as new in the first.
   *
   * @param requests the events of each request
   * @return a Uni emitting, per request in order, how many of its events were new; it fails (and
   *     nothing is stored) if the transaction does
   */
  public Uni<List<Integer>> acceptAll(List<List<InboundEvent>> requests) {
    List<InboundEvent> events = new ArrayList<>();
    Map<String, Integer> owner = new HashMap<>();
    for (int r = 0; r < requests.size(); r++) {
      for (InboundEvent e : requests.get(r)) {
        events.add(e);
        owner.putIfAbsent(e.connectionId() + " " + e.eventKey(), r);
      }
    }
    if (events.isEmpty()) {
      return Uni.createFrom().item(java.util.Collections.nCopies(requests.size(), 0));
    }
    int n = events.size();
    String[] tenants = new String[n];
    UUID[] conns = new UUID[n];
    String[] crms = new String[n];
    String[] keys = new String[n];
    String[] kinds = new String[n];
    String[] ids = new String[n];
    String[] actions = new String[n];
    String[] props = new String[n];
    String[] values = new String[n];
    OffsetDateTime[] times = new OffsetDateTime[n];
    JsonObject[] payloads = new JsonObject[n];
    String[] lanes = new String[n];
    for (int i = 0; i < n; i++) {
      InboundEvent e = events.get(i);
      tenants[i] = e.tenantId();
      conns[i] = e.connectionId();
      crms[i] = e.crm();
      keys[i] = e.eventKey();
      kinds[i] = e.kind();
      ids[i] = e.crmId();
      actions[i] = e.action();
      props[i] = e.propertyName();
      values[i] = e.propertyValue();
      times[i] = OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC);
      payloads[i] = e.payload();
      lanes[i] = e.lane();
    }
    Instant now = clock.instant();
    List<String> skipped = new ArrayList<>();
    String[] nudge = nudgeNow(lanes, skipped);
    Tuple args =
        Tuple.tuple(
            List.of(
                tenants,
                conns,
                crms,
                keys,
                kinds,
                ids,
                actions,
                props,
                values,
                times,
                payloads,
                OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                lanes,
                maxAttempts,
                PRIORITY,
                nudge));
    // One statement (events, jobs, lane nudges): one transaction, one round trip.
    return receipt
        .preparedQuery(SQL.get("insert-events"))
        .execute(args)
        .map(
            rows -> {
              int[] fresh = new int[requests.size()];
              for (Row r : rows) {
                fresh[owner.get(r.getUUID("connection_id") + " " + r.getString("event_key"))]++;
              }
              List<Integer> out = new ArrayList<>(fresh.length);
              for (int f : fresh) {
                out.add(f);
              }
              if (rows.size() > 0 && !skipped.isEmpty()) {
                owe(skipped);
              }
              return out;
            });
  }

  /** The lanes of a group to notify in its statement now; the others go to {@code skipped}. */
  private synchronized String[] nudgeNow(String[] lanes, List<String> skipped) {
    long now = System.nanoTime();
    Set<String> distinct = new LinkedHashSet<>(Arrays.asList(lanes));
    List<String> notify = new ArrayList<>();
    for (String lane : distinct) {
      Long at = nudgedAt.get(lane);
      if (at == null || now - at >= nudgeEveryNanos) {
        nudgedAt.put(lane, now);
        notify.add(lane);
      } else {
        skipped.add(lane);
      }
    }
    if (nudgedAt.size() > 10_000) {
      nudgedAt.values().removeIf(at -> now - at >= nudgeEveryNanos);
    }
    return notify.toArray(new String[0]);
  }

  /**
   * Lanes left out of a committed group's notifications get one trailing notification, {@link
   * #NUDGE_EVERY} later (a lane already owed one is not scheduled twice). Sent after the group
   * committed, so a worker it wakes sees the group's jobs; a lost one costs latency only (workers
   * also poll).
   */
  private void owe(List<String> lanes) {
    List<String> fresh = new ArrayList<>();
    synchronized (this) {
      for (String lane : lanes) {
        if (owed.add(lane)) {
          fresh.add(lane);
        }
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    Uni.createFrom()
        .voidItem()
        .onItem()
        .delayIt()
        .by(Duration.ofNanos(nudgeEveryNanos))
        .chain(
            () -> {
              synchronized (this) {
                owed.removeAll(fresh);
                long now = System.nanoTime();
                fresh.forEach(l -> nudgedAt.put(l, now));
              }
              return receipt
                  .preparedQuery(SQL.get("nudge-lanes"))
                  .execute(Tuple.of(fresh.toArray(new String[0])));
            })
        .subscribe()
        .with(x -> {}, t -> LOG.debug(NUDGE_FAILED, kv("error", t.toString())));
  }

  /**
   * A received event waiting for its job.
   *
   * @param id row id
   * @param crm connector id
   * @param action create, change or delete
   * @param propertyName changed property or null
   * @param propertyValue its value or null
   * @param payload the event as received
   */
  public record Pending(
      long id,
      String crm,
      String action,
      String propertyName,
      String propertyValue,
      JsonObject payload) {}

  /**
   * The received events of one CRM record, oldest first.
   *
   * @param connectionId connection
   * @param kind company or person
   * @param crmId CRM id
   * @return a Uni emitting them
   */
  public Uni<List<Pending>> pending(UUID connectionId, String kind, String crmId) {
    return pool.preparedQuery(SQL.get("pending-events"))
        .execute(Tuple.of(connectionId, kind, crmId))
        .map(
            rows -> {
              List<Pending> out = new ArrayList<>();
              for (Row r : rows) {
                Object p = r.getValue("payload");
                out.add(
                    new Pending(
                        r.getLong("id"),
                        r.getString("crm"),
                        r.getString("action"),
                        r.getString("property_name"),
                        r.getString("property_value"),
                        p instanceof JsonObject j ? j : new JsonObject()));
              }
              return out;
            });
  }

  /**
   * Marks events processed or unresolved.
   *
   * @param ids event ids
   * @param states processed or unresolved, one per id
   * @param details detail per id (or null)
   * @return a Uni completing when stored
   */
  public Uni<Void> finish(List<Long> ids, List<String> states, List<String> details) {
    if (ids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return pool.preparedQuery(SQL.get("finish-events"))
        .execute(
            Tuple.of(
                ids.toArray(Long[]::new),
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
                states.toArray(String[]::new),
                details.toArray(String[]::new)))
        .replaceWithVoid();
  }

  /**
   * Recent events of a tenant, newest first (operations view).
   *
   * @param tenantId tenant
   * @param connectionId connection filter or null
   * @param state state filter or null
   * @param before id to page below, or null
   * @param limit page size
   * @return a Uni emitting the events as JSON
   */
  public Uni<JsonArray> list(
      String tenantId, UUID connectionId, String state, Long before, int limit) {
    return pool.preparedQuery(SQL.get("list-events"))
        .execute(Tuple.of(tenantId, connectionId, state, before, limit))
        .map(
            rows -> {
              JsonArray out = new JsonArray();
              for (Row r : rows) {
                out.add(
                    new JsonObject()
                        .put("id", r.getLong("id"))
                        .put("connectionId", r.getUUID("connection_id").toString())
                        .put("crm", r.getString("crm"))
                        .put("eventKey", r.getString("event_key"))
                        .put("objectKind", r.getString("object_kind"))
                        .put("crmId", r.getString("crm_id"))
                        .put("action", r.getString("action"))
                        .put("propertyName", r.getString("property_name"))
                        .put("propertyValue", r.getString("property_value"))
                        .put("occurredAt", text(r.getOffsetDateTime("occurred_at")))
                        .put("state", r.getString("state"))
                        .put("detail", r.getString("detail"))
                        .put("receivedAt", text(r.getOffsetDateTime("received_at")))
                        .put("processedAt", text(r.getOffsetDateTime("processed_at"))));
              }
              return out;
            });
  }

  private static String text(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }

  /**
   * The non-disconnected connections of a CRM whose id starts with a prefix, on the receipt pool.
   *
   * @param crm connector id
   * @param idPrefix first characters of the connection id
   * @return a Uni emitting candidates; the caller compares the credentials
   */
  public Uni<List<Connection>> connectionsByIdPrefix(String crm, String idPrefix) {
    return receipt
        .preparedQuery(SQL.get("connections-by-id-prefix"))
        .execute(Tuple.of(crm, idPrefix))
        .map(rows -> rowsToConnections(rows));
  }

  /**
   * The non-disconnected connections of a CRM for some accounts, in one statement on the receipt
   * pool.
   *
   * @param crm connector id
   * @param accountIds CRM account ids
   * @return a Uni emitting the connections by account id (an account without one is absent)
   */
  public Uni<Map<String, List<Connection>>> connectionsByAccounts(
      String crm, List<String> accountIds) {
    return receipt
        .preparedQuery(SQL.get("connections-by-accounts"))
        .execute(Tuple.of(crm, accountIds.toArray(String[]::new)))
        .map(
            rows -> {
              Map<String, List<Connection>> out = new HashMap<>();
              for (Row r : rows) {
                Connection c = Connection.from(r);
                out.computeIfAbsent(c.accountId(), k -> new ArrayList<>()).add(c);
              }
              return out;
            });
  }

  /**
   * The lookups a connector's webhook source uses, over this store's receipt pool.
   *
   * @param connections decrypts the credentials
   * @return the lookups
   */
  public WebhookConnections webhookConnections(ConnectionStore connections) {
    return new WebhookConnections() {
      @Override
      public Uni<Map<String, List<Connection>>> byAccounts(String crm, List<String> accountIds) {
        return connectionsByAccounts(crm, accountIds);
      }

      @Override
      public Uni<List<Connection>> byIdPrefix(String crm, String idPrefix) {
        return connectionsByIdPrefix(crm, idPrefix);
      }

      @Override
      public JsonObject credentials(Connection connection) {
        return connections.credentials(connection);
      }
    };
  }

  /**
   * Connections of the given CRMs that are active (incremental pull candidates).
   *
   * @param crms connector ids
   * @return a Uni emitting them
   */
  public Uni<List<Connection>> activeConnections(List<String> crms) {
    return pool.preparedQuery(SQL.get("pull-due"))
        .execute(Tuple.of(crms.toArray(String[]::new)))
        .map(rows -> rowsToConnections(rows));
  }

  private static List<Connection> rowsToConnections(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
    List<Connection> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(Connection.from(r));
    }
    return out;
  }

  /**
   * The incremental-pull watermark of a connection and kind.
   *
   * @param connectionId connection
   * @param kind company or person
   * @return a Uni emitting it, empty before the first pull
   */
  public Uni<Optional<Instant>> watermark(UUID connectionId, String kind) {
    return pool.preparedQuery(SQL.get("get-watermark"))
        .execute(Tuple.of(connectionId, kind))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(
                        rows.iterator().next().getOffsetDateTime("watermark").toInstant()));
  }

  /**
   * Advances the watermark (never moves it back).
   *
   * @param connectionId connection
   * @param kind company or person
   * @param at the new watermark
   * @return a Uni completing when stored
   */
  public Uni<Void> advance(UUID connectionId, String kind, Instant at) {
    return pool.preparedQuery(SQL.get("set-watermark"))
        .execute(
            Tuple.of(
                connectionId,
                kind,
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
        .replaceWithVoid();
  }
}

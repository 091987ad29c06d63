package com.queast.gateway.inbound;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.queast.gateway.bus.EventBusAddresses;
import com.queast.gateway.connector.ChangedPage;
import com.queast.gateway.connector.ChangesRequest;
import com.queast.gateway.connector.FetchRequest;
import com.queast.gateway.connector.FetchedRecord;
import com.queast.gateway.connector.ItemResult;
import com.queast.gateway.jobqueue.Job;
import com.queast.gateway.jobqueue.JobHandler;
import com.queast.gateway.jobqueue.JobHandlers;
import com.queast.gateway.jobqueue.JobKinds;
import com.queast.gateway.jobqueue.JobStore;
import com.queast.gateway.jobqueue.NewJob;
import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.matching.ConnectionIndexes;
import com.queast.gateway.matching.RecordKind;
import com.queast.gateway.tenant.Connection;
import com.queast.gateway.tenant.ConnectionStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.eventbus.EventBus;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lane's inbound work, run by the lane worker like index pages: {@code inbound} jobs (one per
 * CRM record with received webhook events: refresh its index entry, then interest) and {@code pull}
 * jobs (one page of records changed since the connection's watermark). Every CRM call goes through
 * the connector, paced like deliveries.
 */
public final class InboundJobs implements JobHandler<ItemResult> {

  /** Job kind of incremental-pull pages. */
  public static final String PULL = "pull";

  /** Pull pages run after webhook events and before deliveries. */
  public static final int PULL_PRIORITY = 40;

  /** Kinds of records pulled. */
  public static final List<String> KINDS = List.of("company", "person");

  private static final Logger LOG = LoggerFactory.getLogger(InboundJobs.class);
  private static final String PULL_DONE = "incremental pull done";

  private final EventBus bus;
  private final Pool pool;
  private final JobStore jobs;
  private final ConnectionStore connections;
  private final ConnectionIndexes indexes;
  private final InboundStore store;
  private final InterestHandler interest;
  private final Clock clock;
  private final int maxAttempts;

  /**
   * Inbound jobs.
   *
   * @param bus event bus (connector fetch and changes addresses)
   * @param pool pool
   * @param jobs job queue
   * @param connections connections
   * @param indexes CRM indexes
   * @param store inbound events and watermarks
   * @param interest what a truthy interest flag does
   * @param clock time source
   * @param maxAttempts attempt limit of pull pages
   */
  public InboundJobs(
      EventBus bus,
      Pool pool,
      JobStore jobs,
      ConnectionStore connections,
      ConnectionIndexes indexes,
      InboundStore store,
      InterestHandler interest,
      Clock clock,
      int maxAttempts) {
    this.bus = bus;
    this.pool = pool;
    this.jobs = jobs;
    this.connections = connections;
    this.indexes = indexes;
    this.store = store;
    this.interest = interest;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
  }

  /**
   * Whether a job kind is handled here.
   *
   * @param kind job kind
   * @return true for inbound and pull
   */
  public static boolean handles(String kind) {
    return JobKinds.INBOUND.equals(kind) || PULL.equals(kind);
  }

  /**
   * Registers this handler for inbound (webhook event) and pull jobs.
   *
   * @param handlers the lane worker's registry
   */
  public void registerWith(JobHandlers<ItemResult> handlers) {
    handlers.register(JobKinds.INBOUND, this).register(PULL, this);
  }

  /**
   * Runs one inbound or pull job.
   *
   * @param job the claimed job
   * @param timeoutMs how long a connector call may take
   * @return a Uni emitting the job's result; never fails
   */
  @Override
  public Uni<ItemResult> run(Job job, long timeoutMs) {
    long started = clock.millis();
    DeliveryOptions opts =
        new DeliveryOptions().setCodecName(EventBusAddresses.CODEC).setSendTimeout(timeoutMs);
    return connections
        .getAnyTenant(job.connectionId())
        .chain(
            (Optional<Connection> oc) -> {
              if (oc.isEmpty()) {
                return Uni.createFrom()
                    .item(
                        (Outcome)
                            new Outcome.Cancel(
                                Outcome.Attempt.of("connection_gone", "connection deleted")));
              }
              Connection c = oc.get();
              return PULL.equals(job.kind()) ? pull(job, c, opts) : events(job, c, opts);
            })
        .map(o -> withDuration(o, clock.millis() - started))
        .onFailure()
        .recoverWithItem(
            t ->
                new Outcome.Retry(
                    Outcome.Attempt.of(
                        PULL.equals(job.kind()) ? "pull_failed" : "inbound_failed",
                        String.valueOf(t.getMessage())),
                    null))
        .map(o -> new ItemResult(job.id(), o, null));
  }

  private static Outcome withDuration(Outcome o, long ms) {
    if (o instanceof Outcome.Complete c) {
      Outcome.Attempt a = c.attempt();
      return new Outcome.Complete(
          new Outcome.Attempt(a.code(), a.message(), null, null, null, ms), null, null);
    }
    return o;
  }

  // ------------------------------------------------------------- webhook events

  private Uni<Outcome> events(Job job, Connection c, DeliveryOptions opts) {
    String kind = job.recordType();
    String crmId = job.recordId();
    return store
        .pending(c.id(), kind, crmId)
        .chain(
            pending -> {
              if (pending.isEmpty()) {
                return Uni.createFrom().item(complete("nothing_pending", "no events left"));
              }
              InboundStore.Pending last = pending.get(pending.size() - 1);
              RecordKind rk = RecordKind.of(kind);
              Uni<FetchedRecord> current;
              if ("delete".equals(last.action())) {
                current = Uni.createFrom().item(FetchedRecord.deleted());
              } else {
                JsonObject data =
                    last.payload().getValue("data") instanceof JsonObject d ? d : null;
                current =
                    bus.<FetchedRecord>request(
                            EventBusAddresses.fetch(c.crm()),
                            new FetchRequest(c, kind, crmId, data),
                            opts)
                        .map(m -> m.body());
              }
              return current.chain(
                  f -> {
                    Uni<Void> index =
                        f.record() == null
                            ? indexes.remove(c.id(), rk, crmId)
                            : indexes.add(c.id(), "webhook", List.of(f.record()));
                    return index
                        .chain(() -> interest.handle(c, kind, crmId, pending, f))
                        .chain(
                            states ->
                                store
                                    .finish(
                                        pending.stream().map(InboundStore.Pending::id).toList(),
                                        states.states(),
                                        states.details())
                                    .replaceWith(
                                        complete(
                                            "ok",
                                            pending.size()
                                                + " events; index "
                                                + (f.record() == null
                                                    ? "entry removed"
                                                    : "refreshed")
                                                + states.summary())));
                  });
            });
  }

  private static Outcome complete(String code, String message) {
    return new Outcome.Complete(Outcome.Attempt.of(code, message), null, null);
  }

  // ------------------------------------------------------------- incremental pulls

  /**
   * The first page of a pull round for a connection and kind (the watermark is read when it runs).
   *
   * @param c connection
   * @param kind company or person
   * @return the job
   */
  public NewJob pullJob(Connection c, String kind) {
    return pullPage(c, kind, null, null, null);
  }

  private NewJob pullPage(Connection c, String kind, Instant since, String cursor, Instant newest) {
    return new NewJob(
        c.tenantId(),
        c.id(),
        c.lane(),
        PULL,
        PULL,
        kind,
        null,
        new JsonObject()
            .put("kind", kind)
            .put("since", since == null ? null : since.toString())
            .put("cursor", cursor)
            .put("newest", newest == null ? null : newest.toString()),
        maxAttempts,
        PULL_PRIORITY,
        clock.instant());
  }

  /**
   * Enqueues a pull round (both kinds) for a connection; a pending round absorbs it.
   *
   * @param c connection
   * @return a Uni completing when enqueued
   */
  public Uni<Void> startPull(Connection c) {
    List<NewJob> round = new ArrayList<>();
    KINDS.forEach(k -> round.add(pullJob(c, k)));
    return jobs.enqueue(pool, round).replaceWithVoid();
  }

  private Uni<Outcome> pull(Job job, Connection c, DeliveryOptions opts) {
    String kind = job.payload().getString("kind");
    String cursor = job.payload().getString("cursor");
    Instant newestSoFar = instant(job.payload().getString("newest"));
    Uni<Instant> since =
        job.payload().getString("since") != null
            ? Uni.createFrom().item(instant(job.payload().getString("since")))
            : store.watermark(c.id(), kind).map(w -> w.orElse(c.createdAt()));
    return since.chain(
        s ->
            bus.<ChangedPage>request(
                    EventBusAddresses.changes(c.crm()),
                    new ChangesRequest(c, kind, s, cursor),
                    opts)
                .map(m -> m.body())
                .chain(
                    page -> {
                      Instant newest = later(newestSoFar, page.newest());
                      Uni<Void> next;
                      if (page.nextCursor() != null) {
                        next = enqueue(pullPage(c, kind, s, page.nextCursor(), newest));
                      } else if (page.restartFrom() != null && page.restartFrom().isAfter(s)) {
                        next = enqueue(pullPage(c, kind, page.restartFrom(), null, newest));
                      } else {
                        next =
                            (newest == null
                                    ? store.advance(c.id(), kind, s)
                                    : store.advance(c.id(), kind, newest))
                                .invoke(
                                    () ->
                                        LOG.info(
                                            PULL_DONE,
                                            kv("tenant", c.tenantId()),
                                            kv("connection", c.id()),
                                            kv("kind", kind)));
                      }
                      return indexes
                          .add(c.id(), "pull", page.records())
                          .chain(() -> next)
                          .replaceWith(
                              complete(
                                  "ok",
                                  page.records().size() + " changed " + kind + " records indexed"));
                    }));
  }

  private Uni<Void> enqueue(NewJob j) {
    return jobs.enqueue(pool, List.of(j)).replaceWithVoid();
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }
}

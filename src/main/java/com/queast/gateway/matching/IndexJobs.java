package com.queast.gateway.matching;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.queast.gateway.bus.EventBusAddresses;
import com.queast.gateway.connector.CrmPage;
import com.queast.gateway.connector.ItemResult;
import com.queast.gateway.connector.ListRequest;
import com.queast.gateway.jobqueue.Job;
import com.queast.gateway.jobqueue.JobHandler;
import com.queast.gateway.jobqueue.JobHandlers;
import com.queast.gateway.jobqueue.JobStore;
import com.queast.gateway.jobqueue.NewJob;
import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.record.RecordStore;
import com.queast.gateway.tenant.Connection;
import com.queast.gateway.tenant.ConnectionStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.eventbus.EventBus;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a connection's CRM index through the job queue: one {@code index} job per page, in the
 * connection's lane, so pulling a 100,000-record CRM is paced like every other call. The last page
 * of both kinds marks the index complete and starts the backfill of the tenant's records, so first
 * deliveries are matched against a full index.
 */
public final class IndexJobs implements JobHandler<ItemResult> {

  /** Job kind. */
  public static final String KIND = "index";

  /** Index pages run before deliveries in a lane. */
  public static final int PRIORITY = 100;

  private static final Logger LOG = LoggerFactory.getLogger(IndexJobs.class);
  private static final String COMPLETE = "crm index complete";
  private static final String SWEPT =
      "crm index listing complete; records it did not see marked deleted";
  private static final String BUILD = "build";

  /**
   * Rows refreshed up to this long before the listing started count as seen: index rows carry the
   * writing instance's clock, and another instance may run a page of the listing.
   */
  static final java.time.Duration CLOCK_MARGIN = java.time.Duration.ofMinutes(1);

  private static final String RECONCILE = "reconcile";
  private static final List<String> KINDS = List.of("company", "person");

  private final EventBus bus;
  private final Pool pool;
  private final JobStore jobs;
  private final ConnectionStore connections;
  private final ConnectionIndexes indexes;
  private final RecordStore records;
  private final Clock clock;
  private final int maxAttempts;

  /**
   * Index jobs.
   *
   * @param bus event bus (connector list address)
   * @param pool pool
   * @param jobs job queue
   * @param connections connections
   * @param indexes CRM indexes
   * @param records records (backfill when done)
   * @param clock time source
   * @param maxAttempts attempt limit
   */
  public IndexJobs(
      EventBus bus,
      Pool pool,
      JobStore jobs,
      ConnectionStore connections,
      ConnectionIndexes indexes,
      RecordStore records,
      Clock clock,
      int maxAttempts) {
    this.bus = bus;
    this.pool = pool;
    this.jobs = jobs;
    this.connections = connections;
    this.indexes = indexes;
    this.records = records;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
  }

  /**
   * Starts building the index of a freshly connected account: marks both kinds as building and
   * enqueues their first pages.
   *
   * @param c the active connection
   * @return a Uni completing when enqueued
   */
  public Uni<Void> start(Connection c) {
    JsonObject building = new JsonObject();
    KINDS.forEach(k -> building.put(k, "building"));
    java.time.Instant now = clock.instant();
    return connections
        .mergeConfig(c.tenantId(), c.id(), new JsonObject().put("index", building))
        .chain(
            () ->
                jobs.enqueue(pool, KINDS.stream().map(k -> page(c, k, null, now, BUILD)).toList()))
        .replaceWithVoid();
  }

  /**
   * Lists the whole CRM again without holding deliveries back (the index stays usable): entries it
   * refreshes stay, and the ones nothing refreshed since it started are marked deleted at its last
   * page. Catches deletions whose webhook was lost; pulls only ever list live records.
   *
   * @param c the active connection
   * @return a Uni completing when the first pages are enqueued
   */
  public Uni<Void> reconcile(Connection c) {
    java.time.Instant now = clock.instant();
    return connections
        .setConfigPath(c.tenantId(), c.id(), List.of("index", "reconcileStartedAt"), now.toString())
        .chain(
            () ->
                jobs.enqueue(
                    pool, KINDS.stream().map(k -> page(c, k, null, now, RECONCILE)).toList()))
        .replaceWithVoid();
  }

  private NewJob page(
      Connection c, String kind, String cursor, java.time.Instant startedAt, String mode) {
    return new NewJob(
        c.tenantId(),
        c.id(),
        c.lane(),
        KIND,
        null,
        null,
        null,
        new JsonObject()
            .put("kind", kind)
            .put("cursor", cursor)
            .put("startedAt", startedAt == null ? null : startedAt.toString())
            .put("mode", mode),
        maxAttempts,
        PRIORITY,
        clock.instant());
  }

  /**
   * Registers this handler for {@link #KIND} jobs.
   *
   * @param handlers the lane worker's registry
   */
  public void registerWith(JobHandlers<ItemResult> handlers) {
    handlers.register(KIND, this);
  }

  /**
   * Runs one page job.
   *
   * @param job the claimed job
   * @param timeoutMs how long the connector may take
   * @return a Uni emitting the job's result; never fails
   */
  @Override
  public Uni<ItemResult> run(Job job, long timeoutMs) {
    String kind = job.payload().getString("kind");
    String cursor = job.payload().getString("cursor");
    long started = clock.millis();
    return connections
        .getAnyTenant(job.connectionId())
        .chain(
            oc -> {
              if (oc.isEmpty()) {
                return Uni.createFrom()
                    .item(
                        result(
                            job,
                            new Outcome.Cancel(
                                Outcome.Attempt.of("connection_gone", "connection deleted"))));
              }
              Connection c = oc.get();
              return bus.<CrmPage>request(
                      EventBusAddresses.list(c.crm()),
                      new ListRequest(c, kind, cursor),
                      new DeliveryOptions()
                          .setCodecName(EventBusAddresses.CODEC)
                          .setSendTimeout(timeoutMs))
                  .map(m -> m.body())
                  .chain(p -> store(c, kind, p, job.payload()))
                  .map(
                      n ->
                          result(
                              job,
                              new Outcome.Complete(
                                  new Outcome.Attempt(
                                      "ok",
                                      n + " " + kind + " records indexed",
                                      null,
                                      null,
                                      null,
                                      clock.millis() - started),
                                  null,
                                  null)));
            })
        .onFailure()
        .recoverWithItem(
            t ->
                result(
                    job,
                    new Outcome.Retry(
                        Outcome.Attempt.of("index_page_failed", String.valueOf(t.getMessage())),
                        null)));
  }

  private Uni<Integer> store(Connection c, String kind, CrmPage page, JsonObject payload) {
    String started = payload.getString("startedAt");
    java.time.Instant startedAt = started == null ? null : java.time.Instant.parse(started);
    String mode = payload.getString("mode", BUILD);
    Uni<Void> next =
        page.nextCursor() == null
            ? sweep(c, kind, startedAt, mode).chain(() -> finish(c, kind, mode))
            : jobs.enqueue(pool, List.of(page(c, kind, page.nextCursor(), startedAt, mode)))
                .replaceWithVoid();
    return indexes
        .add(c.id(), "pull", page.records())
        .chain(() -> next)
        .replaceWith(page.records().size());
  }

  /** Marks deleted what a complete listing did not see (pages of older versions carry no start). */
  private Uni<Void> sweep(Connection c, String kind, java.time.Instant startedAt, String mode) {
    if (startedAt == null) {
      return Uni.createFrom().voidItem();
    }
    return indexes
        .sweep(c.id(), RecordKind.of(kind), startedAt.minus(CLOCK_MARGIN))
        .invoke(
            n ->
                LOG.info(
                    SWEPT,
                    kv("tenant", c.tenantId()),
                    kv("connection", c.id()),
                    kv("kind", kind),
                    kv("mode", mode),
                    kv("deleted", n)))
        .replaceWithVoid();
  }

  private Uni<Void> finish(Connection c, String kind, String mode) {
    if (RECONCILE.equals(mode)) {
      return Uni.createFrom().voidItem();
    }
    return connections
        .setConfigPath(c.tenantId(), c.id(), List.of("index", kind), "complete")
        .chain(
            cfg -> {
              JsonObject idx = cfg.getJsonObject("index", new JsonObject());
              boolean all = KINDS.stream().allMatch(k -> "complete".equals(idx.getString(k)));
              if (!all) {
                return Uni.createFrom().voidItem();
              }
              LOG.info(COMPLETE, kv("tenant", c.tenantId()), kv("connection", c.id()));
              return records
                  .backfill(c.tenantId(), c.id(), c.lane(), "index_complete")
                  .replaceWithVoid();
            });
  }

  private static ItemResult result(Job job, Outcome o) {
    return new ItemResult(job.id(), o, null);
  }
}

package com.queast.gateway.app;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.queast.gateway.api.ApiVerticle;
import com.queast.gateway.api.BackfillProgressHandler;
import com.queast.gateway.api.BackfillProgressStore;
import com.queast.gateway.api.ConnectionControlHandler;
import com.queast.gateway.api.ConnectionControlStore;
import com.queast.gateway.api.ConnectionsHandler;
import com.queast.gateway.api.ConsoleRoutes;
import com.queast.gateway.api.Idempotency;
import com.queast.gateway.api.IngestHandler;
import com.queast.gateway.api.MappingHandler;
import com.queast.gateway.api.MatchRulesHandler;
import com.queast.gateway.api.MatchesHandler;
import com.queast.gateway.api.OperationsRoutes;
import com.queast.gateway.api.OpsHandler;
import com.queast.gateway.api.RemovalHandler;
import com.queast.gateway.api.RouteContributor;
import com.queast.gateway.api.TenantHandler;
import com.queast.gateway.api.VaultRoutes;
import com.queast.gateway.bus.EventBusAddresses;
import com.queast.gateway.bus.LocalCodec;
import com.queast.gateway.connector.ConnectorContext;
import com.queast.gateway.connector.ConnectorProvider;
import com.queast.gateway.connector.ConnectorRegistry;
import com.queast.gateway.connector.ConnectorVerticle;
import com.queast.gateway.connector.CrmConnector;
import com.queast.gateway.connector.IdentityResolver;
import com.queast.gateway.connector.ItemResult;
import com.queast.gateway.db.DatabaseHealth;
import com.queast.gateway.db.Db;
import com.queast.gateway.db.Migrations;
import com.queast.gateway.db.PgUrl;
import com.queast.gateway.delivery.DeliveryStore;
import com.queast.gateway.delivery.DeliveryVerticle;
import com.queast.gateway.delivery.LaneWorker;
import com.queast.gateway.inbound.InboundJobs;
import com.queast.gateway.inbound.InboundRoutes;
import com.queast.gateway.inbound.InboundStore;
import com.queast.gateway.inbound.InterestHandler;
import com.queast.gateway.inbound.PullScheduler;
import com.queast.gateway.inbound.ReceiptGate;
import com.queast.gateway.inbound.ReceiptPool;
import com.queast.gateway.inbound.WebhookReceiver;
import com.queast.gateway.jobqueue.Backoff;
import com.queast.gateway.jobqueue.JobHandlers;
import com.queast.gateway.jobqueue.JobNotifier;
import com.queast.gateway.jobqueue.JobStore;
import com.queast.gateway.jobqueue.QueueMaintenanceVerticle;
import com.queast.gateway.mapping.MappingService;
import com.queast.gateway.matching.AliasLists;
import com.queast.gateway.matching.BulkReview;
import com.queast.gateway.matching.ConnectionIndexes;
import com.queast.gateway.matching.IndexJobs;
import com.queast.gateway.matching.MatchRules;
import com.queast.gateway.matching.MatchingReport;
import com.queast.gateway.matching.MatchingResolver;
import com.queast.gateway.matching.Normalizers;
import com.queast.gateway.matching.ReviewLearning;
import com.queast.gateway.matching.ReviewQueue;
import com.queast.gateway.record.BackfillVerticle;
import com.queast.gateway.record.RecordStore;
import com.queast.gateway.removal.Erasures;
import com.queast.gateway.removal.RecordDeletions;
import com.queast.gateway.tenant.ApiKeyStore;
import com.queast.gateway.tenant.ConnectionService;
import com.queast.gateway.tenant.ConnectionStore;
import com.queast.gateway.tenant.CredentialVault;
import com.queast.gateway.tenant.TenantStore;
import com.queast.gateway.tenant.TokenManager;
import com.queast.gateway.tenant.VaultRotation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Wires and starts a gateway: migrations (off the event loop), pool, statement check,
 * collaborators, then verticles (API, delivery, queue maintenance, one per connector). Tests use it
 * with their own clock, connectors and Vert.x.
 */
public final class GatewayBuilder {

  private final GatewayConfig cfg;
  private final Vertx vertx;
  private final MeterRegistry meters;
  private final Clock clock;
  private final List<CrmConnector> extraConnectors = new ArrayList<>();
  private final List<ConnectorProvider> extraProviders = new ArrayList<>();
  private final List<Function<Services, RouteContributor>> routes = new ArrayList<>();
  private boolean ownsVertx;
  private boolean discoverConnectors = true;

  /**
   * A builder.
   *
   * @param cfg configuration
   * @param vertx Vert.x
   * @param meters metrics registry (Prometheus in production)
   * @param clock time source
   */
  public GatewayBuilder(GatewayConfig cfg, Vertx vertx, MeterRegistry meters, Clock clock) {
    this.cfg = cfg;
    this.vertx = vertx;
    this.meters = meters == null ? new SimpleMeterRegistry() : meters;
    this.clock = clock;
  }

  /**
   * Whether closing the gateway closes Vert.x.
   *
   * @param owns true when this gateway created Vert.x
   * @return this
   */
  public GatewayBuilder ownsVertx(boolean owns) {
    this.ownsVertx = owns;
    return this;
  }

  /**
   * Adds a connector not found by the service loader (tests).
   *
   * @param c connector
   * @return this
   */
  public GatewayBuilder connector(CrmConnector c) {
    extraConnectors.add(c);
    return this;
  }

  /**
   * Adds a connector built from the gateway's own context (tests that deploy one real connector
   * without service-loader discovery).
   *
   * @param p provider
   * @return this
   */
  public GatewayBuilder provider(ConnectorProvider p) {
    extraProviders.add(p);
    return this;
  }

  /**
   * Turns service-loader discovery of connectors off (tests that want only their own).
   *
   * @param on false to skip discovery
   * @return this
   */
  public GatewayBuilder discoverConnectors(boolean on) {
    this.discoverConnectors = on;
    return this;
  }

  /**
   * Adds API routes built from the services.
   *
   * @param r route contributor factory
   * @return this
   */
  public GatewayBuilder routes(Function<Services, RouteContributor> r) {
    routes.add(r);
    return this;
  }

  /**
   * Starts everything.
   *
   * @return a Uni emitting the running gateway
   */
  public Uni<Gateway> start() {
    PgUrl url = PgUrl.parse(cfg.pg().url());
    try {
      vault = vault();
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(e);
    }
    return vertx
        .executeBlocking(
            () -> {
              Migrations.migrate(url, cfg.pg().createDatabase());
              return true;
            })
        .chain(
            ignored -> {
              PgUrl appUrl =
                  cfg.pg().appUrl() == null || cfg.pg().appUrl().isBlank()
                      ? url
                      : PgUrl.parse(cfg.pg().appUrl());
              // Working as the application role, cross-tenant work switches to the system role.
              boolean systemRole = appUrl != url;
              Pool pool = Db.scopedPool(vertx, appUrl, cfg.pg().poolSize(), systemRole);
              return Db.verify(
                      pool,
                      List.of(
                          JobStore.SQL,
                          RecordStore.SQL,
                          DeliveryStore.SQL,
                          TenantStore.SQL,
                          MappingService.SQL,
                          ConnectionIndexes.SQL,
                          InboundStore.SQL,
                          Idempotency.SQL,
                          BulkReview.SQL,
                          MatchRules.SQL,
                          RecordDeletions.SQL))
                  .chain(() -> Db.bypassesRls(pool))
                  .invoke(
                      bypass -> {
                        if (bypass) {
                          org.slf4j.LoggerFactory.getLogger(GatewayBuilder.class)
                              .warn(RLS_BYPASSED, kv("db", appUrl.toString()));
                        }
                      })
                  .chain(() -> deploy(pool, url, appUrl, systemRole))
                  .onFailure()
                  .call(pool::close);
            });
  }

  /**
   * The credential vault: refuses to start without {@code GATEWAY_VAULT_KEY} unless development
   * mode is explicit, and says loudly when it derives a key.
   */
  private CredentialVault vault() {
    GatewayConfig.Vault v = cfg.vault();
    CredentialVault built =
        CredentialVault.fromConfig(
            new CredentialVault.Settings(v.key(), v.keyId(), v.previousKeys(), v.dev()),
            cfg.admin().token());
    if (v.key() == null || v.key().isBlank()) {
      org.slf4j.LoggerFactory.getLogger(GatewayBuilder.class).warn(DEV_VAULT);
    }
    return built;
  }

  private static final String RLS_BYPASSED =
      "row-level security is NOT enforced: the gateway works as a superuser or BYPASSRLS role;"
          + " set GATEWAY_PG_APP_URL to the application role (docs/security.md)";

  private static final String DEV_VAULT =
      "DEVELOPMENT MODE: no GATEWAY_VAULT_KEY, the credential key is derived from the admin token;"
          + " a database dump plus that token decrypts every CRM credential. Never run this in"
          + " production";

  private CredentialVault vault;

  private Uni<Gateway> deploy(Pool pool, PgUrl url, PgUrl appUrl, boolean systemRole) {
    registerCodec();
    GatewayConfig.Queue q = cfg.queue();
    String workerId =
        q.workerId().isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : q.workerId();
    JobStore jobs =
        new JobStore(
            pool,
            clock,
            workerId,
            Duration.ofMillis(q.leaseMs()),
            new Backoff(
                q.backoffBaseMs(),
                q.backoffMaxMs(),
                () -> ThreadLocalRandom.current().nextDouble()),
            Duration.ofMillis(q.dependencyMaxWaitMs()));
    RecordStore records = new RecordStore(pool, clock, q.maxAttempts());
    DeliveryStore deliveries = new DeliveryStore(pool, clock);
    TenantStore tenants = new TenantStore(pool);
    ConnectionStore connections = new ConnectionStore(pool, vault);
    TokenManager tokens = new TokenManager(connections, clock, Duration.ofMinutes(5));
    MappingService mapping = new MappingService(pool, clock);
    Normalizers normalizers = Normalizers.defaults();
    ConnectionIndexes indexes = new ConnectionIndexes(vertx, pool, clock, normalizers);
    MatchRules matchRules = new MatchRules(pool, normalizers);
    IdentityResolver identity = new MatchingResolver(pool, indexes, normalizers, matchRules);
    IndexJobs indexJobs =
        new IndexJobs(
            vertx.eventBus(), pool, jobs, connections, indexes, records, clock, q.maxAttempts());
    GatewayConfig.Inbound in = cfg.inbound();
    ReceiptPool receipt =
        new ReceiptPool(
            vertx, appUrl, in.poolSize(), in.maxInFlight(), in.acquireTimeoutMs(), systemRole);
    InboundStore inbound = new InboundStore(pool, receipt.pool(), clock, q.maxAttempts());
    List<CrmConnector> connectors = new ArrayList<>(extraConnectors);
    ConnectorContext cctx =
        new ConnectorContext(
            vertx,
            connectorOptions(cfg),
            Duration.ofMillis(q.leaseMs()),
            connections,
            pool,
            clock,
            meters,
            tokens,
            identity,
            mapping);
    for (ConnectorProvider p : extraProviders) {
      connectors.add(p.create(cctx));
    }
    if (discoverConnectors) {
      for (ConnectorProvider p : ServiceLoader.load(ConnectorProvider.class)) {
        if (p.enabled(cctx)) {
          connectors.add(p.create(cctx));
        }
      }
    }
    ConnectorRegistry registry = new ConnectorRegistry(connectors);
    InboundJobs inboundJobs =
        new InboundJobs(
            vertx.eventBus(),
            pool,
            jobs,
            connections,
            indexes,
            inbound,
            new InterestHandler(
                vertx,
                pool,
                cfg.queast().apiUrl(),
                cfg.queast().apiToken(),
                clock,
                registry::webhooks),
            clock,
            q.maxAttempts());
    List<String> ids = new ArrayList<>();
    JobNotifier[] notifierRef = new JobNotifier[1];
    notifierRef[0] =
        new JobNotifier(
            vertx,
            url.connectOptions(),
            q.listenReconnectMinMs(),
            q.listenReconnectMaxMs(),
            lane ->
                vertx
                    .eventBus()
                    .publish(EventBusAddresses.WORK_AVAILABLE, lane == null ? "" : lane));
    Services services =
        new Services(
            cfg,
            clock,
            meters,
            jobs,
            records,
            deliveries,
            tenants,
            connections,
            notifierRef[0],
            tokens,
            identity);
    JobHandlers<ItemResult> handlers = new JobHandlers<>();
    indexJobs.registerWith(handlers);
    inboundJobs.registerWith(handlers);
    LaneWorker worker =
        new LaneWorker(
            vertx,
            jobs,
            records,
            deliveries,
            clock,
            cfg.delivery().maxBatch(),
            cfg.delivery().batchesInFlight(),
            Math.max(1000, q.leaseMs() / 2),
            meters,
            handlers);
    ConnectionService connectionService =
        new ConnectionService(pool, connections, registry, records, indexJobs, clock, tokens);
    Erasures erasures = new Erasures(pool, jobs, clock, q.maxAttempts());
    List<RouteContributor> contributors = new ArrayList<>();
    contributors.add(new ConnectionsHandler(connectionService, tenants));
    contributors.add(new ConsoleRoutes());
    contributors.add(new VaultRoutes(new VaultRotation(pool, vault)));
    contributors.add(new BackfillProgressHandler(new BackfillProgressStore(pool, clock)));
    contributors.add(
        new ConnectionControlHandler(new ConnectionControlStore(pool, registry, clock)));
    contributors.add(new MappingHandler(mapping, connections, registry));
    BulkReview bulkReview = new BulkReview(pool, connections, records, jobs, clock);
    bulkReview.learnWith(
        new ReviewLearning(pool, matchRules, bulkReview, connections, normalizers, clock));
    contributors.add(new MatchRulesHandler(matchRules, new AliasLists(pool, normalizers)));
    contributors.add(
        new MatchesHandler(
            new ReviewQueue(pool, bulkReview, clock),
            bulkReview,
            new MatchingReport(pool),
            connections));
    contributors.add(
        new WebhookReceiver(
            connections,
            inbound,
            registry.webhookSources(),
            meters,
            in.maxBodyBytes(),
            new ReceiptGate(
                in.maxInFlight(),
                // One receipt connection stays free for the portal and credential lookups.
                Math.max(1, in.poolSize() - 1),
                Duration.ofMillis(in.answerWithinMs()),
                in.retryAfterSeconds())));
    contributors.add(new InboundRoutes(inbound, inboundJobs, indexJobs, connections));
    contributors.add(new RemovalHandler(new RecordDeletions(pool, jobs, records, clock), erasures));
    for (Function<Services, RouteContributor> r : routes) {
      contributors.add(r.apply(services));
    }
    DatabaseHealth health =
        new DatabaseHealth(vertx, pool, meters, clock, DatabaseHealth.PROBE_INTERVAL);
    ApiVerticle api =
        new ApiVerticle(
            cfg.http().host(),
            cfg.http().port(),
            cfg.http().maxBodyBytes(),
            cfg.admin().token(),
            new IngestHandler(records, tenants, erasures),
            new OpsHandler(jobs, deliveries, connections, records),
            new TenantHandler(tenants, new ApiKeyStore(pool)),
            new Idempotency(pool),
            new OperationsRoutes(
                health, notifierRef[0], meters instanceof PrometheusMeterRegistry p ? p : null),
            contributors);
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (CrmConnector c : connectors) {
      chain =
          chain.chain(
              () ->
                  vertx
                      .deployVerticle(new ConnectorVerticle(c))
                      .invoke(ids::add)
                      .replaceWithVoid());
    }
    return chain
        .chain(() -> vertx.deployVerticle(health))
        .invoke(ids::add)
        .chain(() -> notifierRef[0].start())
        .chain(
            () ->
                vertx.deployVerticle(
                    new QueueMaintenanceVerticle(
                        jobs,
                        q.rescueIntervalMs(),
                        Duration.ofHours(q.completedRetentionHours()),
                        meters)))
        .invoke(ids::add)
        .chain(
            () ->
                vertx.deployVerticle(
                    new BackfillVerticle(records.backfills(), workerId, q.pollIntervalMs())))
        .invoke(ids::add)
        .chain(
            () ->
                vertx.deployVerticle(
                    new DeliveryVerticle(
                        jobs,
                        worker,
                        notifierRef[0],
                        cfg.delivery().concurrentLanes(),
                        q.pollIntervalMs())))
        .invoke(ids::add)
        .chain(
            () ->
                vertx.deployVerticle(
                    new PullScheduler(
                        inbound,
                        inboundJobs,
                        indexJobs,
                        connectors.stream()
                            .filter(c -> c.incremental() && c.listable())
                            .map(c -> c.descriptor().crm())
                            .toList(),
                        cfg.inbound().pullIntervalMs(),
                        cfg.inbound().reconcileIntervalMs(),
                        clock)))
        .invoke(ids::add)
        .chain(() -> vertx.deployVerticle(receipt))
        .invoke(ids::add)
        .chain(
            () ->
                vertx.deployVerticle(
                    api, new DeploymentOptions().setThreadingModel(ThreadingModel.EVENT_LOOP)))
        .invoke(ids::add)
        .map(
            id ->
                new Gateway(
                    vertx, ownsVertx, pool, services, api.actualPort(), ids, notifierRef[0]));
  }

  private void registerCodec() {
    try {
      vertx.eventBus().getDelegate().registerCodec(new LocalCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // a second gateway on the same Vert.x (tests) reuses the codec
    }
  }

  /** Each connector's configuration section as data, for the connector to bind. */
  private static Map<String, JsonObject> connectorOptions(GatewayConfig cfg) {
    Map<String, JsonObject> out = new LinkedHashMap<>();
    if (cfg.connectors() != null) {
      cfg.connectors().forEach((crm, section) -> out.put(crm, new JsonObject(section)));
    }
    return out;
  }
}

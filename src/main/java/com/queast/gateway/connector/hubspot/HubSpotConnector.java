package com.queast.gateway.connector.hubspot;

import com.queast.gateway.connector.BatchResult;
import com.queast.gateway.connector.ChangedPage;
import com.queast.gateway.connector.ChangesRequest;
import com.queast.gateway.connector.ConnectRequest;
import com.queast.gateway.connector.ConnectResult;
import com.queast.gateway.connector.ConnectorContext;
import com.queast.gateway.connector.ConnectorDescriptor;
import com.queast.gateway.connector.CrmConnector;
import com.queast.gateway.connector.CrmPage;
import com.queast.gateway.connector.DeliveredIds;
import com.queast.gateway.connector.DeliveryBatch;
import com.queast.gateway.connector.FetchRequest;
import com.queast.gateway.connector.FetchedRecord;
import com.queast.gateway.connector.ItemResult;
import com.queast.gateway.connector.PaceDecision;
import com.queast.gateway.connector.PaceRequest;
import com.queast.gateway.connector.RecordRemoval;
import com.queast.gateway.connector.WebhookSource;
import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.mapping.MappingSpec;
import com.queast.gateway.ratelimit.LaneLoad;
import com.queast.gateway.record.DeliveryItem;
import com.queast.gateway.tenant.Connection;
import com.queast.gateway.tenant.TokenManager;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HubSpot connector: OAuth and private-app connections, idempotent portal setup, and paced
 * delivery of companies, contacts and Signals per portal (lane {@code hubspot:<portalId>}).
 */
public final class HubSpotConnector implements CrmConnector, RecordRemoval {

  private static final Logger LOG = LoggerFactory.getLogger(HubSpotConnector.class);
  private static final String BATCH_FAILED = "hubspot batch failed for a connection";
  private static final String LANE_PAUSED = "hubspot lane paused";
  private static final Duration INACTIVE_WAIT = Duration.ofSeconds(5);

  private final ConnectorContext ctx;
  private final HubSpotOptions cfg;
  private final HubSpotHttp http;
  private final HubSpotPaths paths;
  private final HubSpotAuth auth;
  private final HubSpotCaller caller;
  private final HubSpotSetup setup;
  private final HubSpotDelivery delivery;
  private final CrmListing listing;
  private final CustomSignals custom;
  private final HubSpotRemoval removal;
  private final Map<String, HubSpotPacer> pacers = new ConcurrentHashMap<>();
  private final HubSpotWebhooks webhooks;

  /**
   * A connector.
   *
   * @param ctx gateway collaborators
   */
  public HubSpotConnector(ConnectorContext ctx) {
    this.ctx = ctx;
    this.cfg = HubSpotOptions.from(ctx.options("hubspot"));
    this.http = new HubSpotHttp(ctx.vertx(), cfg.apiUrl(), ctx.clock());
    this.paths = new HubSpotPaths(cfg.apiVersion());
    this.webhooks =
        new HubSpotWebhooks(cfg.clientSecret(), cfg.webhookTargetUrl(), cfg.appId(), ctx.clock());
    this.auth =
        new HubSpotAuth(
            cfg, paths, http, ctx.clock(), ctx.meters().counter("gateway.hubspot.token.refreshes"));
    Duration window = Duration.ofMillis(cfg.windowMs());
    this.caller =
        new HubSpotCaller(
            ctx.vertx(),
            http,
            ctx.tokens(),
            auth,
            window,
            ctx.meters().counter("gateway.hubspot.requests"));
    this.setup = new HubSpotSetup(cfg, paths, caller, http);
    ObjectWriter writer = new ObjectWriter(caller, paths, window);
    Associator associator = new Associator(caller, paths, window);
    DeliveredIds ids = new DeliveredIds(ctx.pool());
    this.custom = new CustomSignals(caller, paths, ctx.connections());
    this.delivery =
        new HubSpotDelivery(
            new HubSpotMapping(ctx.mapping()),
            ctx.identity(),
            writer,
            new LinkedWriter(writer, associator, ids, LinkedWriter.PERSON_LINKS),
            new LinkedWriter(writer, associator, ids, LinkedWriter.SIGNAL_LINKS),
            custom);
    this.listing = new CrmListing(caller, paths);
    this.removal =
        new HubSpotRemoval(caller, paths, ctx.connections(), ctx.mapping(), this::pacer, window);
  }

  @Override
  public Uni<BatchResult> remove(DeliveryBatch batch) {
    return removal.remove(batch);
  }

  @Override
  public Optional<WebhookSource> webhooks() {
    return Optional.of(webhooks);
  }

  @Override
  public ConnectorDescriptor descriptor() {
    return new ConnectorDescriptor("hubspot", "HubSpot", 100, List.of("oauth", "private_app"));
  }

  /**
   * The pacer of a lane (created on first use).
   *
   * @param lane lane key
   * @return its pacer
   */
  public HubSpotPacer pacer(String lane) {
    return pacers.computeIfAbsent(
        lane,
        l ->
            new HubSpotPacer(
                cfg.requestsPerWindow(),
                Duration.ofMillis(cfg.windowMs()),
                cfg.pacingHeadroom(),
                cfg.searchPerSecond(),
                new CircuitBreaker(5, Duration.ofSeconds(15), ctx.clock()),
                ctx.clock()));
  }

  @Override
  public Optional<LaneLoad> laneLoad(String lane) {
    return Optional.ofNullable(pacers.get(lane)).map(HubSpotPacer::load);
  }

  @Override
  public Uni<PaceDecision> pace(PaceRequest request) {
    HubSpotPacer p = pacer(request.lane());
    synchronized (p) {
      p.restore(request.limiterState());
      return Uni.createFrom().item(p.decide(request.wanted()));
    }
  }

  @Override
  public Uni<BatchResult> deliver(DeliveryBatch batch) {
    HubSpotPacer p = pacer(batch.lane());
    Map<UUID, List<DeliveryItem>> byConnection = new LinkedHashMap<>();
    for (DeliveryItem i : batch.items()) {
      byConnection.computeIfAbsent(i.job().connectionId(), k -> new ArrayList<>()).add(i);
    }
    List<ItemResult> results = new ArrayList<>();
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Map.Entry<UUID, List<DeliveryItem>> e : byConnection.entrySet()) {
      chain =
          chain.chain(
              () ->
                  deliverConnection(p, e.getKey(), e.getValue())
                      .invoke(results::addAll)
                      .replaceWithVoid());
    }
    return chain.map(ignored -> result(batch.lane(), p, results));
  }

  private BatchResult result(String lane, HubSpotPacer p, List<ItemResult> results) {
    boolean limited =
        results.stream()
            .anyMatch(
                r ->
                    r.outcome() instanceof Outcome.Snooze s
                        && s.attempt().code().startsWith("rate_limited"));
    Instant until = null;
    if (limited) {
      synchronized (p) {
        until = p.blockedUntil();
      }
      if (until == null) {
        until = ctx.clock().instant().plusMillis(cfg.windowMs());
      }
      LOG.warn(LANE_PAUSED + " lane={} until={} reason={}", lane, until, "rate_limited");
    }
    JsonObject snapshot;
    synchronized (p) {
      snapshot = p.snapshot();
    }
    return new BatchResult(results, until, limited ? "rate_limited" : null, snapshot);
  }

  private Uni<List<ItemResult>> deliverConnection(
      HubSpotPacer p, UUID connectionId, List<DeliveryItem> items) {
    return ctx.connections()
        .getAnyTenant(connectionId)
        .chain(
            (Optional<Connection> c) -> {
              if (c.isEmpty() || !Connection.ACTIVE.equals(c.get().status())) {
                return Uni.createFrom()
                    .item(
                        all(
                            items,
                            Outcomes.snooze(
                                "connection_inactive",
                                "the connection is " + c.map(Connection::status).orElse("gone"),
                                INACTIVE_WAIT)));
              }
              return delivery.deliver(p, c.get(), items);
            })
        .onFailure()
        .recoverWithItem(
            t -> {
              if (t instanceof TokenManager.ReauthRequired) {
                return all(
                    items,
                    Outcomes.snooze(
                        Connection.NEEDS_REAUTH,
                        "HubSpot refused the refresh token",
                        INACTIVE_WAIT));
              }
              LOG.warn(BATCH_FAILED + " connection={} error={}", connectionId, t.toString());
              return all(
                  items,
                  new Outcome.Retry(Outcome.Attempt.of("connector_error", t.toString()), null));
            });
  }

  private static List<ItemResult> all(List<DeliveryItem> items, Outcome o) {
    List<ItemResult> out = new ArrayList<>();
    for (DeliveryItem i : items) {
      out.add(new ItemResult(i.job().id(), o, null));
    }
    return out;
  }

  @Override
  public Uni<ConnectResult> connectWithCredentials(ConnectRequest request) {
    return auth.connectPrivateApp(request);
  }

  @Override
  public String authorizeUrl(String state) {
    return auth.authorizeUrl(state);
  }

  @Override
  public Uni<ConnectResult> exchangeCode(String code) {
    return auth.exchangeCode(code);
  }

  @Override
  public Uni<JsonObject> setup(Connection connection) {
    return setup
        .run(pacer(connection.lane()), connection)
        .chain(
            cfg ->
                ctx.mapping()
                    .forConnection(connection)
                    .chain(m -> custom.atSetup(pacer(connection.lane()), connection, m.spec()))
                    .map(cfg::mergeIn));
  }

  @Override
  public Uni<Void> checkMapping(Connection connection, MappingSpec mapping) {
    return custom.checkMapping(pacer(connection.lane()), connection, mapping);
  }

  /**
   * Every company of a connection's portal (for the local CRM index).
   *
   * @param c connection
   * @return a Uni emitting the companies with name, domain, website, LinkedIn, country, city and
   *     queast_id
   */
  public Uni<List<CrmListing.Row>> companies(Connection c) {
    return listing.all(pacer(c.lane()), c, "companies", CrmListing.COMPANY_PROPERTIES);
  }

  /**
   * Every contact of a connection's portal (for the local CRM index).
   *
   * @param c connection
   * @return a Uni emitting the contacts with email, names, LinkedIn, country, city and queast_id
   */
  public Uni<List<CrmListing.Row>> contacts(Connection c) {
    return listing.all(pacer(c.lane()), c, "contacts", CrmListing.CONTACT_PROPERTIES);
  }

  @Override
  public boolean listable() {
    return true;
  }

  @Override
  public Uni<CrmPage> listPage(Connection connection, String kind, String cursor) {
    boolean company = "company".equals(kind);
    return listing
        .page(
            pacer(connection.lane()),
            connection,
            company ? "companies" : "contacts",
            company ? CrmListing.COMPANY_PROPERTIES : CrmListing.CONTACT_PROPERTIES,
            cursor)
        .map(
            p ->
                new CrmPage(
                    p.rows().stream().map(r -> CrmRecords.of(company, r)).toList(), p.next()));
  }

  @Override
  public Uni<FetchedRecord> fetchRecord(FetchRequest request) {
    boolean company = "company".equals(request.kind());
    List<String> props = new ArrayList<>(properties(company));
    if (company) {
      props.add(INTEREST);
    }
    return listing
        .one(
            pacer(request.connection().lane()),
            request.connection(),
            company ? "companies" : "contacts",
            props,
            request.crmId())
        .map(
            row ->
                row == null
                    ? FetchedRecord.deleted()
                    : new FetchedRecord(
                        CrmRecords.of(company, row), row.properties().get(INTEREST)));
  }

  @Override
  public boolean incremental() {
    return true;
  }

  @Override
  public Uni<ChangedPage> changedSince(ChangesRequest request) {
    boolean company = "company".equals(request.kind());
    return listing
        .changed(
            pacer(request.connection().lane()),
            request.connection(),
            company ? "companies" : "contacts",
            properties(company),
            request.since().toEpochMilli(),
            request.cursor())
        .map(
            p -> {
              java.time.Instant newest = null;
              for (CrmListing.Row r : p.rows()) {
                java.time.Instant m = HubSpotTimes.parse(r.properties().get("hs_lastmodifieddate"));
                if (m != null && (newest == null || m.isAfter(newest))) {
                  newest = m;
                }
              }
              String next = p.next();
              java.time.Instant restart = null;
              if (next != null
                  && Integer.parseInt(next) + CrmListing.SEARCH_PAGE > CrmListing.SEARCH_CAP) {
                // The search stops at 10,000 results: a new query from the newest time seen.
                restart = newest;
                next = null;
              }
              return new ChangedPage(
                  p.rows().stream().map(r -> CrmRecords.of(company, r)).toList(),
                  next,
                  restart,
                  newest);
            });
  }

  private static List<String> properties(boolean company) {
    return company ? CrmListing.COMPANY_PROPERTIES : CrmListing.CONTACT_PROPERTIES;
  }

  /** The company property a CRM user sets to mark a company as interesting. */
  public static final String INTEREST = "queast_interest";

  @Override
  public Uni<Map<String, Set<String>>> crmProperties(Connection connection, Set<String> objects) {
    return listing.propertyNames(pacer(connection.lane()), connection, objects);
  }

  @Override
  public Uni<Void> close() {
    http.close();
    return Uni.createFrom().voidItem();
  }
}

package com.queast.gateway.connector.pipedrive;

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
import com.queast.gateway.mapping.ConnectorDefaults;
import com.queast.gateway.matching.CrmRecord;
import com.queast.gateway.matching.RecordKind;
import com.queast.gateway.ratelimit.LaneLoad;
import com.queast.gateway.record.DeliveryItem;
import com.queast.gateway.record.Lanes;
import com.queast.gateway.tenant.Connection;
import com.queast.gateway.tenant.TokenManager;
import io.micrometer.core.instrument.Counter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Pipedrive connector: organizations and persons through API v2, Signals as v1 notes or v2
 * activities, paced by the company's token budget and burst window, connected by OAuth or API
 * token.
 */
public final class PipedriveConnector implements CrmConnector, RecordRemoval {

  /** Connector id. */
  public static final String CRM = "pipedrive";

  /** Connection status reason while the daily budget is spent. */
  public static final String BUDGET_EXHAUSTED = "pipedrive daily token budget exhausted";

  /**
   * The reason a lane and its connections show while the daily budget is spent.
   *
   * @param reset when the budget resets
   * @return {@link #BUDGET_EXHAUSTED} with the reset time
   */
  static String budgetExhausted(Instant reset) {
    return BUDGET_EXHAUSTED + "; resumes at " + reset;
  }

  private static final Logger LOG = LoggerFactory.getLogger(PipedriveConnector.class);
  private static final String EXHAUSTED = "lane paused until the budget reset";
  private static final String RESUMED = "budget reset; connection active again";
  private static final int MAX_BATCH = 100;

  private final ConnectorContext ctx;
  private final PipedriveHttp http;
  private final PipedriveAuth oauth;
  private final PipedrivePacers limiters;
  private final BatchDelivery delivery;
  private final PipedriveRemoval removal = new PipedriveRemoval();
  private final PipedriveSetup setup;
  private final PipedriveConnect connect;
  private final FieldKeyCache fieldKeys;
  private final Counter refreshes;
  private final Duration batchTime;
  private final PipedriveWebhooks webhooks = new PipedriveWebhooks();

  /**
   * A connector.
   *
   * @param ctx shared collaborators
   */
  public PipedriveConnector(ConnectorContext ctx) {
    this.ctx = ctx;
    this.http = new PipedriveHttp(ctx.vertx(), 10_000);
    PipedriveOptions options = PipedriveOptions.from(ctx.options("pipedrive"));
    this.oauth = new PipedriveAuth(ctx.vertx(), options, ctx.clock());
    this.limiters = new PipedrivePacers(options, ctx.clock());
    this.delivery =
        new BatchDelivery(
            new ContactWriter(ctx.identity()),
            new SignalWriter(),
            new DeliveredIds(ctx.pool()),
            ctx.identity());
    this.setup = new PipedriveSetup(ctx.connections(), ctx.tokens(), options.webhookTargetUrl());
    this.connect =
        new PipedriveConnect(
            http, oauth, java.util.regex.Pattern.compile(options.apiDomainPattern()));
    this.fieldKeys = new FieldKeyCache(ctx.connections());
    this.refreshes = ctx.meters().counter("gateway.pipedrive.token.refreshes");
    this.batchTime =
        Duration.ofMillis(Math.min(20_000, Math.max(2_000, ctx.jobLease().toMillis() / 3)));
  }

  @Override
  public Optional<WebhookSource> webhooks() {
    return Optional.of(webhooks);
  }

  @Override
  public ConnectorDescriptor descriptor() {
    return new ConnectorDescriptor(CRM, "Pipedrive", MAX_BATCH, List.of("oauth", "api_token"));
  }

  @Override
  public Optional<LaneLoad> laneLoad(String lane) {
    PipedrivePacer l = limiters.get(lane);
    if (l == null) {
      return Optional.empty();
    }
    synchronized (l) {
      return Optional.of(l.load());
    }
  }

  @Override
  public Uni<PaceDecision> pace(PaceRequest request) {
    PipedrivePacer known = limiters.get(request.lane());
    Uni<PipedrivePacer> limiter =
        known != null
            ? Uni.createFrom().item(known)
            : ctx.connections()
                .byAccount(CRM, accountOf(request.lane()))
                .map(
                    list ->
                        list.isEmpty()
                            ? null
                            : limiters.of(request.lane(), list.get(0), request.limiterState()));
    return limiter
        .chain(
            l -> {
              if (l == null) {
                return Uni.createFrom()
                    .item(PaceDecision.waitFor(Duration.ofSeconds(30), "no_connection"));
              }
              PaceDecision d;
              synchronized (l) {
                d = l.permits(request.wanted());
              }
              return d.permits() > 0
                  ? resume(request.lane()).replaceWith(d)
                  : Uni.createFrom().item(d);
            })
        .onFailure()
        .recoverWithItem(t -> PaceDecision.waitFor(Duration.ofSeconds(1), "pace_error"));
  }

  private Uni<Void> resume(String lane) {
    return ctx.connections()
        .byAccount(CRM, accountOf(lane))
        .chain(
            list -> {
              List<Uni<Void>> all = new ArrayList<>();
              for (Connection c : list) {
                if (Connection.PAUSED.equals(c.status())
                    && c.statusReason() != null
                    && c.statusReason().startsWith(BUDGET_EXHAUSTED)) {
                  LOG.info(
                      RESUMED + " tenant={} connection={} lane={}", c.tenantId(), c.id(), lane);
                  all.add(
                      ctx.connections().setStatus(c.tenantId(), c.id(), Connection.ACTIVE, null));
                }
              }
              return all.isEmpty()
                  ? Uni.createFrom().voidItem()
                  : Uni.join().all(all).andFailFast().replaceWithVoid();
            });
  }

  private static String accountOf(String lane) {
    return lane.substring(lane.indexOf(':') + 1);
  }

  @Override
  public Uni<BatchResult> deliver(DeliveryBatch batch) {
    return scoped(batch, scopes -> delivery.run(scopes, batch.items()));
  }

  @Override
  public Uni<BatchResult> remove(DeliveryBatch batch) {
    return scoped(batch, scopes -> removal.run(scopes, batch.items()));
  }

  private Uni<BatchResult> scoped(
      DeliveryBatch batch,
      java.util.function.Function<Map<UUID, ConnectionScope>, Uni<List<ItemResult>>> work) {
    Instant deadline = ctx.clock().instant().plus(batchTime);
    Set<UUID> ids = new LinkedHashSet<>();
    for (DeliveryItem it : batch.items()) {
      ids.add(it.job().connectionId());
    }
    Map<UUID, ConnectionScope> scopes = new HashMap<>();
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (UUID id : ids) {
      chain =
          chain
              .chain(
                  () ->
                      scope(batch.lane(), id, deadline)
                          .invoke(
                              s -> {
                                if (s != null) {
                                  scopes.put(id, s);
                                }
                              }))
              .replaceWithVoid();
    }
    return chain
        .chain(() -> work.apply(scopes))
        .chain(results -> finish(batch.lane(), scopes, results));
  }

  private Uni<ConnectionScope> scope(String lane, UUID id, Instant deadline) {
    return ctx.connections()
        .getAnyTenant(id)
        .chain(
            opt -> {
              if (opt.isEmpty()) {
                return Uni.createFrom().nullItem();
              }
              Connection c = opt.get();
              PipedriveSession s = session(c, limiters.of(lane, c, null), deadline);
              return ctx.mapping()
                  .forConnection(c)
                  .chain(
                      m -> fieldKeys.keys(s, m.spec()).map(f -> new ConnectionScope(c, s, m, f)));
            });
  }

  PipedriveSession session(Connection c, PipedrivePacer limiter, Instant deadline) {
    TokenManager.Refresher refresher =
        current -> oauth.refresh(current).invoke(r -> refreshes.increment());
    return new PipedriveSession(
        ctx.vertx(), http, c, ctx.tokens(), refresher, limiter, ctx.clock(), deadline);
  }

  private Uni<BatchResult> finish(
      String lane, Map<UUID, ConnectionScope> scopes, List<ItemResult> results) {
    for (ItemResult r : results) {
      if ("unknown_custom_field".equals(r.outcome().attempt().code())) {
        scopes.keySet().forEach(fieldKeys::stale);
        break;
      }
    }
    PipedrivePacer l = limiters.get(lane);
    if (l == null) {
      return Uni.createFrom().item(BatchResult.of(results, null));
    }
    JsonObject snapshot;
    boolean exhausted;
    Instant pausedUntil;
    Instant reset;
    synchronized (l) {
      snapshot = l.snapshot();
      exhausted = l.budget().isExhausted();
      pausedUntil = l.pausedUntil();
      reset = l.budget().resetAt();
    }
    if (exhausted) {
      String reason = budgetExhausted(reset);
      List<Uni<Void>> marks = new ArrayList<>();
      for (ConnectionScope s : scopes.values()) {
        Connection c = s.connection();
        LOG.warn(
            EXHAUSTED + " tenant={} connection={} lane={} until={}",
            c.tenantId(),
            c.id(),
            lane,
            reset);
        marks.add(ctx.connections().setStatus(c.tenantId(), c.id(), Connection.PAUSED, reason));
      }
      Uni<Void> all =
          marks.isEmpty()
              ? Uni.createFrom().voidItem()
              : Uni.join().all(marks).andCollectFailures().replaceWithVoid();
      return all.onFailure()
          .recoverWithNull()
          .replaceWith(new BatchResult(results, reset, reason, snapshot));
    }
    if (pausedUntil.isAfter(ctx.clock().instant())) {
      return Uni.createFrom()
          .item(new BatchResult(results, pausedUntil, "pipedrive_rate_limited", snapshot));
    }
    return Uni.createFrom().item(BatchResult.of(results, snapshot));
  }

  @Override
  public Uni<ConnectResult> connectWithCredentials(ConnectRequest request) {
    return connect.withApiToken(request);
  }

  @Override
  public String authorizeUrl(String state) {
    return oauth.authorizeUrl(state);
  }

  @Override
  public Uni<ConnectResult> exchangeCode(String code) {
    return connect.exchange(code);
  }

  @Override
  public Uni<JsonObject> setup(Connection connection) {
    PipedriveSession s =
        session(
            connection,
            limiters.of(connection.lane(), connection, null),
            ctx.clock().instant().plus(Duration.ofMinutes(2)));
    return setup
        .run(s, ConnectorDefaults.of(CRM))
        .invoke(cfg -> fieldKeys.put(connection.id(), cfg.getJsonObject("fields")));
  }

  /**
   * The writable properties of the objects a mapping writes in this account, so tenant mapping
   * overrides are checked against the real account: organizations and persons from the v2 fields
   * API ({@link CustomFields#writable}), a Signal's notes from v1 {@code noteFields} and its
   * activities from v2 {@code activityFields} ({@link SignalFields}), each read only when the
   * mapping writes that object.
   *
   * @param connection an active connection
   * @param objects CRM object types the mapping writes
   * @return a Uni emitting object → property names
   */
  @Override
  public Uni<Map<String, Set<String>>> crmProperties(Connection connection, Set<String> objects) {
    PipedriveSession s =
        session(
            connection,
            limiters.of(connection.lane(), connection, null),
            ctx.clock().instant().plus(Duration.ofMinutes(1)));
    Map<String, Set<String>> out = new java.util.concurrent.ConcurrentHashMap<>();
    List<Uni<Void>> reads = new ArrayList<>();
    for (ContactKind kind : ContactKind.values()) {
      String object = kind == ContactKind.ORGANIZATION ? "organizations" : "persons";
      if (objects.contains(object)) {
        reads.add(CustomFields.writable(s, kind).invoke(p -> out.put(object, p)).replaceWithVoid());
      }
    }
    if (objects.contains(SignalWriter.NOTES)) {
      reads.add(
          SignalFields.notes(s).invoke(p -> out.put(SignalWriter.NOTES, p)).replaceWithVoid());
    }
    if (objects.contains(SignalWriter.ACTIVITIES)) {
      reads.add(
          SignalFields.activities(s)
              .invoke(p -> out.put(SignalWriter.ACTIVITIES, p))
              .replaceWithVoid());
    }
    return reads.isEmpty()
        ? Uni.createFrom().item(out)
        : Uni.join().all(reads).andFailFast().replaceWith(out);
  }

  /**
   * Every organization of a connection's company (v2 list with cursor), for the local CRM index.
   *
   * @param c an active connection
   * @return a Uni emitting the organizations; fails when a page cannot be read
   */
  public Uni<List<PipedriveContact>> organizations(Connection c) {
    return listAll(c, ContactKind.ORGANIZATION);
  }

  /**
   * Every person of a connection's company (v2 list with cursor), for the local CRM index.
   *
   * @param c an active connection
   * @return a Uni emitting the persons; fails when a page cannot be read
   */
  public Uni<List<PipedriveContact>> persons(Connection c) {
    return listAll(c, ContactKind.PERSON);
  }

  @Override
  public boolean listable() {
    return true;
  }

  @Override
  public Uni<CrmPage> listPage(Connection c, String kind, String cursor) {
    ContactKind k = "company".equals(kind) ? ContactKind.ORGANIZATION : ContactKind.PERSON;
    PipedriveSession s =
        session(
            c, limiters.of(c.lane(), c, null), ctx.clock().instant().plus(Duration.ofSeconds(20)));
    JsonObject f = c.config().getJsonObject("fields", new JsonObject());
    String key = f.getJsonObject(k.configKey(), new JsonObject()).getString(CustomFields.QUEAST_ID);
    return ContactsApi.onePage(s, k, key, cursor)
        .map(
            p ->
                new CrmPage(
                    p.contacts().stream().map(PipedriveConnector::indexRecord).toList(), p.next()));
  }

  @Override
  public Uni<FetchedRecord> fetchRecord(FetchRequest request) {
    Connection c = request.connection();
    ContactKind k = kindOf(request.kind());
    JsonObject keys = fieldKeys(c, k);
    if (request.data() != null && request.data().containsKey("website")) {
      // A full v2 object: no call needed. Webhook v2 data is not one (it lacks website, linkedin,
      // emails: vendor notes 5.2), so a webhook's record is read once, paced like any call.
      return Uni.createFrom().item(fetched(k, request.data(), keys));
    }
    PipedriveSession s =
        session(
            c, limiters.of(c.lane(), c, null), ctx.clock().instant().plus(Duration.ofSeconds(20)));
    return s.call(k.list(), null, Map.of("ids", request.crmId()), null)
        .map(
            r -> {
              if (!r.ok() || r.body() == null) {
                throw new IllegalStateException(
                    "reading " + k.objectType() + ": " + PipedriveErrors.message(r));
              }
              io.vertx.core.json.JsonArray data =
                  r.body().getJsonArray("data", new io.vertx.core.json.JsonArray());
              return data.isEmpty()
                  ? FetchedRecord.deleted()
                  : fetched(k, data.getJsonObject(0), keys);
            });
  }

  private static FetchedRecord fetched(ContactKind k, JsonObject o, JsonObject keys) {
    if (Boolean.TRUE.equals(o.getBoolean("is_deleted"))) {
      return FetchedRecord.deleted();
    }
    PipedriveContact p = ContactsApi.contact(k, o, keys.getString(CustomFields.QUEAST_ID));
    String interest = null;
    JsonObject custom = o.getJsonObject("custom_fields");
    String key = keys.getString(CustomFields.INTEREST);
    if (custom != null && key != null && custom.getValue(key) != null) {
      Object v = custom.getValue(key);
      interest = v instanceof JsonObject j ? j.getString("value") : String.valueOf(v);
    }
    return new FetchedRecord(indexRecord(p), interest);
  }

  @Override
  public boolean incremental() {
    return true;
  }

  @Override
  public Uni<ChangedPage> changedSince(ChangesRequest request) {
    Connection c = request.connection();
    ContactKind k = kindOf(request.kind());
    JsonObject keys = fieldKeys(c, k);
    PipedriveSession s =
        session(
            c, limiters.of(c.lane(), c, null), ctx.clock().instant().plus(Duration.ofSeconds(20)));
    Map<String, String> q = new HashMap<>();
    q.put("limit", "100");
    q.put(
        "updated_since",
        request.since().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    q.put("sort_by", "update_time");
    q.put("sort_direction", "asc");
    if (request.cursor() != null) {
      q.put("cursor", request.cursor());
    }
    return s.call(k.list(), null, q, null)
        .map(
            r -> {
              if (!r.ok() || r.body() == null) {
                throw new IllegalStateException(
                    "listing changed " + k.objectType() + ": " + PipedriveErrors.message(r));
              }
              List<CrmRecord> out = new ArrayList<>();
              Instant newest = null;
              io.vertx.core.json.JsonArray data =
                  r.body().getJsonArray("data", new io.vertx.core.json.JsonArray());
              for (int i = 0; i < data.size(); i++) {
                JsonObject o = data.getJsonObject(i);
                out.add(
                    indexRecord(ContactsApi.contact(k, o, keys.getString(CustomFields.QUEAST_ID))));
                Instant u = updateTime(o.getString("update_time"));
                if (u != null && (newest == null || u.isAfter(newest))) {
                  newest = u;
                }
              }
              JsonObject more = r.body().getJsonObject("additional_data");
              return new ChangedPage(
                  out, more == null ? null : more.getString("next_cursor"), null, newest);
            });
  }

  private static Instant updateTime(String v) {
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v.contains("T") ? v : v.replace(' ', 'T') + "Z");
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static ContactKind kindOf(String gatewayKind) {
    return "company".equals(gatewayKind) ? ContactKind.ORGANIZATION : ContactKind.PERSON;
  }

  /** The custom-field hash keys setup cached for a kind ({@code queast_id}, interest...). */
  private static JsonObject fieldKeys(Connection c, ContactKind k) {
    return c.config()
        .getJsonObject("fields", new JsonObject())
        .getJsonObject(k.configKey(), new JsonObject());
  }

  private static CrmRecord indexRecord(PipedriveContact p) {
    boolean org = p.kind() == ContactKind.ORGANIZATION;
    return new CrmRecord(
        org ? RecordKind.COMPANY : RecordKind.PERSON,
        p.id(),
        p.queastId(),
        p.name(),
        org ? p.website() : null,
        p.linkedin(),
        org || p.emails() == null || p.emails().isEmpty() ? null : p.emails().get(0),
        p.country(),
        p.city(),
        null,
        null,
        p.phones() == null || p.phones().isEmpty() ? null : p.phones().get(0),
        org ? null : p.orgId());
  }

  private Uni<List<PipedriveContact>> listAll(Connection c, ContactKind kind) {
    PipedriveSession s =
        session(c, limiters.of(c.lane(), c, null), ctx.clock().instant().plus(Duration.ofHours(1)));
    JsonObject f = c.config().getJsonObject("fields", new JsonObject());
    String key =
        f.getJsonObject(kind.configKey(), new JsonObject()).getString(CustomFields.QUEAST_ID);
    return ContactsApi.listAll(s, kind, key);
  }

  @Override
  public Uni<Void> close() {
    http.close();
    oauth.close();
    return Uni.createFrom().voidItem();
  }

  /**
   * The lane of a Pipedrive company.
   *
   * @param companyId company id
   * @return lane key
   */
  public static String lane(String companyId) {
    return Lanes.of(CRM, companyId);
  }
}

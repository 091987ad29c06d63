package com.queast.gateway.tenant;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.connector.ConnectRequest;
import com.queast.gateway.connector.ConnectResult;
import com.queast.gateway.connector.ConnectorRegistry;
import com.queast.gateway.connector.CrmConnector;
import com.queast.gateway.matching.IndexJobs;
import com.queast.gateway.record.Backfills;
import com.queast.gateway.record.RecordStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection lifecycle, the same for every CRM: create (token auth connects at once; OAuth
 * returns an authorize URL with a single-use 10-minute state bound to the tenant), OAuth callback,
 * setup on connect, backfill of the tenant's records, re-authorisation, disconnection. CRM
 * specifics stay in the connector.
 */
public final class ConnectionService {

  /** OAuth state lifetime. */
  public static final Duration STATE_TTL = Duration.ofMinutes(10);

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionService.class);
  private static final String SETUP_FAILED = "connection setup failed";

  private final Pool pool;
  private final ConnectionStore connections;
  private final ConnectorRegistry connectors;
  private final RecordStore records;
  private final IndexJobs indexJobs;
  private final Clock clock;
  private final TokenManager tokens;
  private final SecureRandom random = new SecureRandom();

  /**
   * A service.
   *
   * @param pool pool (OAuth states, job counts)
   * @param connections connection store
   * @param connectors deployed connectors
   * @param records record store (backfill on connect)
   * @param indexJobs builds the CRM index of listable connectors before the backfill
   * @param clock time source
   * @param tokens credential cache (forgotten when a re-authorisation stores new credentials)
   */
  public ConnectionService(
      Pool pool,
      ConnectionStore connections,
      ConnectorRegistry connectors,
      RecordStore records,
      IndexJobs indexJobs,
      Clock clock,
      TokenManager tokens) {
    this.tokens = tokens;
    this.indexJobs = indexJobs;
    this.pool = pool;
    this.connections = connections;
    this.connectors = connectors;
    this.records = records;
    this.clock = clock;
  }

  /**
   * Creates a connection from {@code {"crm": ..., "auth": ..., ...}}.
   *
   * @param tenantId tenant (must exist)
   * @param body request body
   * @return a Uni emitting the connection JSON (with {@code authorizeUrl} for OAuth)
   */
  public Uni<JsonObject> create(String tenantId, JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    String crm = string(body, "crm", errors);
    String auth = string(body, "auth", errors);
    if (!errors.isEmpty()) {
      throw GatewayException.validation("the connection is invalid", errors);
    }
    CrmConnector connector = connectors.require(crm);
    if (!connector.descriptor().authTypes().contains(auth)) {
      throw GatewayException.validation(
          "unsupported auth",
          List.of(
              new FieldError(
                  "auth",
                  "enum",
                  "auth must be one of "
                      + String.join(", ", connector.descriptor().authTypes())
                      + " for "
                      + crm)));
    }
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    if (auth.equals("oauth")) {
      Connection pending =
          new Connection(
              id,
              tenantId,
              crm,
              auth,
              Connection.PENDING,
              "waiting for OAuth consent",
              null,
              null,
              null,
              new JsonObject(),
              now,
              now);
      return connections
          .insert(pending)
          .chain(() -> newState(tenantId, id))
          .map(state -> pending.toJson().put("authorizeUrl", connector.authorizeUrl(state)));
    }
    return connector
        .connectWithCredentials(new ConnectRequest(tenantId, id, auth, body))
        .chain(
            result -> {
              Connection c =
                  new Connection(
                      id,
                      tenantId,
                      crm,
                      auth,
                      Connection.ACTIVE,
                      null,
                      result.accountId(),
                      connections.seal(id, result.credentials()),
                      result.expiresAt(),
                      result.config(),
                      now,
                      now);
              return connections.insert(c).chain(() -> afterActivation(c));
            });
  }

  /**
   * Re-authorises an existing connection (after {@code needs_reauth}). OAuth: a new authorize URL,
   * whose callback re-activates it. Credential connections (API token): the body carries the new
   * credentials (as on create; missing keys such as {@code apiDomain} are taken from the stored
   * ones), which are verified with the CRM like on create, stored, and the connection re-activated;
   * its jobs that waited for the re-authorisation are due at once.
   *
   * @param tenantId tenant
   * @param id connection
   * @param body the new credentials for a credential connection (ignored for OAuth)
   * @return a Uni emitting {@code {"authorizeUrl": ...}} (OAuth) or the connection JSON
   */
  public Uni<JsonObject> reauthorize(String tenantId, UUID id, JsonObject body) {
    return require(tenantId, id)
        .chain(
            c -> {
              CrmConnector connector = connectors.require(c.crm());
              if (!c.authType().equals("oauth")) {
                JsonObject merged = connections.credentials(c).copy();
                merged.remove("accessToken");
                merged.remove("refreshToken");
                merged.mergeIn(body == null ? new JsonObject() : body);
                return connector
                    .connectWithCredentials(new ConnectRequest(tenantId, id, c.authType(), merged))
                    .chain(result -> activate(c, result));
              }
              return newState(tenantId, id)
                  .map(
                      state ->
                          new JsonObject()
                              .put("connectionId", id.toString())
                              .put("authorizeUrl", connector.authorizeUrl(state)));
            });
  }

  private Uni<Void> wakeReauthJobs(UUID id) {
    return pool.preparedQuery(TenantStore.SQL.get("wake-reauth-jobs"))
        .execute(Tuple.of(id, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
        .replaceWithVoid();
  }

  /**
   * Completes an OAuth install: the state must be unused and unexpired and belong to a connection
   * of this CRM.
   *
   * @param crm CRM id from the callback path
   * @param code authorization code, or null when the user refused
   * @param state the state
   * @param error the CRM's error parameter, or null
   * @return a Uni emitting the active connection's JSON
   */
  public Uni<JsonObject> completeOAuth(String crm, String code, String state, String error) {
    if (state == null || state.isBlank()) {
      throw GatewayException.validation(
          "missing state",
          List.of(new FieldError("state", "required", "the callback has no state")));
    }
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return pool.preparedQuery(TenantStore.SQL.get("use-oauth-state"))
        .execute(Tuple.of(state, now))
        .chain(
            rows -> {
              if (rows.size() == 0) {
                throw new GatewayException(
                    "invalid_state",
                    400,
                    "the OAuth state is unknown, expired or already used: start again");
              }
              UUID id = rows.iterator().next().getUUID("connection_id");
              String tenantId = rows.iterator().next().getString("tenant_id");
              return require(tenantId, id);
            })
        .chain(
            c -> {
              if (!c.crm().equals(crm)) {
                throw new GatewayException(
                    "invalid_state", 400, "the OAuth state belongs to another CRM");
              }
              if (error != null || code == null || code.isBlank()) {
                return connections
                    .setStatus(
                        c.tenantId(),
                        c.id(),
                        "error",
                        "OAuth consent refused: " + (error == null ? "no code" : error))
                    .chain(
                        () ->
                            Uni.createFrom()
                                .failure(
                                    new GatewayException(
                                        "oauth_refused", 400, "the CRM did not grant access")));
              }
              return connectors
                  .require(crm)
                  .exchangeCode(code)
                  .chain(result -> activate(c, result));
            });
  }

  private Uni<JsonObject> activate(Connection c, ConnectResult r) {
    if (c.accountId() != null && !c.accountId().equals(r.accountId())) {
      return Uni.createFrom()
          .failure(
              GatewayException.conflict(
                  "account_mismatch",
                  "this connection belongs to account "
                      + c.accountId()
                      + " but the consent was for "
                      + r.accountId()));
    }
    return connections
        .activate(c, r.accountId(), r.credentials(), r.expiresAt(), r.config())
        .invoke(() -> tokens.forget(c.id()))
        .call(() -> wakeReauthJobs(c.id()))
        .chain(() -> require(c.tenantId(), c.id()))
        .chain(this::afterActivation);
  }

  /**
   * Runs (again) the idempotent setup of a connection.
   *
   * @param tenantId tenant
   * @param id connection
   * @return a Uni emitting the connection JSON after setup
   */
  public Uni<JsonObject> setup(String tenantId, UUID id) {
    return require(tenantId, id)
        .chain(
            c -> {
              if (c.accountId() == null) {
                throw GatewayException.conflict(
                    "connection_not_connected", "the connection is not connected yet");
              }
              return afterActivation(c);
            });
  }

  private Uni<JsonObject> afterActivation(Connection c) {
    return connectors
        .require(c.crm())
        .setup(c)
        .chain(
            cfg ->
                connections.mergeConfig(
                    c.tenantId(), c.id(), cfg.put("setupAt", clock.instant().toString())))
        .chain(() -> connections.setStatus(c.tenantId(), c.id(), Connection.ACTIVE, null))
        .chain(
            () ->
                // A listable CRM is indexed first (paced page jobs in the lane); the last page
                // starts the backfill,
                // so the first deliveries are matched against the whole CRM.
                connectors.require(c.crm()).listable()
                    ? indexJobs.start(c).replaceWith((JsonObject) null)
                    : records
                        .backfill(c.tenantId(), c.id(), c.lane(), "connect")
                        .map(Backfills.Backfill::toJson))
        .chain(
            b ->
                view(c.tenantId(), c.id())
                    .map(j -> b == null ? j.put("indexing", true) : j.put("backfill", b)))
        .onFailure(t -> !(t instanceof GatewayException g && g.clientFault()))
        .recoverWithUni(
            t -> {
              LOG.warn(
                  SETUP_FAILED,
                  kv("tenant", c.tenantId()),
                  kv("connection", c.id()),
                  kv("error", t.toString()));
              return connections
                  .setStatus(c.tenantId(), c.id(), "error", "setup failed: " + publicReason(t))
                  .chain(() -> view(c.tenantId(), c.id()));
            });
  }

  /**
   * Disconnects: no more deliveries; pending jobs are cancelled (replayable if it is connected
   * again).
   *
   * @param tenantId tenant
   * @param id connection
   * @return a Uni emitting the connection JSON
   */
  public Uni<JsonObject> disconnect(String tenantId, UUID id) {
    return require(tenantId, id)
        .chain(
            c -> connections.setStatus(tenantId, id, "disconnected", "disconnected by the tenant"))
        .chain(
            () ->
                pool.preparedQuery(TenantStore.SQL.get("cancel-connection-jobs"))
                    .execute(
                        Tuple.of(id, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))))
        .chain(() -> view(tenantId, id));
  }

  /**
   * A connection with its lane state and job counts.
   *
   * @param tenantId tenant
   * @param id connection
   * @return a Uni emitting the JSON, or failing with 404
   */
  public Uni<JsonObject> view(String tenantId, UUID id) {
    return require(tenantId, id).chain(this::decorate);
  }

  /**
   * A tenant's connections with their status.
   *
   * @param tenantId tenant
   * @return a Uni emitting {@code {"items": [...]}}
   */
  public Uni<JsonObject> list(String tenantId) {
    return connections
        .list(tenantId)
        .chain(
            list -> {
              if (list.isEmpty()) {
                return Uni.createFrom()
                    .item(new JsonObject().put("items", new io.vertx.core.json.JsonArray()));
              }
              List<Uni<JsonObject>> views = list.stream().map(this::decorate).toList();
              return Uni.join()
                  .all(views)
                  .andFailFast()
                  .map(
                      v ->
                          new JsonObject()
                              .put("items", new io.vertx.core.json.JsonArray(new ArrayList<>(v))));
            });
  }

  private Uni<JsonObject> decorate(Connection c) {
    JsonObject out = c.toJson();
    Uni<Void> lane =
        c.lane() == null
            ? Uni.createFrom().voidItem()
            : pool.preparedQuery(TenantStore.SQL.get("lane-status"))
                .execute(Tuple.of(c.lane()))
                .invoke(
                    rows -> {
                      if (rows.size() > 0) {
                        var r = rows.iterator().next();
                        OffsetDateTime until = r.getOffsetDateTime("paused_until");
                        if (until != null && until.toInstant().isAfter(clock.instant())) {
                          out.put(
                              "lanePause",
                              new JsonObject()
                                  .put("until", until.toInstant().toString())
                                  .put("reason", r.getString("pause_reason")));
                        }
                      }
                    })
                .replaceWithVoid();
    return lane.chain(
        () ->
            pool.preparedQuery(TenantStore.SQL.get("job-counts-for-connection"))
                .execute(Tuple.of(c.id()))
                .map(
                    rows -> {
                      JsonObject jobs = new JsonObject();
                      rows.forEach(r -> jobs.put(r.getString(0), r.getLong(1)));
                      return out.put("jobs", jobs);
                    }));
  }

  private Uni<Connection> require(String tenantId, UUID id) {
    return connections
        .get(tenantId, id)
        .map(c -> c.orElseThrow(() -> GatewayException.notFound("connection", id.toString())));
  }

  private Uni<String> newState(String tenantId, UUID connectionId) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    String state = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    return pool.preparedQuery(TenantStore.SQL.get("insert-oauth-state"))
        .execute(
            Tuple.of(
                state,
                tenantId,
                connectionId,
                OffsetDateTime.ofInstant(clock.instant().plus(STATE_TTL), ZoneOffset.UTC)))
        .replaceWith(state);
  }

  private static String string(JsonObject body, String key, List<FieldError> errors) {
    Object v = body.getValue(key);
    if (v == null) {
      errors.add(new FieldError(key, "required", key + " is required"));
      return null;
    }
    if (!(v instanceof String s) || s.isBlank()) {
      errors.add(new FieldError(key, "type", key + " must be a non-empty string"));
      return null;
    }
    return s;
  }

  /**
   * What a connection's {@code statusReason} may say about a failure: the message of the gateway's
   * own typed errors (written for operators), never a Java exception's text (class names, casts),
   * which stays in the log.
   */
  static String publicReason(Throwable t) {
    if (t instanceof GatewayException g && g.getMessage() != null) {
      return g.getMessage();
    }
    return "unexpected error (details in the gateway log)";
  }
}

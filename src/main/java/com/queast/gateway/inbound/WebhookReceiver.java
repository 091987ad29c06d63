package com.queast.gateway.inbound;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.queast.gateway.api.Problems;
import com.queast.gateway.api.RouteContributor;
import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.connector.hubspot.HubSpotSignatures;
import com.queast.gateway.tenant.Connection;
import com.queast.gateway.tenant.ConnectionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives CRM webhooks ({@code POST /v1/webhooks/hubspot}, {@code POST /v1/webhooks/pipedrive}):
 * verifies them (HubSpot v3 signature and timestamp, Pipedrive per-connection Basic credentials,
 * both compared in constant time), maps each event to the connection it authenticates for, stores
 * every accepted event with its processing job in one transaction and answers 200. Processing runs
 * later in the connection's lane ({@link InboundJobs}).
 */
public final class WebhookReceiver implements RouteContributor {

  /** HubSpot's webhook path. */
  public static final String HUBSPOT_PATH = "/v1/webhooks/hubspot";

  /** Pipedrive's webhook path. */
  public static final String PIPEDRIVE_PATH = "/v1/webhooks/pipedrive";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);
  private static final String ACCEPTED = "webhook accepted";
  private static final String REJECTED = "webhook rejected";
  private static final String UNKNOWN_PORTAL = "webhook for a portal without a connection";
  private static final String PD_USER_PREFIX = "queast-";
  private static final String BUSY = "webhook answered 503: receipt saturated";

  /** Most events stored in one group commit (HubSpot sends at most 100 per request). */
  private static final int MAX_GROUP = 2_000;

  private final ConnectionStore connections;
  private final InboundStore store;
  private final Clock clock;
  private final MeterRegistry meters;
  private final String hubspotSecret;
  private final String hubspotTargetUrl;
  private final String hubspotAppId;
  private final long maxBodyBytes;
  private final ReceiptGate gate;
  private final ReceiptGate.Counter inFlight;
  private final ReceiptBatcher batcher;

  /**
   * A receiver with the default backpressure ({@link ReceiptGate#DEFAULT}).
   *
   * @param connections connections (portal lookup, webhook credentials)
   * @param store durable events
   * @param clock time source (signature freshness)
   * @param meters metrics
   * @param hubspotSecret the HubSpot app's client secret (signs webhooks)
   * @param hubspotTargetUrl the URL HubSpot was told to call (signed as the request URI)
   * @param hubspotAppId the HubSpot app's id (recognises the echoes of our own writes), or null
   * @param maxBodyBytes largest body accepted
   */
  public WebhookReceiver(
      ConnectionStore connections,
      InboundStore store,
      Clock clock,
      MeterRegistry meters,
      String hubspotSecret,
      String hubspotTargetUrl,
      String hubspotAppId,
      long maxBodyBytes) {
    this(
        connections,
        store,
        clock,
        meters,
        hubspotSecret,
        hubspotTargetUrl,
        hubspotAppId,
        maxBodyBytes,
        ReceiptGate.DEFAULT);
  }

  /**
   * A receiver.
   *
   * @param connections connections (webhook credentials)
   * @param store durable events (on the pool reserved for receipt)
   * @param clock time source (signature freshness)
   * @param meters metrics
   * @param hubspotSecret the HubSpot app's client secret (signs webhooks)
   * @param hubspotTargetUrl the URL HubSpot was told to call (signed as the request URI)
   * @param hubspotAppId the HubSpot app's id (recognises the echoes of our own writes), or null
   * @param maxBodyBytes largest body accepted
   * @param gate backpressure: in-flight cap, answer deadline, {@code Retry-After}
   */
  public WebhookReceiver(
      ConnectionStore connections,
      InboundStore store,
      Clock clock,
      MeterRegistry meters,
      String hubspotSecret,
      String hubspotTargetUrl,
      String hubspotAppId,
      long maxBodyBytes,
      ReceiptGate gate) {
    this.gate = gate;
    this.inFlight = gate.counter();
    this.batcher =
        new ReceiptBatcher(requests -> store.acceptAll(requests), gate.transactions(), MAX_GROUP);
    this.connections = connections;
    this.store = store;
    this.clock = clock;
    this.meters = meters;
    this.hubspotSecret = hubspotSecret;
    this.hubspotTargetUrl = hubspotTargetUrl;
    this.hubspotAppId = hubspotAppId;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void mount(Router router) {
    // Webhooks authenticate themselves: see mountPublic.
  }

  @Override
  public void mountPublic(Router router) {
    router.post(HUBSPOT_PATH).handler(ctx -> handle(ctx, "hubspot", this::hubspot));
    router.post(PIPEDRIVE_PATH).handler(ctx -> handle(ctx, "pipedrive", this::pipedrive));
  }

  private interface Reader {
    Uni<Parsed> read(RoutingContext ctx, String body);
  }

  /**
   * What a webhook request carried: the events to store, and how many it held that are not stored
   * (objects the index does not hold, and echoes of the gateway's own writes).
   */
  record Parsed(List<InboundEvent> events, int ignored) {}

  private void handle(RoutingContext ctx, String crm, Reader reader) {
    long started = System.nanoTime();
    String body = ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString();
    if (body.length() > maxBodyBytes) {
      reject(ctx, crm, new GatewayException("payload_too_large", 413, "webhook body too large"));
      return;
    }
    if (!inFlight.tryEnter()) {
      busy(ctx, crm, "in_flight", null);
      return;
    }
    Uni<Parsed> events;
    try {
      events = reader.read(ctx, body);
    } catch (GatewayException e) {
      inFlight.leave();
      reject(ctx, crm, e);
      return;
    } catch (RuntimeException e) {
      inFlight.leave();
      throw e;
    }
    events
        .chain(
            parsed ->
                batcher
                    .accept(parsed.events())
                    .map(
                        fresh ->
                            new JsonObject()
                                .put("received", parsed.events().size())
                                .put("new", fresh)
                                .put("ignored", parsed.ignored())))
        // Past the deadline the vendor may give up on us: a 503 makes it retry. If the
        // transaction commits after all, the retry is deduplicated on the event key.
        .ifNoItem()
        .after(gate.answerWithin())
        .fail()
        .onTermination()
        .invoke(inFlight::leave)
        .subscribe()
        .with(
            out -> {
              meters
                  .counter("gateway.inbound.accepted", "crm", crm)
                  .increment(out.getInteger("new"));
              meters
                  .timer("gateway.inbound.receipt", "crm", crm)
                  .record(java.time.Duration.ofNanos(System.nanoTime() - started));
              LOG.debug(
                  ACCEPTED,
                  kv("crm", crm),
                  kv("events", out.getInteger("received")),
                  kv("new", out.getInteger("new")),
                  kv("ignored", out.getInteger("ignored")));
              ctx.response()
                  .setStatusCode(200)
                  .putHeader("Content-Type", "application/json")
                  .endAndForget(out.encode());
            },
            t -> {
              if (t instanceof GatewayException g) {
                reject(ctx, crm, g);
              } else {
                // No connection in time, the deadline, or the database failing: nothing was
                // acknowledged, and both vendors retry a 5xx.
                busy(
                    ctx,
                    crm,
                    t instanceof io.smallrye.mutiny.TimeoutException ? "deadline" : "store",
                    t);
              }
            });
  }

  private void busy(RoutingContext ctx, String crm, String reason, Throwable cause) {
    meters.counter("gateway.inbound.busy", "crm", crm, "reason", reason).increment();
    LOG.info(
        BUSY,
        kv("crm", crm),
        kv("reason", reason),
        kv("error", cause == null ? null : cause.getClass().getSimpleName()));
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response().putHeader("Retry-After", Integer.toString(gate.retryAfterSeconds()));
    Problems.write(
        ctx,
        new GatewayException(
            "receipt_unavailable", 503, "webhook receipt is saturated; retry later"),
        null);
  }

  private void reject(RoutingContext ctx, String crm, GatewayException e) {
    meters.counter("gateway.inbound.rejected", "crm", crm, "code", e.code()).increment();
    LOG.info(REJECTED, kv("crm", crm), kv("code", e.code()), kv("status", e.status()));
    Problems.write(ctx, e, null);
  }

  private static GatewayException malformed(String field, String message) {
    return GatewayException.validation(
        "the webhook payload is malformed", List.of(new FieldError(field, "format", message)));
  }

  // ---------------------------------------------------------------- HubSpot

  private Uni<Parsed> hubspot(RoutingContext ctx, String body) {
    String signature = ctx.request().getHeader(HubSpotSignatures.HEADER_SIGNATURE_V3);
    String timestamp = ctx.request().getHeader(HubSpotSignatures.HEADER_TIMESTAMP);
    if (hubspotSecret == null || hubspotSecret.isEmpty()) {
      throw new GatewayException("webhooks_not_configured", 401, "no HubSpot client secret");
    }
    if (signature == null || timestamp == null) {
      throw new GatewayException(
          "signature_missing",
          401,
          "X-HubSpot-Signature-v3 and X-HubSpot-Request-Timestamp needed");
    }
    long ts;
    try {
      ts = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw new GatewayException("timestamp_invalid", 401, "the request timestamp is not a number");
    }
    if (Math.abs(clock.millis() - ts) > HubSpotSignatures.MAX_AGE_MILLIS) {
      throw new GatewayException("timestamp_stale", 401, "the request is older than 5 minutes");
    }
    boolean ok = false;
    for (String uri : hubspotUris(ctx)) {
      // Every candidate is checked (no early exit) so timing does not tell which one matched.
      ok |=
          HubSpotSignatures.verifyV3(
              hubspotSecret, "POST", uri, body, timestamp, signature, clock.millis());
    }
    if (!ok) {
      throw new GatewayException("signature_invalid", 401, "the signature does not match");
    }
    JsonArray arr;
    try {
      Object parsed = io.vertx.core.json.Json.decodeValue(body);
      if (!(parsed instanceof JsonArray a)) {
        throw malformed("body", "must be a JSON array of events");
      }
      arr = a;
    } catch (DecodeException e) {
      throw malformed("body", "is not JSON");
    }
    List<JsonObject> parsedEvents = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      Object o = arr.getValue(i);
      String at = "[" + i + "]";
      if (!(o instanceof JsonObject e)) {
        throw malformed(at, "must be an object");
      }
      for (String f : List.of("eventId", "portalId", "occurredAt")) {
        if (!(e.getValue(f) instanceof Number)) {
          throw malformed(at + "." + f, f + " must be a number");
        }
      }
      if (!(e.getValue("subscriptionType") instanceof String)) {
        throw malformed(at + ".subscriptionType", "subscriptionType must be a string");
      }
      parsedEvents.add(e);
    }
    // Map portals to connections: every connection of the portal gets its own copy of the event.
    java.util.Set<Long> portals = new java.util.LinkedHashSet<>();
    for (JsonObject e : parsedEvents) {
      portals.add(e.getLong("portalId"));
    }
    if (portals.isEmpty()) {
      return Uni.createFrom().item(new Parsed(List.of(), 0));
    }
    // One statement for every portal of the batch, on the connections reserved for receipt.
    return store
        .hubspotConnections(new ArrayList<>(portals))
        .map(
            byPortal -> {
              List<InboundEvent> out = new ArrayList<>();
              int skipped = 0;
              for (JsonObject e : parsedEvents) {
                List<Connection> cs = byPortal.getOrDefault(e.getLong("portalId"), List.of());
                if (cs.isEmpty()) {
                  LOG.info(UNKNOWN_PORTAL, kv("portalId", e.getLong("portalId")));
                }
                String type = e.getString("subscriptionType");
                String kind = hubspotKind(type, e.getString("objectTypeId"));
                Object objectId = e.getValue("objectId");
                if (kind == null || !(objectId instanceof Number) || hubspotEcho(e)) {
                  // Associations, deals...: not part of the index. Echoes of our own writes: the
                  // write already refreshed the index (IdentityResolver.written).
                  skipped++;
                  continue;
                }
                for (Connection c : cs) {
                  out.add(
                      new InboundEvent(
                          c.tenantId(),
                          c.id(),
                          c.lane(),
                          "hubspot",
                          hubspotKey(e),
                          kind,
                          String.valueOf(((Number) objectId).longValue()),
                          hubspotAction(type),
                          e.getString("propertyName"),
                          e.getValue("propertyValue") == null
                              ? null
                              : String.valueOf(e.getValue("propertyValue")),
                          Instant.ofEpochMilli(e.getLong("occurredAt")),
                          e));
                }
              }
              return new Parsed(out, skipped);
            });
  }

  /**
   * The dedupe key of a HubSpot event. HubSpot says {@code eventId} "is not guaranteed to be
   * unique" (vendor notes §7.3), so the key also holds what the event is about; a retry repeats all
   * of these ({@code attemptNumber} is left out).
   */
  static String hubspotKey(JsonObject e) {
    StringBuilder k =
        new StringBuilder("hubspot:")
            .append(e.getValue("eventId"))
            .append(':')
            .append(e.getString("subscriptionType"))
            .append(':')
            .append(e.getValue("objectId"));
    if (e.getValue("propertyName") != null) {
      k.append(':').append(e.getValue("propertyName"));
    }
    return k.append(':').append(e.getValue("occurredAt")).toString();
  }

  /**
   * Whether a HubSpot event reports a write the gateway made itself: {@code changeSource}
   * INTEGRATION with our app as {@code sourceId}. Deletions and interest changes are never echoes
   * (the gateway does neither).
   */
  boolean hubspotEcho(JsonObject e) {
    return hubspotAppId != null
        && !hubspotAppId.isBlank()
        && "INTEGRATION".equals(e.getString("changeSource"))
        && hubspotAppId.equals(String.valueOf(e.getValue("sourceId")))
        && !e.getString("subscriptionType", "").endsWith(".deletion")
        && !InterestHandler.HUBSPOT_PROPERTY.equals(e.getString("propertyName"));
  }

  private List<String> hubspotUris(RoutingContext ctx) {
    List<String> uris = new ArrayList<>();
    String query = ctx.request().query();
    if (hubspotTargetUrl != null && !hubspotTargetUrl.isEmpty()) {
      uris.add(
          hubspotTargetUrl + (query == null || hubspotTargetUrl.contains("?") ? "" : "?" + query));
    }
    uris.add(ctx.request().absoluteURI());
    return uris;
  }

  static String hubspotKind(String subscriptionType, String objectTypeId) {
    String object = subscriptionType.contains(".") ? subscriptionType.split("\\.")[0] : "";
    if ("object".equals(object)) {
      return "0-2".equals(objectTypeId) ? "company" : "0-1".equals(objectTypeId) ? "person" : null;
    }
    return "company".equals(object) ? "company" : "contact".equals(object) ? "person" : null;
  }

  static String hubspotAction(String subscriptionType) {
    if (subscriptionType.endsWith(".creation")) {
      return "create";
    }
    if (subscriptionType.endsWith(".deletion")) {
      return "delete";
    }
    return "change";
  }

  // ---------------------------------------------------------------- Pipedrive

  private Uni<Parsed> pipedrive(RoutingContext ctx, String body) {
    String[] basic = basic(ctx.request().getHeader("Authorization"));
    String user = basic[0];
    if (!user.startsWith(PD_USER_PREFIX) || user.length() != PD_USER_PREFIX.length() + 8) {
      throw new GatewayException("credentials_invalid", 401, "unknown webhook credentials");
    }
    String password = basic[1];
    return store
        .pipedriveCandidates(user.substring(PD_USER_PREFIX.length()))
        .map(
            candidates -> {
              Connection match = null;
              for (Connection c : candidates) {
                JsonObject creds = connections.credentials(c);
                boolean u = equal(user, creds.getString("webhookUser"));
                boolean p = equal(password, creds.getString("webhookPassword"));
                if (u && p) {
                  match = c;
                }
              }
              if (match == null) {
                throw new GatewayException(
                    "credentials_invalid", 401, "unknown webhook credentials");
              }
              return pipedriveEvents(match, body);
            });
  }

  private static String[] basic(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      throw new GatewayException("credentials_missing", 401, "HTTP Basic credentials needed");
    }
    String pair;
    try {
      pair =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new GatewayException("credentials_invalid", 401, "unreadable Basic credentials");
    }
    int colon = pair.indexOf(':');
    if (colon < 0) {
      throw new GatewayException("credentials_invalid", 401, "unreadable Basic credentials");
    }
    return new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
  }

  private static boolean equal(String given, String expected) {
    return expected != null
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private static Parsed pipedriveEvents(Connection c, String body) {
    JsonObject e;
    try {
      Object parsed = io.vertx.core.json.Json.decodeValue(body);
      if (!(parsed instanceof JsonObject o)) {
        throw malformed("body", "must be a JSON object with meta and data");
      }
      e = o;
    } catch (DecodeException x) {
      throw malformed("body", "is not JSON");
    }
    JsonObject meta = e.getValue("meta") instanceof JsonObject m ? m : null;
    if (meta == null) {
      throw malformed("meta", "meta must be an object");
    }
    for (String f : List.of("id", "action", "entity", "entity_id", "company_id")) {
      Object v = meta.getValue(f);
      if (!(v instanceof String) && !(v instanceof Number)) {
        throw malformed("meta." + f, f + " is required");
      }
    }
    if (e.getValue("data") != null && !(e.getValue("data") instanceof JsonObject)) {
      throw malformed("data", "data must be an object or null");
    }
    if (!String.valueOf(meta.getValue("company_id")).equals(c.accountId())) {
      // The credentials were issued for another Pipedrive company: never let it touch this one.
      throw new GatewayException(
          "account_mismatch", 401, "the event belongs to another Pipedrive company");
    }
    String entity = String.valueOf(meta.getValue("entity"));
    String kind =
        "organization".equals(entity) ? "company" : "person".equals(entity) ? "person" : null;
    String action = String.valueOf(meta.getValue("action"));
    if (kind == null || pipedriveEcho(c, meta, action)) {
      return new Parsed(List.of(), 1);
    }
    String normalized =
        switch (action) {
          case "create", "added" -> "create";
          case "delete", "deleted" -> "delete";
          default -> "change";
        };
    Instant at;
    Object ts = meta.getValue("timestamp");
    try {
      at = pipedriveTime(ts);
    } catch (java.time.format.DateTimeParseException x) {
      throw malformed("meta.timestamp", "timestamp must be ISO-8601 or epoch ms");
    }
    return new Parsed(
        List.of(
            new InboundEvent(
                c.tenantId(),
                c.id(),
                c.lane(),
                "pipedrive",
                "pipedrive:" + meta.getValue("id"),
                kind,
                String.valueOf(meta.getValue("entity_id")),
                normalized,
                null,
                null,
                at,
                e)),
        0);
  }

  /**
   * When a Pipedrive event happened: an ISO-8601 string (entity events), or epoch seconds (user
   * events show a 10-digit number, vendor notes §5.2); a number too large for seconds is taken as
   * milliseconds.
   */
  static Instant pipedriveTime(Object ts) {
    if (ts == null) {
      return Instant.EPOCH;
    }
    if (ts instanceof Number n) {
      long v = n.longValue();
      return v < 100_000_000_000L ? Instant.ofEpochSecond(v) : Instant.ofEpochMilli(v);
    }
    String text = String.valueOf(ts).trim();
    if (text.matches("\\d{1,15}")) {
      return pipedriveTime(Long.parseLong(text));
    }
    return Instant.parse(text);
  }

  /**
   * Whether a Pipedrive event reports a write the gateway made itself: made through the API ({@code
   * change_source: api}) by the user the connection acts as. Deletions are never echoes (the
   * gateway deletes nothing); interest changes are not written by the gateway either, so an API
   * change by our user is a record or a note we delivered.
   */
  static boolean pipedriveEcho(Connection c, JsonObject meta, String action) {
    String ours = c.config() == null ? null : c.config().getString("userId");
    return ours != null
        && "api".equals(meta.getString("change_source"))
        && ours.equals(String.valueOf(meta.getValue("user_id")))
        && !"delete".equals(action)
        && !"deleted".equals(action);
  }
}

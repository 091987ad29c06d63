package com.queast.gateway.connector.hubspot;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.connector.WebhookBatch;
import com.queast.gateway.connector.WebhookConnections;
import com.queast.gateway.connector.WebhookEvent;
import com.queast.gateway.connector.WebhookRequest;
import com.queast.gateway.connector.WebhookSource;
import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HubSpot's webhooks ({@code POST /v1/webhooks/hubspot}): the v3 signature and timestamp (compared
 * in constant time against every URI the request may have been signed with), a JSON array of
 * events, each portal's connections found in one statement; every connection of a portal gets its
 * own copy of an event.
 */
public final class HubSpotWebhooks implements WebhookSource {

  private static final Logger LOG = LoggerFactory.getLogger(HubSpotWebhooks.class);
  private static final String UNKNOWN_PORTAL = "webhook for a portal without a connection";
  private static final String CRM = "hubspot";

  private final String secret;
  private final String targetUrl;
  private final String appId;
  private final Clock clock;

  /**
   * The webhook source of one HubSpot app.
   *
   * @param secret the app's client secret (signs webhooks), or null when not configured
   * @param targetUrl the URL HubSpot was told to call (signed as the request URI), or null
   * @param appId the app's id (recognises the echoes of our own writes), or null
   * @param clock time source (signature freshness)
   */
  public HubSpotWebhooks(String secret, String targetUrl, String appId, Clock clock) {
    this.secret = secret;
    this.targetUrl = targetUrl;
    this.appId = appId;
    this.clock = clock;
  }

  @Override
  public String pathSegment() {
    return CRM;
  }

  @Override
  public Uni<WebhookBatch> receive(WebhookRequest request, WebhookConnections connections) {
    verify(request);
    List<JsonObject> parsedEvents = events(request.body());
    Set<String> portals = new LinkedHashSet<>();
    for (JsonObject e : parsedEvents) {
      portals.add(String.valueOf(e.getLong("portalId")));
    }
    if (portals.isEmpty()) {
      return Uni.createFrom().item(new WebhookBatch(List.of(), 0));
    }
    // One statement for every portal of the batch, on the connections reserved for receipt.
    return connections
        .byAccounts(CRM, new ArrayList<>(portals))
        .map(
            byPortal -> {
              List<WebhookEvent> out = new ArrayList<>();
              int skipped = 0;
              for (JsonObject e : parsedEvents) {
                String portal = String.valueOf(e.getLong("portalId"));
                List<Connection> cs = byPortal.getOrDefault(portal, List.of());
                if (cs.isEmpty()) {
                  LOG.info(UNKNOWN_PORTAL, kv("portalId", e.getLong("portalId")));
                }
                String type = e.getString("subscriptionType");
                String kind = kind(type, e.getString("objectTypeId"));
                Object objectId = e.getValue("objectId");
                if (kind == null || !(objectId instanceof Number) || echo(null, e)) {
                  // Associations, deals...: not part of the index. Echoes of our own writes: the
                  // write already refreshed the index (IdentityResolver.written).
                  skipped++;
                  continue;
                }
                for (Connection c : cs) {
                  out.add(
                      new WebhookEvent(
                          c,
                          key(e),
                          kind,
                          String.valueOf(((Number) objectId).longValue()),
                          action(type),
                          e.getString("propertyName"),
                          e.getValue("propertyValue") == null
                              ? null
                              : String.valueOf(e.getValue("propertyValue")),
                          Instant.ofEpochMilli(e.getLong("occurredAt")),
                          e));
                }
              }
              return new WebhookBatch(out, skipped);
            });
  }

  private void verify(WebhookRequest request) {
    String signature = request.header(HubSpotSignatures.HEADER_SIGNATURE_V3);
    String timestamp = request.header(HubSpotSignatures.HEADER_TIMESTAMP);
    if (secret == null || secret.isEmpty()) {
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
    for (String uri : uris(request)) {
      // Every candidate is checked (no early exit) so timing does not tell which one matched.
      ok |=
          HubSpotSignatures.verifyV3(
              secret, request.method(), uri, request.body(), timestamp, signature, clock.millis());
    }
    if (!ok) {
      throw new GatewayException("signature_invalid", 401, "the signature does not match");
    }
  }

  private static List<JsonObject> events(String body) {
    JsonArray arr;
    try {
      Object parsed = Json.decodeValue(body);
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
    return parsedEvents;
  }

  private static GatewayException malformed(String field, String message) {
    return GatewayException.validation(
        "the webhook payload is malformed", List.of(new FieldError(field, "format", message)));
  }

  /**
   * The dedupe key of a HubSpot event. HubSpot says {@code eventId} "is not guaranteed to be
   * unique" (vendor notes §7.3), so the key also holds what the event is about; a retry repeats all
   * of these ({@code attemptNumber} is left out).
   */
  static String key(JsonObject e) {
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
   * (the gateway does neither). The answer does not depend on the connection.
   */
  @Override
  public boolean echo(Connection connection, JsonObject e) {
    return appId != null
        && !appId.isBlank()
        && "INTEGRATION".equals(e.getString("changeSource"))
        && appId.equals(String.valueOf(e.getValue("sourceId")))
        && !e.getString("subscriptionType", "").endsWith(".deletion")
        && !HubSpotConnector.INTEREST.equals(e.getString("propertyName"));
  }

  /** A HubSpot interest change names the interest property. */
  @Override
  public boolean interestChanged(Connection connection, String propertyName, JsonObject payload) {
    return HubSpotConnector.INTEREST.equals(propertyName);
  }

  private List<String> uris(WebhookRequest request) {
    List<String> uris = new ArrayList<>();
    String query = request.query();
    if (targetUrl != null && !targetUrl.isEmpty()) {
      uris.add(targetUrl + (query == null || targetUrl.contains("?") ? "" : "?" + query));
    }
    uris.add(request.absoluteUri());
    return uris;
  }

  static String kind(String subscriptionType, String objectTypeId) {
    String object = subscriptionType.contains(".") ? subscriptionType.split("\\.")[0] : "";
    if ("object".equals(object)) {
      return "0-2".equals(objectTypeId) ? "company" : "0-1".equals(objectTypeId) ? "person" : null;
    }
    return "company".equals(object) ? "company" : "contact".equals(object) ? "person" : null;
  }

  static String action(String subscriptionType) {
    if (subscriptionType.endsWith(".creation")) {
      return "create";
    }
    if (subscriptionType.endsWith(".deletion")) {
      return "delete";
    }
    return "change";
  }
}

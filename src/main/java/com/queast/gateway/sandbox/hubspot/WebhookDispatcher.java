package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns CRM changes into HubSpot webhook deliveries: events of installed portals matching active
 * subscriptions are batched per portal (at most 100 per request), signed (v1 or v2, and v3) with
 * the app's client secret, POSTed to the target URL, and retried on connection failure, timeout or
 * any non-2xx answer on the retry schedule (divided by the time-compression factor), with {@code
 * attemptNumber} counting up. Every attempt is recorded in a delivery log.
 */
public final class WebhookDispatcher implements CrmEvents {

  static final String USER_AGENT =
      "HubSpot Connect 2.0 (http://dev.hubspot.com/) (namespace: webhooks-nio-http-client)"
          + " - WebhooksExecutorDaemon-executor";

  /** The delivery log keeps the most recent attempts only. */
  static final int MAX_LOG = 10_000;

  private final Vertx vertx;
  private final HubSpotSandboxOptions options;
  private final WebhookConfig config;
  private final WebClient client;
  private final AtomicLong eventIds = new AtomicLong(1_000_000_000L);
  private final Map<Long, List<JsonObject>> pending = new LinkedHashMap<>();
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private final List<JsonObject> deliveries = new ArrayList<>();
  private final java.util.Set<Long> timers = new java.util.HashSet<>();
  private boolean flushScheduled;
  private int inFlight;
  private volatile boolean closed;

  /**
   * A dispatcher.
   *
   * @param vertx for timers and the HTTP client
   * @param options batching, signing, retry and timeout settings
   */
  public WebhookDispatcher(Vertx vertx, HubSpotSandboxOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.config = new WebhookConfig(options.clock());
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setUserAgent(USER_AGENT)
                .setConnectTimeout((int) options.webhookTimeoutMs()));
  }

  /**
   * The app's settings and subscriptions.
   *
   * @return config
   */
  public WebhookConfig config() {
    return config;
  }

  @Override
  public void created(Portal portal, CrmObject object, Source source) {
    emit(portal, object, "creation", null, null, source);
  }

  @Override
  public void propertyChanged(
      Portal portal, CrmObject object, String property, String value, Source source) {
    emit(portal, object, "propertyChange", property, value, source);
  }

  @Override
  public void deleted(Portal portal, CrmObject object, Source source) {
    emit(portal, object, "deletion", null, null, source);
  }

  @Override
  public void associationChanged(
      Portal portal, AssociationTypes.Type type, long fromId, long toId, boolean removed) {
    ObjectType from = type.from();
    if (closed || !portal.appInstalled() || config.settings().isEmpty()) {
      return;
    }
    long occurredAt = options.clock().millis();
    for (JsonObject s : config.matching(from, "associationChange", null)) {
      JsonObject e = header(s, portal, occurredAt);
      if (s.getString("eventType").startsWith("object.")) {
        e.put("objectTypeId", from.typeId());
      }
      e.put("changeSource", Source.INTEGRATION.name())
          .put("associationType", from.upper() + "_TO_" + type.to().upper())
          .put("associationTypeId", type.typeId())
          .put("fromObjectId", fromId)
          .put("toObjectId", toId)
          .put("associationRemoved", removed)
          .put("isPrimaryAssociation", "Primary".equals(type.label()));
      enqueue(portal.id(), e);
    }
  }

  private JsonObject header(JsonObject subscription, Portal portal, long occurredAt) {
    return new JsonObject()
        .put("eventId", eventIds.incrementAndGet())
        .put("subscriptionId", Long.parseLong(subscription.getString("id")))
        .put("portalId", portal.id())
        .put("appId", options.appId())
        .put("occurredAt", occurredAt)
        .put("subscriptionType", subscription.getString("eventType"))
        .put("attemptNumber", 0);
  }

  private void emit(
      Portal portal, CrmObject o, String action, String property, String value, Source source) {
    if (closed || !portal.appInstalled() || config.settings().isEmpty()) {
      return;
    }
    long occurredAt = options.clock().millis();
    for (JsonObject s : config.matching(o.type(), action, property)) {
      JsonObject e = header(s, portal, occurredAt).put("objectId", o.id());
      if (s.getString("eventType").startsWith("object.")) {
        e.put("objectTypeId", o.type().typeId());
      }
      if (property != null) {
        e.put("propertyName", property).put("propertyValue", value);
      }
      if ("creation".equals(action)) {
        e.put("changeFlag", "CREATED");
      } else if ("deletion".equals(action)) {
        e.put("changeFlag", "DELETED");
      }
      e.put("changeSource", source.name());
      e.put(
          "sourceId",
          source == Source.CRM_UI
              ? "userId:" + TokenStore.userId(portal.id())
              : Long.toString(options.appId()));
      enqueue(portal.id(), e);
    }
  }

  private synchronized void enqueue(long portalId, JsonObject event) {
    pending.computeIfAbsent(portalId, k -> new ArrayList<>()).add(event);
    if (!flushScheduled) {
      flushScheduled = true;
      schedule(Math.max(1, options.webhookBatchWindowMs()), this::flush);
    }
  }

  private void flush() {
    List<List<JsonObject>> batches = new ArrayList<>();
    List<Long> portals = new ArrayList<>();
    synchronized (this) {
      flushScheduled = false;
      for (Map.Entry<Long, List<JsonObject>> e : pending.entrySet()) {
        List<JsonObject> events = e.getValue();
        for (int i = 0; i < events.size(); i += options.webhookMaxBatch()) {
          batches.add(events.subList(i, Math.min(events.size(), i + options.webhookMaxBatch())));
          portals.add(e.getKey());
        }
      }
      pending.clear();
    }
    for (int i = 0; i < batches.size(); i++) {
      long portalId = portals.get(i);
      List<JsonObject> batch = batches.get(i);
      submit(() -> attempt(portalId, batch, 0));
    }
  }

  private void submit(Runnable delivery) {
    synchronized (this) {
      int max =
          config
              .settings()
              .map(s -> s.getJsonObject("throttling").getInteger("maxConcurrentRequests"))
              .orElse(10);
      if (inFlight >= max) {
        waiting.addLast(delivery);
        return;
      }
      inFlight++;
    }
    delivery.run();
  }

  private void done() {
    Runnable next;
    synchronized (this) {
      inFlight--;
      next = waiting.pollFirst();
      if (next != null) {
        inFlight++;
      }
    }
    if (next != null) {
      next.run();
    }
  }

  private void attempt(long portalId, List<JsonObject> events, int attemptNumber) {
    String url = config.settings().map(s -> s.getString("targetUrl")).orElse(null);
    if (closed || url == null) {
      done();
      return;
    }
    JsonArray arr = new JsonArray();
    events.forEach(e -> arr.add(e.copy().put("attemptNumber", attemptNumber)));
    String body = arr.encode();
    String timestamp = Long.toString(options.clock().millis());
    WebhookSigner signer = new WebhookSigner(options.clientSecret());
    var request =
        client
            .postAbs(url)
            .timeout(options.webhookTimeoutMs())
            .putHeader("Content-Type", "application/json")
            .putHeader("X-HubSpot-Timeout-Millis", Long.toString(options.webhookTimeoutMs()));
    switch (options.webhookLegacySignature()) {
      case "v1" ->
          request
              .putHeader(WebhookSigner.SIGNATURE, signer.v1(body))
              .putHeader(WebhookSigner.SIGNATURE_VERSION, "v1");
      case "v2" ->
          request
              .putHeader(WebhookSigner.SIGNATURE, signer.v2("POST", url, body))
              .putHeader(WebhookSigner.SIGNATURE_VERSION, "v2");
      default -> {}
    }
    if (options.webhookSignV3()) {
      request
          .putHeader(WebhookSigner.TIMESTAMP, timestamp)
          .putHeader(WebhookSigner.SIGNATURE_V3, signer.v3("POST", url, body, timestamp));
    }
    request
        .sendBuffer(Buffer.buffer(body))
        .subscribe()
        .with(
            resp -> finished(portalId, events, attemptNumber, resp.statusCode(), null),
            err -> finished(portalId, events, attemptNumber, 0, err.toString()));
  }

  private void finished(
      long portalId, List<JsonObject> events, int attemptNumber, int status, String error) {
    boolean ok = status >= 200 && status < 300;
    JsonArray ids = new JsonArray();
    events.forEach(e -> ids.add(e.getLong("eventId")));
    synchronized (this) {
      if (deliveries.size() >= MAX_LOG) {
        deliveries.remove(0);
      }
      deliveries.add(
          new JsonObject()
              .put("at", HubSpotTime.format(options.clock().instant()))
              .put("portalId", portalId)
              .put("attemptNumber", attemptNumber)
              .put("eventCount", events.size())
              .put("eventIds", ids)
              .put("status", status)
              .put("error", error)
              .put("delivered", ok));
    }
    done();
    List<java.time.Duration> schedule = options.webhookRetrySchedule();
    if (ok || closed || attemptNumber >= schedule.size()) {
      return;
    }
    long delay =
        Math.max(
            1, (long) (schedule.get(attemptNumber).toMillis() / options.webhookTimeCompression()));
    schedule(delay, () -> submit(() -> attempt(portalId, events, attemptNumber + 1)));
  }

  /**
   * Every delivery attempt so far, oldest first: {@code portalId, attemptNumber, eventCount,
   * eventIds, status, error, delivered}.
   *
   * @return JSON copies
   */
  public synchronized List<JsonObject> deliveries() {
    return deliveries.stream().map(JsonObject::copy).toList();
  }

  private synchronized void schedule(long delayMs, Runnable action) {
    if (closed) {
      return;
    }
    long[] holder = new long[1];
    holder[0] =
        vertx.setTimer(
            delayMs,
            id -> {
              synchronized (this) {
                timers.remove(id);
              }
              action.run();
            });
    timers.add(holder[0]);
  }

  /** Stops delivering: cancels timers and closes the client. */
  public void close() {
    closed = true;
    synchronized (this) {
      timers.forEach(vertx::cancelTimer);
      timers.clear();
    }
    client.close();
  }
}

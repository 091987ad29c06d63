package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Delivers webhooks v2 (vendor notes §5.2–§5.5): one POST per matching webhook with the {@code
 * meta}/{@code data}/{@code previous} payload and the webhook's HTTP Basic credentials; a non-2xx
 * answer or a timeout is retried after 3, 30 and 150 s ({@code meta.attempt} 2..4); 10 failed first
 * attempts ban the webhook for 30 minutes (events meanwhile are lost); a webhook without a success
 * for 3 days is deleted. All periods are divided by the time-compression factor; ban and deletion
 * are judged on the injected clock.
 */
final class WebhookDispatcher implements ChangeEvent.Sink {

  static final List<Duration> RETRY_DELAYS =
      List.of(Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(150));
  static final int BAN_THRESHOLD = 10;
  static final Duration BAN = Duration.ofMinutes(30);
  static final Duration DELETE_AFTER = Duration.ofDays(3);
  private static final int LOG_LIMIT = 2000;

  private final Vertx vertx;
  private final WebClient client;
  private final PipedriveSandboxOptions options;
  private final Clock clock;

  WebhookDispatcher(Vertx vertx, PipedriveSandboxOptions options) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
    this.options = options;
    this.clock = options.clock();
  }

  void close() {
    client.close();
  }

  Duration compressed(Duration d) {
    return Duration.ofMillis(Math.max(1, (long) (d.toMillis() / options.webhookTimeCompression())));
  }

  @Override
  public void publish(ChangeEvent e) {
    Company c = e.company();
    String eventId = UUID.randomUUID().toString();
    String correlationId = UUID.randomUUID().toString();
    Instant now = clock.instant();
    synchronized (c) {
      for (Webhook w : c.webhooks) {
        if (!w.matches(e.action(), e.entity())) {
          continue;
        }
        if (w.bannedUntil != null && now.isBefore(w.bannedUntil)) {
          log(c, w, eventId, 0, null, "lost_banned");
          continue;
        }
        JsonObject payload = payload(e, w, eventId, correlationId, now);
        vertx.runOnContext(() -> attempt(c, w, payload, 1));
      }
    }
  }

  private JsonObject payload(ChangeEvent e, Webhook w, String id, String corr, Instant now) {
    Company c = e.company();
    JsonObject meta =
        new JsonObject()
            .put("action", e.action())
            .put("company_id", String.valueOf(c.id))
            .put("correlation_id", corr)
            .put("entity_id", String.valueOf(e.entityId()))
            .put("entity", e.entity())
            .put("id", id)
            .put("is_bulk_edit", false)
            .put("timestamp", Times.millis(now))
            .put("type", "general")
            .put("user_id", String.valueOf(e.userId()))
            .put("version", "2.0")
            .put("webhook_id", String.valueOf(w.id))
            .put("webhook_owner_id", String.valueOf(w.ownerId))
            .put("change_source", e.changeSource())
            .put("attempt", 1)
            .put("host", c.domain() + ".pipedrive.com")
            .put("permitted_user_ids", new JsonArray().add(String.valueOf(c.userId)));
    return new JsonObject()
        .put("data", e.data() == null ? null : e.data().copy())
        .put("previous", e.previous() == null ? null : e.previous().copy())
        .put("meta", meta);
  }

  private void attempt(Company c, Webhook w, JsonObject payload, int attempt) {
    synchronized (c) {
      if (!w.active()) {
        return;
      }
    }
    JsonObject body = payload.copy();
    body.getJsonObject("meta").put("attempt", attempt);
    var request =
        client
            .postAbs(w.subscriptionUrl)
            .timeout(options.webhookTimeout().toMillis())
            .putHeader("content-type", "application/json")
            .putHeader("user-agent", "Pipedrive Webhooks (sandbox)");
    if (w.httpAuthUser != null) {
      String pair = w.httpAuthUser + ":" + (w.httpAuthPassword == null ? "" : w.httpAuthPassword);
      request.putHeader(
          "authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    String eventId = payload.getJsonObject("meta").getString("id");
    request
        .sendBuffer(Buffer.buffer(body.encode()))
        .subscribe()
        .with(
            resp -> outcome(c, w, payload, attempt, resp.statusCode(), null),
            err -> outcome(c, w, payload, attempt, null, err.getClass().getSimpleName()));
  }

  private void outcome(
      Company c, Webhook w, JsonObject payload, int attempt, Integer status, String error) {
    String eventId = payload.getJsonObject("meta").getString("id");
    Instant now = clock.instant();
    boolean ok = status != null && status >= 200 && status < 300;
    boolean retry = false;
    synchronized (c) {
      w.lastDeliveryTime = now;
      w.lastHttpStatus = status;
      if (ok) {
        w.failingSince = null;
        log(c, w, eventId, attempt, status, "delivered");
        return;
      }
      log(c, w, eventId, attempt, status, error == null ? "failed" : "failed:" + error);
      if (w.failingSince == null) {
        w.failingSince = now;
      }
      if (attempt == 1 && ++w.banCounter >= BAN_THRESHOLD) {
        w.bannedUntil = now.plus(compressed(BAN));
        w.banCounter = 0;
      }
      if (attempt <= RETRY_DELAYS.size()) {
        retry = true;
      } else if (!now.isBefore(w.failingSince.plus(compressed(DELETE_AFTER)))) {
        w.removeTime = now;
        w.removeReason = "failed_deliveries";
      }
    }
    if (retry) {
      vertx.setTimer(
          compressed(RETRY_DELAYS.get(attempt - 1)).toMillis(),
          id -> attempt(c, w, payload, attempt + 1));
    }
  }

  private void log(Company c, Webhook w, String eventId, int attempt, Integer status, String what) {
    synchronized (c) {
      if (c.deliveries.size() >= LOG_LIMIT) {
        c.deliveries.remove(0);
      }
      c.deliveries.add(
          new JsonObject()
              .put("at", clock.instant().toString())
              .put("webhookId", w.id)
              .put("eventId", eventId)
              .put("attempt", attempt)
              .put("status", status)
              .put("outcome", what));
    }
  }
}

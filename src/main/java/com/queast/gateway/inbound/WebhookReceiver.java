package com.queast.gateway.inbound;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.queast.gateway.api.Problems;
import com.queast.gateway.api.RouteContributor;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.connector.WebhookBatch;
import com.queast.gateway.connector.WebhookConnections;
import com.queast.gateway.connector.WebhookEvent;
import com.queast.gateway.connector.WebhookRequest;
import com.queast.gateway.connector.WebhookSource;
import com.queast.gateway.tenant.ConnectionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives CRM webhooks at {@code POST /v1/webhooks/{segment}}, one route per connector that has a
 * {@link WebhookSource}: the source verifies the request and maps each event to the connection it
 * authenticates for; the receiver stores every accepted event with its processing job in one
 * group-committed transaction and answers 200. Processing runs later in the connection's lane
 * ({@link InboundJobs}). Nothing here names a CRM.
 */
public final class WebhookReceiver implements RouteContributor {

  /** Prefix of every webhook path; the connector's segment follows. */
  public static final String PATH_PREFIX = "/v1/webhooks/";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);
  private static final String ACCEPTED = "webhook accepted";
  private static final String REJECTED = "webhook rejected";
  private static final String BUSY = "webhook answered 503: receipt saturated";

  /** Most events stored in one group commit (HubSpot sends at most 100 per request). */
  private static final int MAX_GROUP = 2_000;

  private final List<WebhookSource> sources;
  private final WebhookConnections lookups;
  private final MeterRegistry meters;
  private final long maxBodyBytes;
  private final ReceiptGate gate;
  private final ReceiptGate.Counter inFlight;
  private final ReceiptBatcher batcher;

  /**
   * A receiver.
   *
   * @param connections connections (webhook credentials)
   * @param store durable events and connection lookups (on the pool reserved for receipt)
   * @param sources the webhook sources of the registered connectors
   * @param meters metrics
   * @param maxBodyBytes largest body accepted
   * @param gate backpressure: in-flight cap, answer deadline, {@code Retry-After}
   */
  public WebhookReceiver(
      ConnectionStore connections,
      InboundStore store,
      List<WebhookSource> sources,
      MeterRegistry meters,
      long maxBodyBytes,
      ReceiptGate gate) {
    this.gate = gate;
    this.inFlight = gate.counter();
    this.batcher =
        new ReceiptBatcher(requests -> store.acceptAll(requests), gate.transactions(), MAX_GROUP);
    this.sources = List.copyOf(sources);
    this.lookups = store.webhookConnections(connections);
    this.meters = meters;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void mount(Router router) {
    // Webhooks authenticate themselves: see mountPublic.
  }

  @Override
  public void mountPublic(Router router) {
    for (WebhookSource source : sources) {
      String segment = source.pathSegment();
      router.post(PATH_PREFIX + segment).handler(ctx -> handle(ctx, segment, source));
    }
  }

  private void handle(RoutingContext ctx, String crm, WebhookSource source) {
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
      WebhookRequest request =
          new WebhookRequest(
              ctx.request().method().name(),
              ctx.request().absoluteURI(),
              ctx.request().query(),
              ctx.request()::getHeader,
              body);
      events = source.receive(request, lookups).map(WebhookReceiver::inbound);
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
                  .record(Duration.ofNanos(System.nanoTime() - started));
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
                busy(ctx, crm, t instanceof TimeoutException ? "deadline" : "store", t);
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

  private static Parsed inbound(WebhookBatch batch) {
    List<InboundEvent> out = new ArrayList<>(batch.events().size());
    for (WebhookEvent e : batch.events()) {
      out.add(InboundEvent.of(e));
    }
    return new Parsed(out, batch.ignored());
  }

  /** What a webhook request carried, as stored: the events and how many were left out. */
  private record Parsed(List<InboundEvent> events, int ignored) {}
}

package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.sandbox.hubspot.HubSpotSandboxOptions;
import com.queast.gateway.support.BenchOutput;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.SandboxProcess;
import com.queast.gateway.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhook acknowledgement latency at rising rates while a HubSpot backfill is being delivered
 * (issue 11, item 4): a 40,000-company backfill is delivered to one portal (its own lane, paced at
 * the OAuth tier) while another portal sends signed HubSpot v3 webhooks, 10 events per request,
 * sent open-loop (a request is due at its slot whatever the previous ones did, and its latency is
 * counted from that slot, so a stall is not hidden) over as many connections as the client needs.
 * Each step runs {@code bench.webhooks.stepSeconds} (8) at {@code bench.webhooks.rates} events/s.
 * Requests answered 503 are sent again afterwards, as HubSpot would; at the end every event must be
 * stored exactly once. The HubSpot sandbox runs in a process of its own ({@link SandboxProcess};
 * {@code -Dbench.webhooks.sandbox=jvm} keeps it in this JVM). Writes {@code webhooks.json}. Asserts
 * correctness only.
 */
@ExtendWith(PostgresExtension.class)
class WebhookReceiptBench {

  private static final String PATH = "/v1/webhooks/hubspot";
  private static final int EVENTS_PER_REQUEST = 10;
  private static final int BACKFILL = 40_000;

  /** Events are spread over this many CRM records, so they coalesce into jobs as in a burst. */
  private static final int OBJECTS = 500;

  @Test
  void acknowledgesWebhooksFastDuringABackfillAndStoresEveryEventOnce(TestDatabase db)
      throws Exception {
    int stepSeconds = Integer.getInteger("bench.webhooks.stepSeconds", 8);
    List<Integer> rates =
        java.util.Arrays.stream(
                System.getProperty("bench.webhooks.rates", "250,500,1000,2000,3000,4000")
                    .split(","))
            .map(s -> Integer.parseInt(s.trim()))
            .toList();
    // "process" (the default): HubSpot's stand-in runs in a JVM of its own, as HubSpot never runs
    // in the gateway's, so its collections (40,000 companies in memory) do not pause the gateway
    // and the client; "jvm": everything in this JVM, as before 2026-12-07.
    boolean ownProcess = !"jvm".equals(System.getProperty("bench.webhooks.sandbox", "process"));
    Map<String, String> env = Map.of("GATEWAY_INBOUND_PULL_INTERVAL_MS", "0");
    try (HubSpotHarness h =
        ownProcess
            ? new HubSpotHarness(db, SandboxProcess.start(List.of("-Xmx1g")), env)
            : new HubSpotHarness(db, HubSpotSandboxOptions.builder(), env)) {
      // The backfill runs in one portal's lane; the webhooks come from another portal, so their
      // inbound jobs (which run before deliveries in their own lane) do not stop the backfill.
      long backfilled =
          ownProcess ? h.external.createHubSpotPortal() : h.sandbox.createPortal().id();
      long portal = ownProcess ? h.external.createHubSpotPortal() : h.sandbox.createPortal().id();
      for (String c :
          List.of(
              h.installByOAuth("t1", backfilled).getString("connectionId"),
              h.installByOAuth("t2", portal).getString("connectionId"))) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    db.count(
                            "SELECT count(*) FROM connections WHERE id = '"
                                + c
                                + "' AND config->'index'->>'company' = 'complete'")
                        == 1);
      }
      h.ingest("t1", "companies", Volumes.companies(BACKFILL));
      String target = "http://127.0.0.1:" + h.gw.gateway().httpPort() + PATH;
      // "node" (the default where Node.js is installed): the open-loop client of the black-box
      // measure (webhook_load.js: 32 keep-alive connections, latency from each request's due
      // time) in a process of its own; "java": java.net.http in this JVM, which then shares its
      // heap and cores with the gateway it measures.
      boolean nodeClient =
          "node"
              .equals(
                  System.getProperty("bench.webhooks.client", nodeInstalled() ? "node" : "java"));
      String secret = HubSpotSandboxOptions.builder().build().clientSecret();
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .executor(Executors.newFixedThreadPool(4))
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      AtomicLong eventIds = new AtomicLong(1);
      Queue<String> toRetry = new ConcurrentLinkedQueue<>();
      Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
      JsonArray steps = new JsonArray();
      for (int rate : rates) {
        long pendingBefore = pendingDeliveries(db);
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        JsonObject measured;
        if (nodeClient) {
          JsonObject out = nodeStep(target, secret, portal, rate, stepSeconds, eventIds.get());
          eventIds.set(out.getLong("nextId"));
          out.getJsonArray("retry").forEach(b -> toRetry.add((String) b));
          out.getJsonObject("statuses")
              .forEach(
                  e ->
                      statuses
                          .computeIfAbsent(Integer.parseInt(e.getKey()), k -> new AtomicLong())
                          .addAndGet(((Number) e.getValue()).longValue()));
          measured = new JsonObject();
          for (String k : List.of("requests", "p50Millis", "p99Millis", "maxMillis", "statuses")) {
            measured.put(k, out.getValue(k));
          }
        } else {
          Histogram hist = new Histogram(60_000_000_000L, 3);
          Map<Integer, AtomicLong> stepStatuses = new ConcurrentHashMap<>();
          int requests = rate * stepSeconds / EVENTS_PER_REQUEST;
          long periodNanos = 1_000_000_000L * EVENTS_PER_REQUEST / rate;
          List<CompletableFuture<?>> inFlight = new java.util.concurrent.CopyOnWriteArrayList<>();
          ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
          long start = System.nanoTime() + 50_000_000L;
          AtomicLong sent = new AtomicLong();
          timer.scheduleAtFixedRate(
              () -> {
                long k = sent.get();
                long now = System.nanoTime();
                // Catch up every slot that is due (the timer thread may lag under load).
                while (k < requests && start + k * periodNanos <= now) {
                  long due = start + k * periodNanos;
                  String body = batch(portal, eventIds);
                  CompletableFuture<?> f =
                      send(client, target, secret, body)
                          .handle(
                              (r, t) -> {
                                long latency = System.nanoTime() - due;
                                hist.recordValue(Math.max(0, latency));
                                int status = t != null ? -1 : r.statusCode();
                                stepStatuses
                                    .computeIfAbsent(status, s -> new AtomicLong())
                                    .incrementAndGet();
                                statuses
                                    .computeIfAbsent(status, s -> new AtomicLong())
                                    .incrementAndGet();
                                if (status != 200) {
                                  toRetry.add(body);
                                }
                                return null;
                              });
                  inFlight.add(f);
                  k++;
                }
                sent.set(k);
              },
              0,
              Math.max(100_000L, periodNanos / 4),
              TimeUnit.NANOSECONDS);
          await()
              .atMost(Duration.ofSeconds(stepSeconds + 30))
              .pollInterval(Duration.ofMillis(50))
              .until(() -> sent.get() >= requests);
          timer.shutdownNow();
          CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
              .get(60, TimeUnit.SECONDS);
          double elapsed = (System.nanoTime() - start) / 1e9;
          measured =
              new JsonObject()
                  .put("requests", requests)
                  .put("seconds", Math.round(elapsed * 10) / 10.0)
                  .put("p50Millis", millis(hist.getValueAtPercentile(50)))
                  .put("p99Millis", millis(hist.getValueAtPercentile(99)))
                  .put("maxMillis", millis(hist.getMaxValue()))
                  .put("statuses", counts(stepStatuses));
        }
        JsonObject step =
            new JsonObject()
                .put("eventsPerSecond", rate)
                .put("requestsPerSecond", rate / EVENTS_PER_REQUEST)
                .mergeIn(measured)
                .put("backfillPendingAtStart", pendingBefore)
                .put("backfillPendingAtEnd", pendingDeliveries(db))
                .put("loadAtStart", load);
        System.out.println(step.encode());
        steps.add(step);
      }
      // What the vendor does with a 503 (or a dropped connection): send the same request again.
      int retried = 0;
      String body;
      while ((body = toRetry.poll()) != null) {
        HttpResponse<String> r = send(client, target, secret, body).get(30, TimeUnit.SECONDS);
        retried++;
        if (r.statusCode() != 200) {
          toRetry.add(body);
          Thread.onSpinWait();
        }
      }
      long sentEvents = eventIds.get() - 1;
      long stored = db.count("SELECT count(*) FROM inbound_events");
      long distinct = db.count("SELECT count(DISTINCT event_key) FROM inbound_events");
      int held = 0;
      for (int i = 0; i < steps.size(); i++) {
        JsonObject s = steps.getJsonObject(i);
        boolean only200 = s.getJsonObject("statuses").fieldNames().equals(java.util.Set.of("200"));
        if (s.getDouble("p99Millis") < 100 && only200) {
          held = Math.max(held, s.getInteger("eventsPerSecond"));
        }
      }
      JsonObject out =
          new JsonObject()
              .put("eventsPerRequest", EVENTS_PER_REQUEST)
              .put("backfillCompanies", BACKFILL)
              .put("sandbox", ownProcess ? "own process" : "this JVM")
              .put("client", nodeClient ? "webhook_load.js (node)" : "java.net.http in this JVM")
              .put("steps", steps)
              .put("highestRateWithP99Under100ms", held)
              .put("requestsRetriedAfter503", retried)
              .put("statuses", counts(statuses))
              .put("eventsSent", sentEvents)
              .put("eventsStored", stored)
              .put("load", Files.readString(Path.of("/proc/loadavg")).strip());
      BenchOutput.write("webhooks", out);
      assertThat(stored).isEqualTo(sentEvents);
      assertThat(distinct).isEqualTo(sentEvents);
    }
  }

  private static boolean nodeInstalled() {
    try {
      return new ProcessBuilder("node", "--version").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** One step with webhook_load.js; its JSON answer (percentiles, statuses, next id, retries). */
  private static JsonObject nodeStep(
      String target, String secret, long portal, int rate, int seconds, long firstId)
      throws IOException, InterruptedException {
    JsonObject options =
        new JsonObject()
            .put("target", target)
            .put("secret", secret)
            .put("portal", portal)
            .put("appId", 1)
            .put("rate", rate)
            .put("seconds", seconds)
            .put("connections", 32)
            .put("events", EVENTS_PER_REQUEST)
            .put("objects", OBJECTS)
            .put("firstId", firstId);
    Process p =
        new ProcessBuilder(
                "node", "src/test/resources/bench/blackbox/webhook_load.js", options.encode())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return new JsonObject(out.strip());
  }

  private static long pendingDeliveries(TestDatabase db) {
    return db.count("SELECT count(*) FROM jobs WHERE kind = 'deliver' AND state <> 'completed'");
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 1e5) / 10.0;
  }

  private static JsonObject counts(Map<Integer, AtomicLong> m) {
    JsonObject o = new JsonObject();
    new java.util.TreeMap<>(m).forEach((k, v) -> o.put(Integer.toString(k), v.get()));
    return o;
  }

  private static String batch(long portal, AtomicLong ids) {
    JsonArray events = new JsonArray();
    long now = System.currentTimeMillis();
    for (int i = 0; i < EVENTS_PER_REQUEST; i++) {
      long id = ids.getAndIncrement();
      events.add(
          new JsonObject()
              .put("eventId", id)
              .put("subscriptionId", 1)
              .put("portalId", portal)
              .put("appId", 1)
              .put("occurredAt", now)
              .put("subscriptionType", "company.propertyChange")
              .put("attemptNumber", 0)
              .put("objectId", 1_000_000 + id % OBJECTS)
              .put("propertyName", "name")
              .put("propertyValue", "Name " + id)
              .put("changeSource", "CRM_UI"));
    }
    return events.encode();
  }

  private static CompletableFuture<HttpResponse<String>> send(
      HttpClient client, String target, String secret, String body) {
    String ts = Long.toString(System.currentTimeMillis());
    return client.sendAsync(
        HttpRequest.newBuilder(URI.create(target))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("X-HubSpot-Request-Timestamp", ts)
            .header(
                "X-HubSpot-Signature-v3", HubSpotSignatures.v3(secret, "POST", target, body, ts))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

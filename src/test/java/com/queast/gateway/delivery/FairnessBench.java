package com.queast.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.record.DeliveryItem;
import com.queast.gateway.support.BenchOutput;
import com.queast.gateway.support.HeapWatch;
import com.queast.gateway.support.InstantConnector;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.ScriptedConnector;
import com.queast.gateway.support.TestConnections;
import com.queast.gateway.support.TestDatabase;
import com.queast.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fairness during a backfill (issue 11 item 2): tenant {@code big} backfills 200,000 companies to
 * its connection while 10 small tenants (a connection and lane each) send one new company every
 * second each (10 updates/s in all, open loop: each update is due at its slot, sent by a pool of 8
 * threads through the HTTP API). Every lane's connector answers each batch after 20 ms (a CRM's
 * answer time; nothing is paced). Time-to-CRM of a small update: from just before its PUT to its
 * arrival at the connector. Asserts every small update and every backfilled record arrived exactly
 * once; p50/p99 (target p99 &lt; 2 s) go to {@code target/bench/fairness.json}. {@code
 * -Dbench.records=N} and {@code -Dbench.smallTenants=N} change the sizes.
 */
@ExtendWith(PostgresExtension.class)
class FairnessBench {

  @Test
  void smallTenantsUpdatesReachTheCrmWithinTwoSecondsDuringABigBackfill(TestDatabase db)
      throws Exception {
    int n = Integer.getInteger("bench.records", 200_000);
    int smalls = Integer.getInteger("bench.smallTenants", 10);
    JsonObject out =
        new JsonObject()
            .put("backfillRecords", n)
            .put("smallTenants", smalls)
            .put("updatesPerSecond", smalls)
            .put("crmAnswerMs", 20)
            .put("loadAverageAtStart", HeapWatch.loadAverage());
    db.exec("INSERT INTO tenants (id, name) VALUES ('big', 'big')");
    db.exec(
        "INSERT INTO records (tenant_id, record_type, record_id, data, content_hash)"
            + " SELECT 'big', 'company', 'c' || lpad(g::text, 7, '0'),"
            + " jsonb_build_object('name', 'Company ' || g, 'domain', 'c' || g || '.example'),"
            + " md5(g::text) FROM generate_series(0, "
            + (n - 1)
            + ") g");
    db.exec("VACUUM ANALYZE records");

    BitSet seen = new BitSet(n);
    AtomicLong bigDuplicates = new AtomicLong();
    AtomicLong bigWrites = new AtomicLong();
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Map<String, Long> ackedAt = new ConcurrentHashMap<>();
    Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> smallWrites = new ConcurrentHashMap<>();
    InstantConnector crm =
        new InstantConnector(
            100,
            Duration.ofMillis(20),
            item -> arrived(item, seen, bigDuplicates, bigWrites, arrivedAt, smallWrites));
    // -Dbench.env=GATEWAY_X=1,GATEWAY_Y=2: gateway settings for an experiment (pool size, batches
    // in flight...), echoed in the JSON.
    Map<String, String> env = new HashMap<>();
    for (String kv : System.getProperty("bench.env", "").split(",")) {
      if (kv.contains("=")) {
        env.put(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
      }
    }
    out.put("gatewayEnv", new JsonObject(new HashMap<>(env)));
    try (TestGateway gw = TestGateway.start(db, env, crm)) {
      for (int k = 0; k < smalls; k++) {
        gw.http().put("/v1/tenants/s" + k, new JsonObject().put("name", "Small " + k));
        TestConnections.active(
            db,
            gw.gateway().services().connections(),
            "s" + k,
            ScriptedConnector.CRM,
            "acct-s" + k);
      }
      UUID big =
          TestConnections.active(
              db, gw.gateway().services().connections(), "big", ScriptedConnector.CRM, "acct-big");

      ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
      ExecutorService senders = Executors.newFixedThreadPool(8);
      AtomicInteger sent = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      long started = System.nanoTime();
      assertThat(gw.http().post("/v1/tenants/big/connections/" + big + "/backfill", null).status())
          .isEqualTo(202);
      clock.scheduleAtFixedRate(
          () -> {
            int i = sent.getAndIncrement();
            String tenant = "s" + (i % smalls);
            String key = tenant + "/u" + i;
            long due = System.nanoTime();
            senders.submit(
                () -> {
                  sentAt.put(key, due);
                  int status =
                      gw.http()
                          .put(
                              "/v1/tenants/" + tenant + "/companies/u" + i,
                              new JsonObject().put("name", "Update " + i))
                          .status();
                  ackedAt.put(key, System.nanoTime());
                  if (status / 100 != 2) {
                    refused.incrementAndGet();
                  }
                });
          },
          0,
          1000 / smalls,
          TimeUnit.MILLISECONDS);
      await()
          .atMost(Duration.ofMinutes(30))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> bigWrites.get() >= n);
      double bigSeconds = (System.nanoTime() - started) / 1e9;
      clock.shutdown();
      clock.awaitTermination(10, TimeUnit.SECONDS);
      senders.shutdown();
      senders.awaitTermination(60, TimeUnit.SECONDS);
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> arrivedAt.keySet().containsAll(sentAt.keySet()));
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> db.count("SELECT count(*) FROM jobs WHERE state <> 'completed'") == 0);

      // Time to CRM, split into the ingest call (PUT until its 202) and the queue (202 until the
      // connector has it), overall and per 10 s of the run.
      Histogram latency = new Histogram(60_000, 3);
      Histogram ingest = new Histogram(60_000, 3);
      Histogram queue = new Histogram(60_000, 3);
      Map<Long, Histogram> windows = new TreeMap<>();
      for (Map.Entry<String, Long> e : sentAt.entrySet()) {
        long sentNs = e.getValue();
        long ms = ms(arrivedAt.get(e.getKey()) - sentNs);
        latency.recordValue(ms);
        ingest.recordValue(ms(ackedAt.get(e.getKey()) - sentNs));
        queue.recordValue(ms(arrivedAt.get(e.getKey()) - ackedAt.get(e.getKey())));
        windows
            .computeIfAbsent((sentNs - started) / 10_000_000_000L, w -> new Histogram(60_000, 3))
            .recordValue(ms);
      }
      JsonArray byWindow = new JsonArray();
      windows.forEach(
          (w, h) ->
              byWindow.add(
                  new JsonObject()
                      .put("fromSecond", w * 10)
                      .put("updates", h.getTotalCount())
                      .put("p50Ms", h.getValueAtPercentile(50))
                      .put("p99Ms", h.getValueAtPercentile(99))));
      out.put(
              "backfill",
              new JsonObject()
                  .put("secondsToLastDelivery", Math.round(bigSeconds * 10) / 10.0)
                  .put(
                      "enqueueSeconds",
                      db.count(
                              "SELECT (extract(epoch FROM finished_at - created_at) * 1000)::bigint"
                                  + " FROM backfills WHERE tenant_id = 'big'")
                          / 1000.0)
                  .put("recordsPerSecond", Math.round(n / bigSeconds))
                  .put("duplicateWrites", bigDuplicates.get())
                  .put("distinctWrites", seen.cardinality()))
          .put(
              "smallUpdates",
              new JsonObject()
                  .put("sent", sentAt.size())
                  .put("refused", refused.get())
                  .put("timeToCrmP50Ms", latency.getValueAtPercentile(50))
                  .put("timeToCrmP90Ms", latency.getValueAtPercentile(90))
                  .put("timeToCrmP99Ms", latency.getValueAtPercentile(99))
                  .put("timeToCrmMaxMs", latency.getMaxValue())
                  .put("ingestCallP50Ms", ingest.getValueAtPercentile(50))
                  .put("ingestCallP99Ms", ingest.getValueAtPercentile(99))
                  .put("queueP50Ms", queue.getValueAtPercentile(50))
                  .put("queueP99Ms", queue.getValueAtPercentile(99))
                  .put("byTenSeconds", byWindow)
                  .put(
                      "writtenMoreThanOnce",
                      smallWrites.values().stream().filter(w -> w.get() > 1).count()))
          .put("loadAverageAtEnd", HeapWatch.loadAverage());
      BenchOutput.write("fairness", out);
      assertThat(refused.get()).isZero();
      assertThat(bigDuplicates.get()).isZero();
      assertThat(seen.cardinality()).isEqualTo(n);
      assertThat(smallWrites.keySet()).isEqualTo(sentAt.keySet());
      assertThat(smallWrites.values()).allMatch(w -> w.get() == 1);
    }
  }

  private static long ms(long nanos) {
    return Math.min(60_000, Math.max(0, nanos / 1_000_000));
  }

  private static void arrived(
      DeliveryItem item,
      BitSet seen,
      AtomicLong bigDuplicates,
      AtomicLong bigWrites,
      Map<String, Long> arrivedAt,
      Map<String, AtomicInteger> smallWrites) {
    long now = System.nanoTime();
    if ("big".equals(item.job().tenantId())) {
      int i = Integer.parseInt(item.job().recordId().substring(1));
      synchronized (seen) {
        if (seen.get(i)) {
          bigDuplicates.incrementAndGet();
        }
        seen.set(i);
      }
      bigWrites.incrementAndGet();
      return;
    }
    String key = item.job().tenantId() + "/" + item.job().recordId();
    arrivedAt.putIfAbsent(key, now);
    smallWrites.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
  }
}

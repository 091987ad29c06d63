package com.queast.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.record.Lanes;
import com.queast.gateway.support.Anchors;
import com.queast.gateway.support.BenchOutput;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.ScriptedConnector;
import com.queast.gateway.support.TestConnections;
import com.queast.gateway.support.TestDatabase;
import com.queast.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Throughput of the foundation itself, with a connector that answers at once: ingest (HTTP batch
 * API, records and jobs committed) and end-to-end delivery (claim, load, deliver, outcomes,
 * delivery log, delivered state) for 100,000 companies over 4 tenants (after a warm-up). Writes
 * {@code target/bench/delivery.json}, with the anchors of issue 11 measured in the same run on the
 * same Postgres: a client's own 1,000-row upserts of the same rows (four clients, as the ingest)
 * and graphile-worker processing as many no-op jobs. Runs only in the {@code bench} profile.
 */
@ExtendWith(PostgresExtension.class)
class DeliveryThroughputBench {

  private static final int TENANTS = 4;
  private static final int PER_TENANT = Integer.getInteger("bench.delivery.perTenant", 25_000);

  /** Pages a tenant without a connection sends first, so the timed ingest runs on compiled code. */
  private static final int WARM_UP_PAGES = 10;

  @Test
  void deliversOneHundredThousandRecords(TestDatabase db) throws Exception {
    // Jobs per round: 100 by default (HubSpot's batch); graphile-worker's anchor fetches up to 500
    // (its localQueue.size), so -Dbench.delivery.batch=500 compares like with like.
    int batch = Integer.getInteger("bench.delivery.batch", 100);
    ScriptedConnector crm = new ScriptedConnector(batch);
    try (TestGateway gw =
        TestGateway.start(
            db,
            Map.of(
                "GATEWAY_DELIVERY_CONCURRENT_LANES",
                "8",
                "GATEWAY_DELIVERY_MAX_BATCH",
                Integer.toString(batch),
                // The shipped polling (conf/gateway.yaml), not the tests' 200 ms: each poll runs a
                // lane claim and a rescue, which a throughput figure should not pay five times
                // over.
                "GATEWAY_QUEUE_POLL_INTERVAL_MS",
                System.getProperty("bench.delivery.pollMs", "1000"),
                "GATEWAY_QUEUE_RESCUE_INTERVAL_MS",
                System.getProperty("bench.delivery.rescueMs", "5000")),
            crm)) {
      for (int t = 0; t < TENANTS; t++) {
        gw.http().put("/v1/tenants/t" + t, new JsonObject().put("name", "T" + t));
        TestConnections.active(
            db, gw.gateway().services().connections(), "t" + t, ScriptedConnector.CRM, "acct-" + t);
      }
      // The same pages for the gateway's ingest and for the raw upsert anchor.
      List<List<JsonArray>> pages = new ArrayList<>();
      for (int t = 0; t < TENANTS; t++) {
        List<JsonArray> mine = new ArrayList<>();
        for (int page = 0; page < PER_TENANT / 1000; page++) {
          JsonArray items = new JsonArray();
          for (int i = 0; i < 1000; i++) {
            int n = page * 1000 + i;
            items.add(
                new JsonObject()
                    .put("id", "t" + t + "-c" + n)
                    .put("name", "Company " + n)
                    .put("domain", "c" + n + ".example")
                    .put("country", "FR")
                    .put("employeeCount", n));
          }
          mine.add(items);
        }
        pages.add(mine);
      }
      gw.http().put("/v1/tenants/warm-up", new JsonObject().put("name", "Warm-up"));
      for (int page = 0; page < WARM_UP_PAGES; page++) {
        JsonArray items = new JsonArray();
        for (int i = 0; i < 1000; i++) {
          items.add(
              new JsonObject()
                  .put("id", "w" + page + "-" + i)
                  .put("name", "Warm " + i)
                  .put("domain", "w" + i + ".example"));
        }
        var r =
            gw.http()
                .post("/v1/tenants/warm-up/companies:batch", new JsonObject().put("items", items));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
      }
      Runtime rt = Runtime.getRuntime();
      // Phase 1, ingest alone: the lanes are paused, so the figure compares with the raw upsert
      // of the same rows. Phase 2, the pipeline alone: the lanes are released with every job
      // already queued, as graphile-worker's jobs are added before it is timed.
      for (int t = 0; t < TENANTS; t++) {
        db.exec(
            "INSERT INTO lanes (lane, paused_until) VALUES ('"
                + Lanes.of(ScriptedConnector.CRM, "acct-" + t)
                + "', now() + interval '1 hour') ON CONFLICT (lane) DO UPDATE SET paused_until ="
                + " now() + interval '1 hour'");
      }
      long started = System.nanoTime();
      // Four clients at once, one per tenant, each posting its pages of 1,000 in turn.
      ExecutorService clients = Executors.newFixedThreadPool(TENANTS);
      List<Long> requestMs = new CopyOnWriteArrayList<>();
      List<Future<?>> posting = new ArrayList<>();
      for (int t = 0; t < TENANTS; t++) {
        int tenant = t;
        posting.add(
            clients.submit(
                () -> {
                  for (JsonArray items : pages.get(tenant)) {
                    long sent = System.nanoTime();
                    var r =
                        gw.http()
                            .post(
                                "/v1/tenants/t" + tenant + "/companies:batch",
                                new JsonObject().put("items", items));
                    assertThat(r.status()).as(r.body()).isEqualTo(202);
                    requestMs.add((System.nanoTime() - sent) / 1_000_000);
                  }
                  return null;
                }));
      }
      for (Future<?> f : posting) {
        f.get(5, TimeUnit.MINUTES);
      }
      clients.shutdown();
      double ingestSeconds = (System.nanoTime() - started) / 1e9;
      int total = TENANTS * PER_TENANT;
      assertThat(
              db.count("SELECT count(*) FROM jobs WHERE state = 'available' AND kind = 'deliver'"))
          .isEqualTo(total);
      long released = System.nanoTime();
      db.exec("UPDATE lanes SET paused_until = NULL, pause_reason = NULL");
      for (int t = 0; t < TENANTS; t++) {
        db.exec(
            "SELECT pg_notify('gateway_jobs', '"
                + Lanes.of(ScriptedConnector.CRM, "acct-" + t)
                + "')");
      }
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> crm.totalWrites() >= total);
      double deliveredSeconds = (System.nanoTime() - released) / 1e9;
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> db.count("SELECT count(*) FROM jobs WHERE state = 'completed'") == total);
      double settledSeconds = (System.nanoTime() - released) / 1e9;
      long usedMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
      double avgBatch = crm.batches().stream().mapToInt(b -> b.items().size()).average().orElse(0);
      JsonObject out =
          new JsonObject()
              .put("records", total)
              .put("tenants", TENANTS)
              .put("ingestSeconds", round(ingestSeconds))
              .put("ingestRecordsPerSecond", round(total / ingestSeconds))
              .put("ingestRequestMsP50", percentile(requestMs, 0.5))
              .put("ingestRequestMsMax", percentile(requestMs, 1.0))
              .put("deliveredSeconds", round(deliveredSeconds))
              .put("allOutcomesStoredSeconds", round(settledSeconds))
              .put("pipelineRecordsPerSecond", round(total / settledSeconds))
              .put("maxBatch", batch)
              .put("averageBatch", round(avgBatch))
              .put(
                  "duplicateWrites",
                  crm.writes().values().stream().filter(n -> n.get() > 1).count())
              .put("heapUsedMb", usedMb);
      // The anchors, in the same run on the same Postgres, after the gateway has finished.
      double rawSeconds = Anchors.rawUpsert(db, pages);
      out.put("rawUpsertSeconds", round(rawSeconds))
          .put("rawUpsertRowsPerSecond", round(total / rawSeconds))
          .put("ingestOverRawUpsert", Math.round(rawSeconds / ingestSeconds * 1000) / 1000.0);
      double valuesSeconds = Anchors.rawValuesUpsert(db, pages);
      out.put("rawValuesUpsertSeconds", round(valuesSeconds))
          .put("rawValuesUpsertRowsPerSecond", round(total / valuesSeconds))
          .put(
              "ingestOverRawValuesUpsert",
              Math.round(valuesSeconds / ingestSeconds * 1000) / 1000.0);
      JsonObject graphile = Anchors.graphileWorker(db, total);
      out.put("graphileWorker", graphile);
      if (graphile.containsKey("jobsPerSecond")) {
        out.put(
            "pipelineOverGraphileWorker",
            Math.round(total / settledSeconds / graphile.getDouble("jobsPerSecond") * 100) / 100.0);
      }
      out.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      System.out.println("delivery bench: " + out.encode());
      BenchOutput.write("delivery", out);
      assertThat(out.getLong("duplicateWrites")).isZero();
    }
  }

  private static long percentile(List<Long> values, double q) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}

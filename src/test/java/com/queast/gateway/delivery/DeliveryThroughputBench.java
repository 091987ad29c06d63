package com.queast.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.support.BenchOutput;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.ScriptedConnector;
import com.queast.gateway.support.TestConnections;
import com.queast.gateway.support.TestDatabase;
import com.queast.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Throughput of the foundation itself, with a connector that answers at once: ingest (HTTP batch
 * API, records and jobs committed) and end-to-end delivery (claim, load, deliver, outcomes,
 * delivery log, delivered state) for 20,000 companies over 4 tenants. Writes {@code
 * target/bench/delivery.json}. Runs only in the {@code bench} profile.
 */
@ExtendWith(PostgresExtension.class)
class DeliveryThroughputBench {

  private static final int TENANTS = 4;
  private static final int PER_TENANT = 5_000;

  @Test
  void deliversTwentyThousandRecords(TestDatabase db) throws Exception {
    ScriptedConnector crm = new ScriptedConnector(100);
    try (TestGateway gw =
        TestGateway.start(db, Map.of("GATEWAY_DELIVERY_CONCURRENT_LANES", "8"), crm)) {
      for (int t = 0; t < TENANTS; t++) {
        gw.http().put("/v1/tenants/t" + t, new JsonObject().put("name", "T" + t));
        TestConnections.active(
            db, gw.gateway().services().connections(), "t" + t, ScriptedConnector.CRM, "acct-" + t);
      }
      Runtime rt = Runtime.getRuntime();
      long started = System.nanoTime();
      for (int t = 0; t < TENANTS; t++) {
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
          assertThat(
                  gw.http()
                      .post(
                          "/v1/tenants/t" + t + "/companies:batch",
                          new JsonObject().put("items", items))
                      .status())
              .isEqualTo(202);
        }
      }
      double ingestSeconds = (System.nanoTime() - started) / 1e9;
      int total = TENANTS * PER_TENANT;
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> crm.totalWrites() >= total);
      double endToEndSeconds = (System.nanoTime() - started) / 1e9;
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> db.count("SELECT count(*) FROM jobs WHERE state = 'completed'") == total);
      double settledSeconds = (System.nanoTime() - started) / 1e9;
      long usedMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
      double avgBatch = crm.batches().stream().mapToInt(b -> b.items().size()).average().orElse(0);
      JsonObject out =
          new JsonObject()
              .put("records", total)
              .put("tenants", TENANTS)
              .put("ingestSeconds", round(ingestSeconds))
              .put("ingestRecordsPerSecond", round(total / ingestSeconds))
              .put("deliveredSeconds", round(endToEndSeconds))
              .put("endToEndRecordsPerSecond", round(total / endToEndSeconds))
              .put("allOutcomesStoredSeconds", round(settledSeconds))
              .put("averageBatch", round(avgBatch))
              .put(
                  "duplicateWrites",
                  crm.writes().values().stream().filter(n -> n.get() > 1).count())
              .put("heapUsedMb", usedMb);
      BenchOutput.write("delivery", out);
      assertThat(out.getLong("duplicateWrites")).isZero();
    }
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}

package com.queast.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A 1,000,000-record backfill of one tenant to one connection, run with {@code
 * -Dbench.jvm=-Xmx256m} (issue 11 item 5). The records are seeded with one raw {@code INSERT ...
 * SELECT FROM generate_series} (not through the ingest API: its speed is measured elsewhere), then:
 *
 * <ol>
 *   <li><b>enqueue</b>: the lane is paused, the backfill is started through the API and polled
 *       through it until {@code done}: time for every record's job to be written, page by page;
 *   <li><b>delivery</b>: the lane is released and the whole pipeline (lane claim, job claim, record
 *       load, connector over the event bus, settle-batch) delivers every job to a connector that
 *       answers at once, in batches of 100.
 * </ol>
 *
 * Asserts every record got exactly one job, one write at the connector, one delivered state and one
 * delivery-log row. Reports time, records/s and heap (sampled and pool peaks, GC) per phase in
 * {@code target/bench/backfill-scale.json}. {@code -Dbench.records=N} runs another size.
 */
@ExtendWith(PostgresExtension.class)
class BackfillScaleBench {

  private static final String LANE = ScriptedConnector.CRM + ":acct-big";

  @Test
  void backfillsAMillionRecordsInBoundedMemory(TestDatabase db) {
    int n = Integer.getInteger("bench.records", 1_000_000);
    JsonObject out =
        new JsonObject()
            .put("records", n)
            .put("loadAverageAtStart", HeapWatch.loadAverage())
            .put("jvmMaxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    long t0 = System.nanoTime();
    db.exec("INSERT INTO tenants (id, name) VALUES ('big', 'big')");
    db.exec(
        "INSERT INTO records (tenant_id, record_type, record_id, data, content_hash)"
            + " SELECT 'big', 'company', 'c' || lpad(g::text, 7, '0'),"
            + " jsonb_build_object('name', 'Company ' || g, 'domain', 'c' || g || '.example',"
            + " 'country', 'FR', 'employeeCount', g % 5000), md5(g::text)"
            + " FROM generate_series(0, "
            + (n - 1)
            + ") g");
    db.exec("VACUUM ANALYZE records");
    out.put("seedSeconds", secondsSince(t0)).put("seed", "INSERT ... SELECT generate_series");

    BitSet seen = new BitSet(n);
    AtomicLong duplicates = new AtomicLong();
    InstantConnector crm =
        new InstantConnector(
            100,
            Duration.ZERO,
            item -> {
              int i = Integer.parseInt(item.job().recordId().substring(1));
              synchronized (seen) {
                if (seen.get(i)) {
                  duplicates.incrementAndGet();
                }
                seen.set(i);
              }
            });
    try (TestGateway gw = TestGateway.start(db, Map.of(), crm)) {
      UUID c =
          TestConnections.active(
              db, gw.gateway().services().connections(), "big", ScriptedConnector.CRM, "acct-big");
      db.exec(
          "INSERT INTO lanes (lane, paused_until, pause_reason) VALUES ('"
              + LANE
              + "', now() + interval '1 day', 'bench')");

      // Phase 1: enqueue only (the lane is paused), followed through the backfill API.
      JsonArray progress = new JsonArray();
      long enqueueStart = System.nanoTime();
      String status;
      try (HeapWatch heap = HeapWatch.start()) {
        var r = gw.http().post("/v1/tenants/big/connections/" + c + "/backfill", null);
        assertThat(r.status()).isEqualTo(202);
        status =
            "/v1/tenants/big/connections/" + c + "/backfills/" + r.json().getLong("backfillId");
        await()
            .atMost(Duration.ofMinutes(30))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> {
                  JsonObject b = gw.http().get(status).json();
                  progress.add(
                      new JsonObject()
                          .put("s", secondsSince(enqueueStart))
                          .put("enqueued", b.getLong("enqueued")));
                  return "done".equals(b.getString("state"));
                });
        // The backfill's own start and end (the gateway's clock), not the 1-s poll.
        double s =
            db.count(
                    "SELECT (extract(epoch FROM finished_at - created_at) * 1000)::bigint"
                        + " FROM backfills")
                / 1000.0;
        out.put(
            "enqueue",
            new JsonObject()
                .put("seconds", s)
                .put("recordsPerSecond", Math.round(n / s))
                .put("secondsSeenByThePoll", secondsSince(enqueueStart))
                .put("heap", heap.figures())
                .put("loadAverageAtEnd", HeapWatch.loadAverage())
                .put("progressSeen", progress));
      }
      assertThat(gw.http().get(status).json().getLong("enqueued")).isEqualTo(n);
      assertThat(db.count("SELECT count(*) FROM jobs WHERE state = 'available'")).isEqualTo(n);
      assertThat(db.count("SELECT count(DISTINCT record_id) FROM jobs")).isEqualTo(n);

      // Phase 2: the whole pipeline delivers every job to a connector that answers at once.
      long started = System.nanoTime();
      try (HeapWatch heap = HeapWatch.start()) {
        db.exec(
            "UPDATE lanes SET paused_until = NULL, pause_reason = NULL WHERE lane = '"
                + LANE
                + "'; SELECT pg_notify('gateway_jobs', '"
                + LANE
                + "')");
        await()
            .atMost(Duration.ofMinutes(60))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> crm.items() >= n);
        await()
            .atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> db.count("SELECT count(*) FROM jobs WHERE state = 'completed'") == n);
        double s = secondsSince(started);
        out.put(
            "delivery",
            new JsonObject()
                .put("seconds", s)
                .put("recordsPerSecond", Math.round(n / s))
                .put("batches", crm.batches())
                .put("heap", heap.figures())
                .put("loadAverageAtEnd", HeapWatch.loadAverage()));
      }
      JsonObject view =
          gw.http()
              .get("/v1/tenants/big/backfills/" + status.substring(status.lastIndexOf('/') + 1))
              .json();
      out.put("progressApiAtEnd", view);
      out.put("duplicateWrites", duplicates.get()).put("distinctWrites", seen.cardinality());
      out.put(
          "deliveryLogRows", db.count("SELECT count(*) FROM delivery_log WHERE tenant_id = 'big'"));
      out.put(
          "recordsLoggedTwice",
          db.count(
              "SELECT count(*) FROM (SELECT record_id FROM delivery_log WHERE tenant_id = 'big'"
                  + " GROUP BY record_id HAVING count(*) > 1) d"));
      out.put(
          "deliveredStates",
          db.count("SELECT count(*) FROM deliveries WHERE connection_id = '" + c + "'"));
      BenchOutput.write("backfill-scale", out);
      assertThat(duplicates.get()).isZero();
      assertThat(seen.cardinality()).isEqualTo(n);
      assertThat(out.getLong("deliveryLogRows")).isEqualTo(n);
      assertThat(out.getLong("recordsLoggedTwice")).isZero();
      assertThat(out.getLong("deliveredStates")).isEqualTo(n);
      assertThat(db.count("SELECT count(*) FROM jobs WHERE state <> 'completed'")).isZero();
    }
  }

  private static double secondsSince(long t0) {
    return Math.round((System.nanoTime() - t0) / 1e8) / 10.0;
  }
}

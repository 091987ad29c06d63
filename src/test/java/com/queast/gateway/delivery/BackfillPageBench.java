package com.queast.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.record.Backfills;
import com.queast.gateway.support.BenchOutput;
import com.queast.gateway.support.HeapWatch;
import com.queast.gateway.support.MutableClock;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cost of one backfill page (the one {@code backfill-step} statement, 1,000 records) as the
 * tables grow: three tenants of 10,000, 100,000 and 300,000 companies are backfilled one after
 * another into the same database, so the last one pages through a records table of 410,000 rows and
 * writes into a jobs table that already holds 110,000 jobs and grows to 410,000. Each page is timed
 * on its own (no delivery runs); the figures per tenth of each backfill show whether a page costs
 * more once many records are already enqueued. Writes {@code target/bench/backfill-page.json}.
 */
@ExtendWith(PostgresExtension.class)
class BackfillPageBench {

  private static final Duration WAIT = Duration.ofMinutes(1);

  @Test
  void aPageCostsTheSameWhateverIsAlreadyEnqueued(TestDatabase db) {
    int[] sizes = {10_000, 100_000, 300_000};
    JsonObject out = new JsonObject().put("loadAverageAtStart", HeapWatch.loadAverage());
    JsonArray runs = new JsonArray();
    Vertx vertx = Vertx.vertx();
    Pool pool = db.pool(vertx);
    try {
      Backfills backfills = new Backfills(pool, 12, MutableClock.atSystemNow());
      for (int t = 0; t < sizes.length; t++) {
        int n = sizes[t];
        String tenant = "t" + t;
        db.exec("INSERT INTO tenants (id, name) VALUES ('" + tenant + "', '" + tenant + "')");
        db.exec(
            "INSERT INTO records (tenant_id, record_type, record_id, data, content_hash)"
                + " SELECT '"
                + tenant
                + "', 'company', 'c' || lpad(g::text, 7, '0'),"
                + " jsonb_build_object('name', 'Company ' || g), md5(g::text)"
                + " FROM generate_series(0, "
                + (n - 1)
                + ") g");
        db.exec("VACUUM ANALYZE records");
        UUID c = UUID.randomUUID();
        db.exec(
            "INSERT INTO connections (id, tenant_id, crm, auth_type, status, account_id) VALUES ('"
                + c
                + "', '"
                + tenant
                + "', 'test', 'token', 'active', 'acct-"
                + t
                + "')");
        long recordsInTable = db.count("SELECT count(*) FROM records");
        long jobsBefore = db.count("SELECT count(*) FROM jobs");
        Backfills.Backfill b =
            backfills.start(tenant, c, "test:acct-" + t, "bench", 1000).await().atMost(WAIT);
        assertThat(backfills.claim("bench").await().atMost(WAIT)).isPresent();
        int pages = n / 1000 + 1;
        double[] ms = new double[pages];
        Optional<Backfills.Backfill> last = Optional.empty();
        for (int p = 0; p < pages; p++) {
          long t0 = System.nanoTime();
          last = backfills.step(b.id(), "bench").await().atMost(WAIT);
          ms[p] = (System.nanoTime() - t0) / 1e6;
        }
        assertThat(last).isPresent();
        assertThat(last.get().state()).isEqualTo("done");
        assertThat(last.get().enqueued()).isEqualTo(n);
        assertThat(db.count("SELECT count(*) FROM jobs WHERE connection_id = '" + c + "'"))
            .isEqualTo(n);
        JsonArray tenths = new JsonArray();
        int full = pages - 1;
        for (int d = 0; d < 10; d++) {
          double[] slice = Arrays.copyOfRange(ms, d * full / 10, (d + 1) * full / 10);
          tenths.add(
              new JsonObject()
                  .put("enqueuedBefore", (long) d * full / 10 * 1000)
                  .put("p50Ms", round(percentile(slice, 50)))
                  .put("meanMs", round(Arrays.stream(slice).average().orElse(0))));
        }
        runs.add(
            new JsonObject()
                .put("records", n)
                .put("recordsInTable", recordsInTable)
                .put("jobsInTableBefore", jobsBefore)
                .put("pages", pages)
                .put("totalSeconds", round(Arrays.stream(ms).sum() / 1000))
                .put("pageP50Ms", round(percentile(ms, 50)))
                .put("pageP99Ms", round(percentile(ms, 99)))
                .put("byTenth", tenths)
                .put("loadAverage", HeapWatch.loadAverage()));
      }
    } finally {
      pool.closeAndAwait();
      vertx.closeAndAwait();
    }
    BenchOutput.write("backfill-page", out.put("runs", runs));
  }

  private static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}

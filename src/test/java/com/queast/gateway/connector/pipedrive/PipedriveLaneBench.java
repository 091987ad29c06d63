package com.queast.gateway.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.sandbox.pipedrive.CompanyCredentials;
import com.queast.gateway.sandbox.pipedrive.Plan;
import com.queast.gateway.support.BenchOutput;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One Pipedrive company (lane) against its burst window (issue 11, item 6): organizations wait in
 * the queue of a paused lane, then the lane is released and every call the sandbox receives for the
 * company is timed. Pipedrive has no batch writes (one call per organization), so the lane is bound
 * by the burst: the share of the vendor's 2-s window in use is the calls received per 2 s, over the
 * whole run, against the plan's documented burst (Lite: 20 per 2 s with an API token, 80 with
 * OAuth). The daily budget (3 seats of Lite) pays for every call many times over, so the burst is
 * the only bound. Asserts exactly once, 0 × 429, 0 × 403, never a speed; figures in {@code
 * target/bench/pipedrive-lane.json}. {@code ./mvnw -o -Pbench verify -Dit.test=PipedriveLaneBench}.
 */
@ExtendWith(PostgresExtension.class)
class PipedriveLaneBench {

  @Test
  void oneLaneKeepsItsBurstWindowFullWithoutA429(TestDatabase db) throws Exception {
    JsonArray runs = new JsonArray();
    runs.add(run(db, false, Integer.getInteger("bench.pipedrive.apiTokenOrgs", 400)));
    runs.add(run(db, true, Integer.getInteger("bench.pipedrive.oauthOrgs", 1_600)));
    BenchOutput.write(
        "pipedrive-lane",
        new JsonObject()
            .put(
                "loadAverageAtEnd",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
            .put("runs", runs));
  }

  private static JsonObject run(TestDatabase db, boolean oauth, int orgs) throws Exception {
    db.exec("TRUNCATE tenants, jobs, lanes, delivery_log, idempotency_keys CASCADE");
    try (PipedriveFixture fx =
        new PipedriveFixture(
            db, Map.of("GATEWAY_PIPEDRIVE_SEATS", "3", "GATEWAY_PIPEDRIVE_PLAN_MULTIPLIER", "1"))) {
      Plan plan = Plan.LITE;
      CompanyCredentials company = fx.company(plan, 3);
      fx.tenant("t1");
      String id =
          (oauth ? fx.connectWithOAuth("t1", company) : fx.connectWithApiToken("t1", company))
              .getString("connectionId");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  db.count(
                          "SELECT count(*) FROM jobs WHERE state IN ('available','running','retryable')")
                      == 0);
      String lane =
          com.queast.gateway.record.Lanes.of(
              "pipedrive", db.string("SELECT account_id FROM connections WHERE id = '" + id + "'"));
      db.exec(
          "INSERT INTO lanes (lane, paused_until) VALUES ('"
              + lane
              + "', now() + interval '1 hour') ON CONFLICT (lane) DO UPDATE SET paused_until ="
              + " now() + interval '1 hour'");
      fx.ingest("t1", "companies", orgs, PipedriveFixture::company);
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () ->
                  db.count(
                          "SELECT count(*) FROM jobs WHERE state = 'available' AND kind = 'deliver'")
                      == orgs);
      fx.sandbox.requestLog().clear();
      long t0 = System.nanoTime();
      db.exec(
          "UPDATE lanes SET paused_until = NULL, pause_reason = NULL WHERE lane = '" + lane + "'");
      db.exec("SELECT pg_notify('gateway_jobs', '" + lane + "')");
      fx.awaitDelivered(id, orgs, Duration.ofMinutes(5));
      double seconds = (System.nanoTime() - t0) / 1e9;

      List<Instant> calls = new ArrayList<>();
      for (Object o : fx.sandbox.requestLog().toJson(100_000)) {
        JsonObject e = (JsonObject) o;
        if (e.getString("path").startsWith("/api/")) {
          calls.add(Instant.parse(e.getString("at")));
        }
      }
      calls.sort(null);
      int burst = plan.burst(oauth);
      // Busiest 2-s window, and the calls per 2 s between the first and the last call.
      int busiest = 0;
      for (int i = 0, j = 0; i < calls.size(); i++) {
        while (calls.get(j).isBefore(calls.get(i).minusMillis(2_000 - 1))) {
          j++;
        }
        busiest = Math.max(busiest, i - j + 1);
      }
      double span =
          Duration.between(calls.get(0), calls.get(calls.size() - 1)).toNanos() / 1e9 + 0.001;
      double perWindow = calls.size() / span * 2;
      PipedriveDeliveryIT.assertExactlyOnce(fx, company, orgs, 0, 0);
      assertThat(fx.sandbox.rateLimitedCount()).isZero();
      assertThat(fx.sandbox.blockedCount()).isZero();
      assertThat(db.count("SELECT count(*) FROM jobs WHERE state = 'dead'")).isZero();
      JsonObject out =
          new JsonObject()
              .put("auth", oauth ? "oauth" : "api_token")
              .put("plan", plan.name())
              .put("vendorBurstPerTwoSeconds", burst)
              .put("organizations", orgs)
              .put("calls", calls.size())
              .put("seconds", Math.round(seconds * 100) / 100.0)
              .put("callsPerTwoSeconds", Math.round(perWindow * 10) / 10.0)
              .put("burstUsed", Math.round(perWindow / burst * 1000) / 1000.0)
              .put("busiestTwoSecondWindow", busiest)
              .put("429s", fx.sandbox.rateLimitedCount())
              .put("403s", fx.sandbox.blockedCount())
              .put(
                  "loadAverage",
                  ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      System.out.println("pipedrive lane: " + out.encode());
      return out;
    }
  }
}

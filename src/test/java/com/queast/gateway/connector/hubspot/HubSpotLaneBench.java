package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.sandbox.hubspot.HubSpotSandboxOptions;
import com.queast.gateway.sandbox.hubspot.ObjectType;
import com.queast.gateway.sandbox.hubspot.Portal;
import com.queast.gateway.support.BenchOutput;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One HubSpot lane against its allowance (issue 11): 20,000 companies wait in the queue of a paused
 * lane, then the lane is released and the time until the last company is in the sandbox portal is
 * measured, at the 110 and 250 requests per 10 s tiers, with one batch in flight per lane and with
 * four ({@code bench.lane.depths}). Allowed = tier / 10 s × 100 records per batch upsert. Asserts
 * exactly once and no 429, never a speed; figures in {@code target/bench/hubspot-lane.json}.
 */
@ExtendWith(PostgresExtension.class)
class HubSpotLaneBench {

  private static final int COMPANIES = Integer.getInteger("bench.lane.companies", 20_000);

  @Test
  void oneLaneUsesItsAllowanceAtTwoTiers(TestDatabase db) {
    JsonArray runs = new JsonArray();
    // Each tier with one batch in flight per lane and with the default depth, alternately in the
    // same run, so the depth's own share is measured under the same load.
    int[] depths =
        Arrays.stream(System.getProperty("bench.lane.depths", "1,4").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int[] tiers =
        Arrays.stream(System.getProperty("bench.lane.tiers", "110,250").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    for (int tier : tiers) {
      for (int depth : depths) {
        runs.add(run(db, tier, depth));
      }
    }
    BenchOutput.write(
        "hubspot-lane",
        new JsonObject()
            .put("companies", COMPANIES)
            .put(
                "loadAverageAtEnd",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
            .put("runs", runs));
  }

  private static JsonObject run(TestDatabase db, int tier, int depth) {
    try (HubSpotHarness h =
        HubSpotHarnessTest.fresh(
            db,
            HubSpotSandboxOptions.builder().oauthPerTenSeconds(tier),
            Map.of(
                "GATEWAY_HUBSPOT_REQUESTS_PER_WINDOW",
                Integer.toString(tier),
                "GATEWAY_DELIVERY_BATCHES_IN_FLIGHT",
                Integer.toString(depth)))) {
      Portal portal = h.sandbox.createPortal();
      h.installByOAuth("t1", portal);
      String lane = "hubspot:" + portal.id();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  db.count(
                          "SELECT count(*) FROM jobs WHERE state IN ('available','running','retryable')")
                      == 0);
      db.exec(
          "INSERT INTO lanes (lane, paused_until) VALUES ('"
              + lane
              + "', now() + interval '1 hour') ON CONFLICT (lane) DO UPDATE SET paused_until ="
              + " now() + interval '1 hour'");
      h.ingest("t1", "companies", Volumes.companies(COMPANIES));
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () ->
                  db.count(
                          "SELECT count(*) FROM jobs WHERE state = 'available' AND kind = 'deliver'")
                      == COMPANIES);
      double requestsBefore = requests(h);
      long t0 = System.nanoTime();
      db.exec(
          "UPDATE lanes SET paused_until = NULL, pause_reason = NULL WHERE lane = '" + lane + "'");
      db.exec("SELECT pg_notify('gateway_jobs', '" + lane + "')");
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> h.sandbox.count(portal.id(), ObjectType.COMPANIES) >= COMPANIES);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double calls = requests(h) - requestsBefore;
      double allowed = tier / 10.0 * 100;
      // The fastest the pacer itself allows: its cap per rolling 10 s (the configured headroom
      // of the tier) all at once at the start, then a full window per further cap's worth. A
      // short run gains from the first window's burst, so achieved / allowed can exceed the
      // headroom here.
      double headroom = HubSpotPacingIT.configuredHeadroom(db);
      int cap = (int) Math.floor(tier * headroom);
      double pacerBound = Math.floor((calls - 1) / cap) * 10.0;
      double achieved = COMPANIES / seconds;
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  db.count(
                          "SELECT count(*) FROM jobs WHERE state IN ('available','running','retryable')")
                      == 0);
      Volumes.assertExactlyOnce(h.sandbox, portal.id(), ObjectType.COMPANIES, "c", COMPANIES);
      assertThat(h.sandbox.total429()).isZero();
      assertThat(db.count("SELECT count(*) FROM jobs WHERE state = 'dead'")).isZero();
      JsonObject out =
          new JsonObject()
              .put("tierPerTenSeconds", tier)
              .put("batchesInFlight", depth)
              .put("pacingHeadroom", headroom)
              .put("allowedRecordsPerSecond", allowed)
              .put("seconds", Math.round(seconds * 100) / 100.0)
              .put("recordsPerSecond", Math.round(achieved))
              .put("achievedOverAllowed", Math.round(achieved / allowed * 1000) / 1000.0)
              .put("pacerBoundSeconds", pacerBound)
              .put(
                  "pacerBoundOverSeconds",
                  pacerBound <= 0 ? null : Math.round(pacerBound / seconds * 1000) / 1000.0)
              .put("requests", calls)
              .put("recordsPerCall", Math.round(COMPANIES / calls * 10) / 10.0)
              .put("429s", h.sandbox.total429())
              .put(
                  "loadAverage",
                  ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      System.out.println("hubspot lane: " + out.encode());
      return out;
    }
  }

  private static double requests(HubSpotHarness h) {
    return h.gw.gateway().services().meters().counter("gateway.hubspot.requests").count();
  }
}

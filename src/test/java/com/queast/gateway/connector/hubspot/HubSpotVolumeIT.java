package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.sandbox.common.FaultPlan;
import com.queast.gateway.sandbox.hubspot.HubSpotSandboxOptions;
import com.queast.gateway.sandbox.hubspot.ObjectType;
import com.queast.gateway.sandbox.hubspot.Portal;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 10,000 companies, 20,000 contacts and 20,000 Signals on a portal of a higher rate tier (1,000 per
 * 10 s, matched on the gateway side): full batches and no 429; and the same run with 20% injected
 * faults (a tenth of the volume here, all of it in {@link HubSpotFaultBench}) ends with every
 * record in HubSpot exactly once.
 */
@ExtendWith(PostgresExtension.class)
class HubSpotVolumeIT {

  private static final int COMPANIES = 10_000;
  private static final int PEOPLE = 20_000;
  private static final int SIGNALS = 20_000;

  private HubSpotHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private void start(TestDatabase db) {
    h = harness(db);
  }

  /** A gateway on a portal of the 1,000-per-10-s tier, matched on the gateway side. */
  static HubSpotHarness harness(TestDatabase db) {
    return HubSpotHarnessTest.fresh(
        db,
        HubSpotSandboxOptions.builder().oauthPerTenSeconds(1000),
        Map.of(
            "GATEWAY_HUBSPOT_REQUESTS_PER_WINDOW", "1000",
            "GATEWAY_QUEUE_MAX_ATTEMPTS", "30"));
  }

  private double requests() {
    return h.gw.gateway().services().meters().counter("gateway.hubspot.requests").count();
  }

  @Test
  void fiftyThousandRecordsGoInFullBatchesWithoutA429(TestDatabase db) {
    start(db);
    Portal portal = h.sandbox.createPortal();
    h.installByOAuth("t1", portal);
    double before = requests();
    long t0 = System.nanoTime();
    Volumes.ingestAll(h, "t1", COMPANIES, PEOPLE, SIGNALS);
    await()
        .atMost(Duration.ofSeconds(240))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> Volumes.delivered(h.sandbox, portal.id(), COMPANIES, PEOPLE, SIGNALS));
    double seconds = (System.nanoTime() - t0) / 1e9;
    double calls = requests() - before;
    System.out.printf(
        "volume: %d records in %.1f s (%.0f records/s), %.0f requests (%.1f/s), 429s %d%n",
        COMPANIES + PEOPLE + SIGNALS,
        seconds,
        (COMPANIES + PEOPLE + SIGNALS) / seconds,
        calls,
        calls / seconds,
        h.sandbox.total429());
    assertThat(h.sandbox.total429()).isZero();
    // Full batches: 100 upserts of companies, 200 upserts + 200 associations of contacts,
    // 200 upserts + 200 + 200 associations of Signals = 1,100; a few more where types meet.
    assertThat(calls).isLessThan(1_100 * 1.1);
    Volumes.assertExactlyOnce(h.sandbox, portal.id(), ObjectType.COMPANIES, "c", COMPANIES);
    Volumes.assertExactlyOnce(h.sandbox, portal.id(), ObjectType.CONTACTS, "p", PEOPLE);
    Volumes.assertExactlyOnce(h.sandbox, portal.id(), ObjectType.NOTES, "s", SIGNALS);
  }

  @Test
  void twentyPercentFaultsStillLeaveEveryRecordExactlyOnce(TestDatabase db) {
    start(db);
    // A tenth of the volume in the suite (CI budget); HubSpotFaultBench runs all of it.
    faultRun(h, db, COMPANIES / 10, PEOPLE / 10, SIGNALS / 10, Duration.ofSeconds(120));
  }

  /**
   * Delivers the records with 5 % each of 429s, 5xx, resets and committed-then-dropped answers
   * injected, waits until no job is pending, and checks every record is in HubSpot exactly once, no
   * job died and HubSpot's own window never answered 429.
   *
   * @return the run's figures
   */
  static JsonObject faultRun(
      HubSpotHarness h, TestDatabase db, int companies, int people, int signals, Duration within) {
    Portal portal = h.sandbox.createPortal();
    h.installByOAuth("t1", portal);
    h.sandbox.setFaults(new FaultPlan(0.05, 0.05, 0.05, 0.05, 0, 0, 42));
    long t0 = System.nanoTime();
    Volumes.ingestAll(h, "t1", companies, people, signals);
    await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                db.count(
                        "SELECT count(*) FROM jobs WHERE state IN ('available','running','retryable')")
                    == 0);
    double seconds = (System.nanoTime() - t0) / 1e9;
    h.sandbox.setFaults(FaultPlan.NONE);
    JsonObject limits = h.sandbox.rateLimiter().stats();
    JsonObject figures =
        new JsonObject()
            .put("records", companies + people + signals)
            .put("seconds", Math.round(seconds * 10) / 10.0)
            .put("recordsPerSecond", Math.round((companies + people + signals) / seconds))
            .put(
                "requests",
                h.gw.gateway().services().meters().counter("gateway.hubspot.requests").count())
            .put("rateLimits", limits)
            .put("deliveryAttempts", db.count("SELECT count(*) FROM delivery_log"))
            .put("deadJobs", db.count("SELECT count(*) FROM jobs WHERE state = 'dead'"));
    System.out.println("faults: " + figures.encode());
    assertThat(figures.getLong("deadJobs")).isZero();
    Volumes.assertExactlyOnce(h.sandbox, portal.id(), ObjectType.COMPANIES, "c", companies);
    Volumes.assertExactlyOnce(h.sandbox, portal.id(), ObjectType.CONTACTS, "p", people);
    Volumes.assertExactlyOnce(h.sandbox, portal.id(), ObjectType.NOTES, "s", signals);
    assertThat(limits.getJsonObject("byPolicy").getLong("TEN_SECONDLY_ROLLING", 0L)).isZero();
    return figures;
  }
}

package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.sandbox.hubspot.HubSpotSandboxOptions;
import com.queast.gateway.sandbox.hubspot.Portal;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** At the published 110 per 10 s, a backlog is delivered below the limit without a single 429. */
@ExtendWith(PostgresExtension.class)
class HubSpotPacingIT {

  private HubSpotHarness h;
  private int ownLimit;

  @BeforeEach
  void start(TestDatabase db) {
    ownLimit = (int) Math.floor(110 * configuredHeadroom(db));
    db.exec("TRUNCATE tenants, jobs, lanes, delivery_log, idempotency_keys CASCADE");
    // Small batches so the run needs more requests than one window allows.
    h =
        new HubSpotHarness(
            db, HubSpotSandboxOptions.builder(), Map.of("GATEWAY_DELIVERY_MAX_BATCH", "5"));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aBacklogAtThePublishedLimitIsPacedBelowItWithoutA429() {
    Portal portal = h.sandbox.createPortal();
    h.installByOAuth("t1", portal);
    long start = System.nanoTime();
    Volumes.ingestAll(h, "t1", 200, 150, 150);
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> Volumes.delivered(h.sandbox, portal.id(), 200, 150, 150));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(h.sandbox.total429()).isZero();

    JsonArray log = h.sandbox.requestLog().toJson(1000);
    List<Instant> crm = new ArrayList<>();
    for (Object o : log) {
      JsonObject e = (JsonObject) o;
      if (e.getString("path").startsWith("/crm")) {
        crm.add(Instant.parse(e.getString("at")));
      }
    }
    crm.sort(null);
    int worst = 0;
    for (int i = 0, j = 0; i < crm.size(); i++) {
      while (crm.get(j).isBefore(crm.get(i).minusMillis(10_000 - 1))) {
        j++;
      }
      worst = Math.max(worst, i - j + 1);
    }
    System.out.printf(
        "pacing: %d CRM requests in %.1f s (%.1f/s), busiest 10 s window %d (limit 110, own %d)%n",
        crm.size(), seconds, crm.size() / seconds, worst, ownLimit);
    assertThat(crm.size()).isGreaterThan(150);
    assertThat(worst).isLessThanOrEqualTo(ownLimit);
  }

  /**
   * The pacer's share of the published limit as the gateway is configured (conf/gateway.yaml).
   *
   * @param db test database
   * @return the headroom
   */
  static double configuredHeadroom(TestDatabase db) {
    return ((Number) db.config(Map.of()).connectors().get("hubspot").get("pacingHeadroom"))
        .doubleValue();
  }
}

package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.sandbox.hubspot.HubSpotSandboxOptions;
import com.queast.gateway.sandbox.hubspot.Portal;
import com.queast.gateway.support.Http;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhook receipt under a saturated database: the receiver answers 503 with {@code Retry-After}
 * before the vendor's timeout instead of hanging, acknowledges nothing it has not committed, and
 * the vendor's retry stores every event exactly once.
 */
@ExtendWith(PostgresExtension.class)
class WebhookBackpressureIT {

  private static final String PATH = "/v1/webhooks/hubspot";

  private HubSpotHarness h;
  private TestDatabase db;

  @BeforeEach
  void start(TestDatabase db) {
    this.db = db;
    h =
        new HubSpotHarness(
            db,
            HubSpotSandboxOptions.builder(),
            Map.of(
                "GATEWAY_INBOUND_PULL_INTERVAL_MS", "0",
                "GATEWAY_INBOUND_POOL_SIZE", "1",
                "GATEWAY_INBOUND_ACQUIRE_TIMEOUT_MS", "300",
                "GATEWAY_INBOUND_ANSWER_WITHIN_MS", "700",
                "GATEWAY_INBOUND_RETRY_AFTER_SECONDS", "2"));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private Http.Res signed(String body) {
    String target = "http://127.0.0.1:" + h.gw.gateway().httpPort() + PATH;
    String ts = Long.toString(System.currentTimeMillis());
    return h.gw
        .anonymous()
        .send(
            "POST",
            PATH,
            body,
            Map.of(
                "X-HubSpot-Request-Timestamp",
                ts,
                "X-HubSpot-Signature-v3",
                HubSpotSignatures.v3(
                    h.sandbox.options().clientSecret(), "POST", target, body, ts)));
  }

  private static String batch(long portal, long firstId) {
    JsonArray events = new JsonArray();
    for (long id = firstId; id < firstId + 10; id++) {
      events.add(
          new JsonObject()
              .put("eventId", id)
              .put("subscriptionId", 1)
              .put("portalId", portal)
              .put("occurredAt", 1_765_000_000_000L + id)
              .put("subscriptionType", "company.propertyChange")
              .put("objectId", 4_000 + id % 3)
              .put("propertyName", "name")
              .put("propertyValue", "N" + id));
    }
    return events.encode();
  }

  @Test
  void aSaturatedDatabaseGets503WithRetryAfterAndTheRetryStoresEveryEventOnce() throws Exception {
    Portal portal = h.sandbox.createPortal();
    h.installByOAuth("t1", portal);
    String body = batch(portal.id(), 100);
    assertThat(signed(body).status()).isEqualTo(200);
    assertThat(db.count("SELECT count(*) FROM inbound_events")).isEqualTo(10);

    String second = batch(portal.id(), 200);
    try (Connection c =
            DriverManager.getConnection(db.url().jdbcUrl(), db.url().user(), db.url().password());
        Statement s = c.createStatement()) {
      // Another session holds the table: every insert waits, as behind a saturated database.
      c.setAutoCommit(false);
      s.execute("LOCK TABLE inbound_events IN ACCESS EXCLUSIVE MODE");
      long t0 = System.nanoTime();
      Http.Res busy = signed(second);
      long millis = (System.nanoTime() - t0) / 1_000_000;
      assertThat(busy.status()).as(busy.body()).isEqualTo(503);
      assertThat(busy.header("Retry-After")).isEqualTo("2");
      assertThat(busy.contentType()).startsWith("application/problem+json");
      assertThat(busy.json().getString("code")).isEqualTo("receipt_unavailable");
      // Well before HubSpot's 5 s.
      assertThat(millis).isLessThan(3_000);
      // The receipt connection is still stuck behind the lock: the next request cannot get one.
      Http.Res noConnection = signed(batch(portal.id(), 300));
      assertThat(noConnection.status()).isEqualTo(503);
      c.rollback();
    }
    // HubSpot retries both; whatever committed late is deduplicated.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                signed(second).status() == 200 && signed(batch(portal.id(), 300)).status() == 200);
    assertThat(db.count("SELECT count(*) FROM inbound_events")).isEqualTo(30);
    assertThat(db.count("SELECT count(DISTINCT event_key) FROM inbound_events")).isEqualTo(30);
  }
}

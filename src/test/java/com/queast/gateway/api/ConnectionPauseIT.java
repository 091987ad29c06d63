package com.queast.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.connector.hubspot.HubSpotProvider;
import com.queast.gateway.sandbox.hubspot.HubSpotSandbox;
import com.queast.gateway.sandbox.hubspot.HubSpotSandboxOptions;
import com.queast.gateway.sandbox.hubspot.ObjectType;
import com.queast.gateway.sandbox.hubspot.Portal;
import com.queast.gateway.support.Http;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import com.queast.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pause and resume of a connection over the API, against the HubSpot sandbox: while paused, the
 * lane claims none of the connection's jobs (they stay queued, no attempt used, nothing reaches the
 * portal); after the resume every record arrives exactly once. The stats route shows the pause, the
 * queue and, after the deliveries, the pacer's load and the portal's allowance.
 */
@ExtendWith(PostgresExtension.class)
class ConnectionPauseIT {

  private static final int COMPANIES = 60;

  private Vertx vertx;
  private HubSpotSandbox sandbox;
  private TestGateway gw;

  @BeforeEach
  void start(TestDatabase db) {
    vertx = Vertx.vertx();
    sandbox =
        HubSpotSandbox.start(vertx, HubSpotSandboxOptions.builder().port(0).build())
            .await()
            .atMost(Duration.ofSeconds(10));
    gw =
        TestGateway.startWith(
            db,
            Map.of(
                "GATEWAY_HUBSPOT_API_URL", sandbox.baseUrl(),
                "GATEWAY_HUBSPOT_AUTH_URL", sandbox.baseUrl()),
            new HubSpotProvider());
  }

  @AfterEach
  void stop() {
    if (gw != null) {
      gw.close();
    }
    sandbox.close().await().atMost(Duration.ofSeconds(5));
    vertx.closeAndAwait();
  }

  @Test
  void aPausedConnectionDeliversNothingAndEverythingArrivesOnceAfterTheResume(TestDatabase db) {
    Portal portal = sandbox.createPortal();
    Http api = gw.http();
    assertThat(api.put("/v1/tenants/t1", new JsonObject().put("name", "T1")).status())
        .isEqualTo(201);
    Http.Res connected =
        api.post(
            "/v1/tenants/t1/connections",
            new JsonObject()
                .put("crm", "hubspot")
                .put("auth", "private_app")
                .put("accessToken", portal.privateAppToken())
                .put("portalId", portal.id()));
    assertThat(connected.status()).as(connected.body()).isIn(200, 201);
    String conn = connected.json().getString("connectionId");
    String path = "/v1/tenants/t1/connections/" + conn;
    // The empty portal's index is built before anything else goes: wait until its jobs are done.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                db.count(
                        "SELECT count(*) FROM jobs WHERE connection_id = '"
                            + conn
                            + "' AND state NOT IN ('completed', 'cancelled')")
                    == 0);

    Http.Res paused = api.post(path + "/pause", null);
    assertThat(paused.status()).as(paused.body()).isEqualTo(200);
    assertThat(paused.json().getBoolean("paused")).isTrue();
    String pausedAt = paused.json().getString("pausedAt");
    assertThat(pausedAt).isNotNull();
    assertThat(api.post(path + "/pause", null).json().getString("pausedAt"))
        .as("a second pause keeps the first one's time")
        .isEqualTo(pausedAt);

    JsonArray items = new JsonArray();
    for (int i = 0; i < COMPANIES; i++) {
      items.add(
          new JsonObject()
              .put("id", "c" + i)
              .put("name", "Paused Company " + i)
              .put("domain", "paused" + i + ".example"));
    }
    assertThat(
            api.post("/v1/tenants/t1/companies:batch", new JsonObject().put("items", items))
                .status())
        .isEqualTo(202);

    // Paused: for several seconds nothing reaches the portal, no job runs or uses an attempt.
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(6))
        .until(
            () ->
                portal.count(ObjectType.COMPANIES) == 0
                    && db.count(
                            "SELECT count(*) FROM jobs WHERE connection_id = '"
                                + conn
                                + "' AND kind = 'deliver' AND (state <> 'available' OR attempt > 0)")
                        == 0);
    JsonObject stats = api.get(path + "/stats").json();
    assertThat(stats.getBoolean("paused")).isTrue();
    assertThat(stats.getJsonObject("jobs").getLong("available")).isEqualTo((long) COMPANIES);
    assertThat(stats.getJsonObject("lastMinute").getLong("delivered")).isZero();

    Http.Res resumed = api.post(path + "/resume", null);
    assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
    assertThat(resumed.json().getBoolean("paused")).isFalse();
    assertThat(resumed.json().getValue("pausedAt")).isNull();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> portal.count(ObjectType.COMPANIES) == COMPANIES);
    // Exactly once: one portal company per record, one completed attempt per record.
    Map<String, Long> perRecord =
        portal.records(ObjectType.COMPANIES, false).stream()
            .collect(Collectors.groupingBy(o -> o.get("queast_id"), Collectors.counting()));
    assertThat(perRecord).hasSize(COMPANIES).allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));
    String completed =
        "SELECT count(*) FROM delivery_log WHERE connection_id = '"
            + conn
            + "' AND kind = 'deliver' AND outcome = 'completed'";
    // The log rows are written when the batch settles, just after the portal has the records.
    await().atMost(Duration.ofSeconds(10)).until(() -> db.count(completed) >= COMPANIES);
    assertThat(db.count(completed)).isEqualTo(COMPANIES);

    // The stats: nothing queued, the minute's deliveries, and the pacer's view of the portal's
    // allowance.
    JsonObject after = api.get(path + "/stats").json();
    assertThat(after.getBoolean("paused")).isFalse();
    assertThat(after.getJsonObject("jobs").getLong("available")).isNull();
    assertThat(after.getJsonObject("lastMinute").getLong("delivered")).isEqualTo(COMPANIES);
    JsonObject pacer = after.getJsonObject("pacer");
    assertThat(pacer.getInteger("allowance")).isEqualTo(portal.privateAppTier().perTenSeconds());
    assertThat(pacer.getDouble("windowSeconds")).isEqualTo(10.0);
    assertThat(pacer.getInteger("ceiling")).isLessThan(pacer.getInteger("allowance"));
    assertThat(pacer.getLong("rateLimited")).isZero();
    assertThat(pacer.getBoolean("live")).as("this instance serves the lane").isTrue();
    // What another instance would read: the load the pacer left in the lane's snapshot.
    String stored =
        "SELECT count(*) FROM lanes WHERE lane = 'hubspot:"
            + portal.id()
            + "' AND (limiter_state->'load'->>'allowance')::int = "
            + portal.privateAppTier().perTenSeconds();
    await().atMost(Duration.ofSeconds(45)).until(() -> db.count(stored) == 1);
    JsonArray perMinute = after.getJsonArray("perMinute");
    assertThat(perMinute.stream().mapToLong(m -> ((JsonObject) m).getLong("completed")).sum())
        .isEqualTo(COMPANIES);

    assertThat(
            api.post("/v1/tenants/t1/connections/" + java.util.UUID.randomUUID() + "/pause", null)
                .status())
        .isEqualTo(404);
  }
}

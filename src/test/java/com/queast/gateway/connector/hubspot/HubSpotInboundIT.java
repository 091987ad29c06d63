package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.sandbox.hubspot.HubSpotSandboxOptions;
import com.queast.gateway.sandbox.hubspot.ObjectType;
import com.queast.gateway.sandbox.hubspot.Portal;
import com.queast.gateway.sandbox.queast.QueastSandbox;
import com.queast.gateway.sandbox.queast.QueastSandboxOptions;
import com.queast.gateway.support.Http;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** HubSpot webhooks into the gateway over real HTTP: v3 signatures, index refresh, bookmarks. */
@ExtendWith(PostgresExtension.class)
class HubSpotInboundIT {

  private static final String PATH = "/v1/webhooks/hubspot";

  private HubSpotHarness h;
  private Vertx vertx;
  private QueastSandbox queast;
  private TestDatabase db;
  private String target;

  @BeforeEach
  void start(TestDatabase db) throws Exception {
    this.db = db;
    vertx = Vertx.vertx();
    queast =
        QueastSandbox.start(vertx, QueastSandboxOptions.defaults().withPort(0))
            .await()
            .atMost(Duration.ofSeconds(10));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    target = "http://127.0.0.1:" + port + PATH;
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_HTTP_PORT", Integer.toString(port));
    env.put("GATEWAY_HUBSPOT_WEBHOOK_TARGET_URL", target);
    env.put("GATEWAY_QUEAST_API_URL", queast.baseUrl());
    env.put("GATEWAY_QUEAST_API_TOKEN", "queast-sandbox-token");
    env.put("GATEWAY_INBOUND_PULL_INTERVAL_MS", "0");
    h = new HubSpotHarness(db, HubSpotSandboxOptions.builder().webhookBatchWindowMs(50), env);
    // The app's target URL, set once by the app developer in HubSpot's developer portal.
    h.sandbox
        .webhooks()
        .config()
        .putSettings(
            new JsonObject()
                .put("targetUrl", target)
                .put("throttling", new JsonObject().put("maxConcurrentRequests", 10)));
  }

  @AfterEach
  void stop() {
    h.close();
    queast.close().await().atMost(Duration.ofSeconds(10));
    vertx.closeAndAwait();
  }

  private Http.Res post(String body, String timestamp, String signature) {
    Map<String, String> headers = new HashMap<>();
    if (timestamp != null) {
      headers.put("X-HubSpot-Request-Timestamp", timestamp);
    }
    if (signature != null) {
      headers.put("X-HubSpot-Signature-v3", signature);
    }
    return h.gw.anonymous().send("POST", PATH, body, headers);
  }

  private Http.Res signed(String body, long at) {
    String ts = Long.toString(at);
    return post(
        body,
        ts,
        HubSpotSignatures.v3(h.sandbox.options().clientSecret(), "POST", target, body, ts));
  }

  /** Installs the app for a tenant and waits until the CRM index of both kinds is complete. */
  private String installIndexed(String tenant, Portal portal) {
    String connection = h.installByOAuth(tenant, portal).getString("connectionId");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                db.count(
                        "SELECT count(*) FROM connections WHERE id = '"
                            + connection
                            + "' AND config->'index'->>'company' = 'complete'"
                            + " AND config->'index'->>'person' = 'complete'")
                    == 1);
    return connection;
  }

  private long events(String where) {
    return db.count("SELECT count(*) FROM inbound_events WHERE " + where);
  }

  @Test
  void forgedStaleAndMalformedRequestsAreRejectedWithoutARowAndDuplicatesCountOnce() {
    Portal portal = h.sandbox.createPortal();
    h.installByOAuth("t1", portal);
    String body =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("eventId", 42)
                    .put("subscriptionId", 1)
                    .put("portalId", portal.id())
                    .put("occurredAt", System.currentTimeMillis())
                    .put("subscriptionType", "company.propertyChange")
                    .put("objectId", 987_654)
                    .put("propertyName", "name")
                    .put("propertyValue", "X"))
            .encode();
    long now = System.currentTimeMillis();

    Http.Res forged = post(body, Long.toString(now), "AAAAforged==");
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.contentType()).startsWith("application/problem+json");
    assertThat(forged.json().getString("code")).isEqualTo("signature_invalid");
    String otherSecret =
        HubSpotSignatures.v3("not-the-secret", "POST", target, body, Long.toString(now));
    assertThat(post(body, Long.toString(now), otherSecret).status()).isEqualTo(401);
    assertThat(post(body, null, null).json().getString("code")).isEqualTo("signature_missing");
    Http.Res stale = signed(body, now - 301_000);
    assertThat(stale.status()).isEqualTo(401);
    assertThat(stale.json().getString("code")).isEqualTo("timestamp_stale");
    Http.Res malformed = signed("[{\"eventId\": ", now);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("body");
    Http.Res noPortal =
        signed("[{\"eventId\": 1, \"subscriptionType\": \"company.creation\"}]", now);
    assertThat(noPortal.status()).isEqualTo(400);
    assertThat(noPortal.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("[0].portalId");
    assertThat(signed("", now).status()).isEqualTo(400);
    assertThat(events("event_key LIKE 'hubspot:42:%' OR event_key LIKE 'hubspot:1:%'")).isZero();

    Http.Res ok = signed(body, now);
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().getInteger("new")).isEqualTo(1);
    assertThat(signed(body, now).json().getInteger("new")).isZero();
    assertThat(events("event_key LIKE 'hubspot:42:%'")).isEqualTo(1);
    // The company does not exist in the portal: its index entry is marked deleted.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> events("event_key LIKE 'hubspot:42:%' AND state = 'processed'") == 1);
  }

  @Test
  void aUiInterestFlagRefreshesTheIndexAndBookmarksTheDeliveredCompanyOnce() {
    Portal portal = h.sandbox.createPortal();
    JsonObject conn = h.installByOAuth("t1", portal);
    h.ingest(
        "t1",
        "companies",
        List.of(
            new JsonObject()
                .put("id", "q-h1")
                .put("name", "Hub One")
                .put("domain", "hub1.example")));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                h.sandbox
                        .findByProperty(portal.id(), ObjectType.COMPANIES, "queast_id", "q-h1")
                        .size()
                    == 1);
    long id =
        h.sandbox
            .findByProperty(portal.id(), ObjectType.COMPANIES, "queast_id", "q-h1")
            .get(0)
            .id();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                db.count(
                        "SELECT count(*) FROM deliveries WHERE record_id = 'q-h1' AND crm_id IS NOT NULL")
                    == 1);

    Http.Res ui =
        new Http(h.sandbox.baseUrl(), null)
            .post(
                "/_sandbox/portals/" + portal.id() + "/companies/" + id + "/properties",
                new JsonObject()
                    .put(
                        "properties",
                        new JsonObject()
                            .put("queast_interest", "interested")
                            .put("name", "Hub One Renamed")));
    assertThat(ui.status()).as(ui.body()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(30)).until(() -> queast.bookmarks("t1").size() == 1);
    JsonObject b = queast.bookmarks("t1").get(0);
    assertThat(b.getString("companyId")).isEqualTo("q-h1");
    assertThat(b.getString("source")).isEqualTo("hubspot");
    assertThat(b.getString("crmRecordId")).isEqualTo(Long.toString(id));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                db.count(
                        "SELECT count(*) FROM crm_records WHERE connection_id = '"
                            + conn.getString("connectionId")
                            + "' AND crm_id = '"
                            + id
                            + "' AND source = 'webhook' AND name = 'Hub One Renamed'")
                    == 1);
    assertThat(events("state = 'processed' AND property_name = 'queast_interest'")).isEqualTo(1);
    assertThat(queast.upsertCount()).isEqualTo(1);
  }

  @Test
  void anIncrementalPullPicksUpACompanyCreatedAfterTheInitialIndexWithoutAWebhook() {
    Portal portal = h.sandbox.createPortal();
    String connection = installIndexed("t2", portal);
    // Setup subscribes the app to company.creation and to changes of every indexed property, so
    // a creation would now reach us as a webhook. HubSpot's own way to have a change never pushed
    // is the app developer pausing the subscriptions (management API, app-wide; HubSpot may take
    // up to 5 minutes to apply it, the sandbox applies it at once): the pull alone must find it.
    JsonArray subscriptions = new JsonArray();
    for (Object o : developer().get(subscriptionsPath()).json().getJsonArray("results")) {
      subscriptions.add(
          new JsonObject().put("id", ((JsonObject) o).getValue("id")).put("active", false));
    }
    assertThat(subscriptions).hasSize(HubSpotSetup.required().size());
    Http.Res paused =
        developer()
            .post(
                subscriptionsPath().replace("/subscriptions?", "/subscriptions/batch/update?"),
                new JsonObject().put("inputs", subscriptions));
    assertThat(paused.status()).as(paused.body()).isEqualTo(200);
    Http.Res created =
        new Http(h.sandbox.baseUrl(), portal.privateAppToken())
            .post(
                "/crm/v3/objects/companies",
                new JsonObject()
                    .put(
                        "properties",
                        new JsonObject()
                            .put("name", "Pulled Inc")
                            .put("domain", "pulled-later.com")
                            .put("phone", "+1 312 555 0142")
                            .put("linkedin_company_page", "linkedin.com/company/90210")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().getString("id");

    Http.Res pull =
        h.http().post("/v1/tenants/t2/connections/" + connection + "/pull", new JsonObject());
    assertThat(pull.status()).as(pull.body()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                db.count(
                            "SELECT count(*) FROM crm_records WHERE connection_id = '"
                                + connection
                                + "' AND crm_id = '"
                                + id
                                + "' AND source = 'pull' AND domain = 'pulled-later.com'"
                                + " AND phone = '+1 312 555 0142'"
                                + " AND linkedin = 'linkedin.com/company/90210'")
                        == 1
                    && db.count(
                            "SELECT count(*) FROM crm_pull_watermarks WHERE connection_id = '"
                                + connection
                                + "'")
                        == 2);
    assertThat(events("tenant_id = 't2'")).isZero();
    assertThat(h.sandbox.webhooks().deliveries()).isEmpty();
  }

  private Http developer() {
    return new Http(h.sandbox.baseUrl(), null);
  }

  private String subscriptionsPath() {
    return "/webhooks/v3/"
        + h.sandbox.options().appId()
        + "/subscriptions?hapikey="
        + h.sandbox.options().developerApiKey();
  }

  private Http.Res ui(String method, String path, JsonObject body) {
    return new Http(h.sandbox.baseUrl(), null)
        .send(method, path, body == null ? null : body.encode(), Map.of());
  }

  private String uiCreate(Portal portal, String type, JsonObject properties) {
    Http.Res r =
        ui(
            "POST",
            "/_sandbox/portals/" + portal.id() + "/" + type,
            new JsonObject().put("properties", properties));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getString("id");
  }

  private long crmRecords(String connection, String where) {
    return db.count(
        "SELECT count(*) FROM crm_records WHERE connection_id = '" + connection + "' AND " + where);
  }

  private String deliveredTo(String connection, String queastId) {
    return db.string(
        "SELECT crm_id FROM deliveries WHERE connection_id = '"
            + connection
            + "' AND record_id = '"
            + queastId
            + "' AND crm_id IS NOT NULL");
  }

  @Test
  void uiCreationsAndDeletionsReachTheIndexByWebhookAndADeletedCompanyIsNeverLinkedAgain() {
    Portal portal = h.sandbox.createPortal();
    String connection = installIndexed("t3", portal);
    String keptName = HubSpotHarness.word("kept", 0) + " " + HubSpotHarness.word("kept", 1);
    String goneName = HubSpotHarness.word("gone", 0) + " " + HubSpotHarness.word("gone", 1);

    // A CRM user creates two companies and a contact in HubSpot's UI.
    String kept =
        uiCreate(
            portal,
            "companies",
            new JsonObject().put("name", keptName).put("domain", "kept-co.com"));
    String gone =
        uiCreate(
            portal,
            "companies",
            new JsonObject().put("name", goneName).put("domain", "gone-co.com"));
    String contact =
        uiCreate(
            portal,
            "contacts",
            new JsonObject()
                .put("email", "ada@ui.example")
                .put("firstname", "Ada")
                .put("lastname", HubSpotHarness.word("ada", 0)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                crmRecords(
                            connection,
                            "kind = 'company' AND source = 'webhook' AND NOT deleted AND ((crm_id = '"
                                + kept
                                + "' AND domain = 'kept-co.com') OR (crm_id = '"
                                + gone
                                + "' AND domain = 'gone-co.com'))")
                        == 2
                    && crmRecords(
                            connection,
                            "kind = 'person' AND source = 'webhook' AND crm_id = '"
                                + contact
                                + "' AND email = 'ada@ui.example'")
                        == 1);

    // The user deletes one of them: the deletion webhook marks its index row deleted.
    assertThat(
            ui("DELETE", "/_sandbox/portals/" + portal.id() + "/companies/" + gone, null).status())
        .isEqualTo(204);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> crmRecords(connection, "crm_id = '" + gone + "' AND deleted") == 1);

    // Queast then sends both companies, each with a CRM company's exact name and domain.
    h.ingest(
        "t3",
        "companies",
        List.of(
            new JsonObject().put("id", "q-kept").put("name", keptName).put("domain", "kept-co.com"),
            new JsonObject()
                .put("id", "q-gone")
                .put("name", goneName)
                .put("domain", "gone-co.com")));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                deliveredTo(connection, "q-kept") != null
                    && deliveredTo(connection, "q-gone") != null);

    // The live one, known only through webhooks, is linked; the deleted one never is.
    assertThat(deliveredTo(connection, "q-kept")).isEqualTo(kept);
    String written = deliveredTo(connection, "q-gone");
    assertThat(written).isNotEqualTo(gone);
    assertThat(db.count("SELECT count(*) FROM matches WHERE crm_id = '" + gone + "'")).isZero();
    var created =
        h.sandbox.findByProperty(portal.id(), ObjectType.COMPANIES, "queast_id", "q-gone");
    assertThat(created).hasSize(1);
    assertThat(Long.toString(created.get(0).id())).isEqualTo(written);
    // Our own creation comes back as INTEGRATION events from our app: answered, never stored.
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> events("crm_id = '" + written + "'") == 0);
    assertThat(
            h.sandbox.webhooks().deliveries().stream()
                .filter(d -> Integer.valueOf(200).equals(d.getInteger("status")))
                .count())
        .isPositive();
    // All of it without a single pull.
    assertThat(
            db.count(
                "SELECT count(*) FROM crm_pull_watermarks WHERE connection_id = '"
                    + connection
                    + "'"))
        .isZero();
    assertThat(crmRecords(connection, "source = 'pull'")).isZero();
  }
}

package com.queast.gateway.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.sandbox.pipedrive.CompanyCredentials;
import com.queast.gateway.sandbox.pipedrive.Plan;
import com.queast.gateway.sandbox.queast.QueastSandbox;
import com.queast.gateway.sandbox.queast.QueastSandboxOptions;
import com.queast.gateway.support.Http;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import com.queast.gateway.tenant.Connection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pipedrive webhooks into the gateway over real HTTP: Basic credentials per connection, durable
 * events, index freshness, incremental pulls, interest bookmarks, tenant isolation and a burst.
 */
@ExtendWith(PostgresExtension.class)
class PipedriveInboundIT {

  private static final String PATH = "/v1/webhooks/pipedrive";

  private PipedriveFixture fx;
  private Vertx vertx;
  private QueastSandbox queast;
  private TestDatabase db;

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
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_HTTP_PORT", Integer.toString(port));
    env.put("GATEWAY_PIPEDRIVE_WEBHOOK_TARGET_URL", "http://127.0.0.1:" + port + PATH);
    env.put("GATEWAY_QUEAST_API_URL", queast.baseUrl());
    env.put("GATEWAY_QUEAST_API_TOKEN", "queast-sandbox-token");
    env.put("GATEWAY_INBOUND_PULL_INTERVAL_MS", "0");
    fx = new PipedriveFixture(db, env);
  }

  @AfterEach
  void stop() {
    fx.close();
    queast.close().await().atMost(Duration.ofSeconds(10));
    vertx.closeAndAwait();
  }

  private record Tenant(String id, CompanyCredentials company, UUID connection) {}

  private Tenant connect(String tenant) {
    CompanyCredentials company = fx.company(Plan.PREMIUM, 1);
    fx.tenant(tenant);
    UUID id = UUID.fromString(fx.connectWithApiToken(tenant, company).getString("connectionId"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                new JsonObject()
                    .put("company", "complete")
                    .put("person", "complete")
                    .equals(connection(tenant, id).config().getJsonObject("index")));
    // Setup (fields, webhook) finishes on its own time after the connect answer.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                fx.sandbox
                            .companySummary(company.companyId())
                            .getJsonObject("counts")
                            .getLong("webhooks")
                        == 2
                    && connection(tenant, id).config().getString("webhookId") != null);
    return new Tenant(tenant, company, id);
  }

  private Connection connection(String tenant, UUID id) {
    return fx.gw
        .gateway()
        .services()
        .connections()
        .get(tenant, id)
        .await()
        .indefinitely()
        .orElseThrow();
  }

  private String basic(Tenant t) {
    JsonObject creds =
        fx.gw.gateway().services().connections().credentials(connection(t.id(), t.connection()));
    String pair = creds.getString("webhookUser") + ":" + creds.getString("webhookPassword");
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private Http.Res post(String auth, String body) {
    Map<String, String> h = new HashMap<>();
    if (auth != null) {
      h.put("Authorization", auth);
    }
    return fx.gw.anonymous().send("POST", PATH, body, h);
  }

  private JsonObject createOrgAsUser(Tenant t, JsonObject body) throws Exception {
    return asUser(t, "POST", "/organizations", body, 201);
  }

  private JsonObject asUser(Tenant t, String method, String path, JsonObject body, int status)
      throws Exception {
    return fx.asUser(t.company().companyId(), method, path, body, status);
  }

  private void ingestCompany(String id, String name, String domain) {
    fx.ingest(
        "t1",
        "companies",
        1,
        i -> new JsonObject().put("id", id).put("name", name).put("domain", domain));
  }

  private void awaitDelivered(String recordId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                db.count(
                        "SELECT count(*) FROM deliveries WHERE record_id = '"
                            + recordId
                            + "' AND crm_id IS NOT NULL")
                    == 1);
  }

  /** Deletes the company's webhooks, as Pipedrive does after days of failed deliveries. */
  private void dropWebhooks(Tenant t) throws Exception {
    for (Object o :
        fx.pipedriveApi(t.company(), "GET", "/api/v1/webhooks", null).getJsonArray("data")) {
      fx.pipedriveApi(
          t.company(), "DELETE", "/api/v1/webhooks/" + ((JsonObject) o).getValue("id"), null);
    }
  }

  private long crmRecords(Tenant t, String where) {
    return db.count(
        "SELECT count(*) FROM crm_records WHERE connection_id = '"
            + t.connection()
            + "' AND "
            + where);
  }

  private long events(String where) {
    return db.count("SELECT count(*) FROM inbound_events WHERE " + where);
  }

  private static JsonObject event(Tenant t, String id, long orgId, JsonObject data) {
    return new JsonObject()
        .put(
            "meta",
            new JsonObject()
                .put("id", id)
                .put("action", "change")
                .put("entity", "organization")
                .put("entity_id", String.valueOf(orgId))
                .put("company_id", String.valueOf(t.company().companyId()))
                .put("timestamp", "2026-11-28T03:00:00.000Z")
                .put("version", "2.0"))
        .put("data", data)
        .put("previous", new JsonObject());
  }

  @Test
  void aUiChangeArrivesByWebhookRefreshesTheIndexAndALaterRecordAutoLinksToIt() throws Exception {
    Tenant t = connect("t1");
    JsonObject org =
        createOrgAsUser(
            t,
            new JsonObject()
                .put("name", "Webhooked Analytics")
                .put("website", "webhooked-analytics.com"));
    long orgId = org.getLong("id");
    // Created in the UI: the create webhook's data lacks the website, so the gateway reads the
    // organization once and indexes it whole, without waiting for a pull.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                crmRecords(
                        t,
                        "crm_id = '"
                            + orgId
                            + "' AND source = 'webhook' AND domain = 'webhooked-analytics.com'")
                    == 1);

    // A rename in the UI fires a change webhook and refreshes the entry.
    fx.sandbox.updateOrganizationAsUser(
        t.company().companyId(), orgId, new JsonObject().put("name", "Webhooked Analytics GmbH"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                crmRecords(t, "crm_id = '" + orgId + "' AND name = 'Webhooked Analytics GmbH'")
                    == 1);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> events("crm_id = '" + orgId + "' AND state = 'processed'") == 2);

    // A Queast company with that domain now links to the CRM record instead of creating another.
    ingestCompany("q-webhooked", "Webhooked Analytics", "webhooked-analytics.com");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                db.count(
                        "SELECT count(*) FROM matches WHERE record_id = 'q-webhooked'"
                            + " AND state = 'auto_linked' AND crm_id = '"
                            + orgId
                            + "'")
                    == 1);
    assertThat(
            fx.sandbox.records(t.company().companyId(), "organization").stream()
                .filter(o -> "webhooked-analytics.com".equals(o.getString("website")))
                .count())
        .isEqualTo(1);
  }

  @Test
  void forgedMalformedEmptyAndHugeWebhooksAreRejectedWithoutARow() {
    Tenant t = connect("t1");
    String good = basic(t);
    String body = event(t, "evt-1", 1, new JsonObject().put("id", 1).put("name", "X")).encode();

    String wrong =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    ("queast-" + t.connection().toString().substring(0, 8) + ":nope")
                        .getBytes(StandardCharsets.UTF_8));
    Http.Res r = post(wrong, body);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().getString("code")).isEqualTo("credentials_invalid");
    assertThat(post(null, body).status()).isEqualTo(401);
    assertThat(post("Basic !!!", body).status()).isEqualTo(401);

    Http.Res malformed = post(good, "{\"meta\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("body");
    Http.Res noId =
        post(good, new JsonObject().put("meta", new JsonObject().put("action", "change")).encode());
    assertThat(noId.status()).isEqualTo(400);
    assertThat(noId.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("meta.id");
    assertThat(post(good, "").status()).isEqualTo(400);
    assertThat(post(good, "x".repeat(1_100_000)).status()).isEqualTo(413);

    assertThat(events("true")).isZero();
    assertThat(post(good, body).status()).isEqualTo(200);
    assertThat(events("true")).isEqualTo(1);
  }

  @Test
  void theSameEventDeliveredTwiceIsStoredAndProcessedOnce() throws Exception {
    Tenant t = connect("t1");
    String auth = basic(t);
    long orgId = createOrgAsUser(t, new JsonObject().put("name", "Dup Ltd")).getLong("id");
    // The UI creation's own webhook is processed first, so what follows is only the duplicate.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> events("crm_id = '" + orgId + "' AND state = 'processed'") == 1);
    long jobsBefore = db.count("SELECT count(*) FROM jobs WHERE kind = 'inbound'");
    String body =
        event(t, "evt-dup", orgId, new JsonObject().put("id", orgId).put("name", "Dup Ltd"))
            .encode();
    Http.Res first = post(auth, body);
    Http.Res second = post(auth, body);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().getInteger("new")).isEqualTo(1);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().getInteger("new")).isZero();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> events("event_key = 'pipedrive:evt-dup' AND state = 'processed'") == 1);
    assertThat(events("true")).isEqualTo(2);
    assertThat(crmRecords(t, "crm_id = '" + orgId + "' AND name = 'Dup Ltd'")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM jobs WHERE kind = 'inbound'"))
        .isEqualTo(jobsBefore + 1);
  }

  @Test
  void aBurstOfTwoThousandEventsIsAcceptedAndProcessedWithoutLoss() throws Exception {
    Tenant t = connect("t1");
    String auth = basic(t);
    int n = 2000;
    int orgs = 20;
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < orgs; i++) {
      ids.add(
          createOrgAsUser(
                  t,
                  new JsonObject()
                      .put("name", "Burst " + i)
                      .put("website", "burst" + i + ".example"))
              .getLong("id"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<long[]>> results = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < n; i++) {
      int k = i;
      results.add(
          pool.submit(
              () -> {
                long s = System.nanoTime();
                long org = ids.get(k % orgs);
                String body =
                    event(t, "burst-" + k, org, new JsonObject().put("id", org).put("name", "B"))
                        .encode();
                int status = post(auth, body).status();
                return new long[] {status, (System.nanoTime() - s) / 1_000_000};
              }));
    }
    int ok = 0;
    long worst = 0;
    List<Long> latencies = new ArrayList<>();
    for (Future<long[]> f : results) {
      long[] r = f.get();
      if (r[0] == 200) {
        ok++;
      }
      worst = Math.max(worst, r[1]);
      latencies.add(r[1]);
    }
    long wallMs = (System.nanoTime() - started) / 1_000_000;
    pool.shutdown();
    latencies.sort(Long::compare);
    System.out.printf(
        "burst: %d/%d accepted in %d ms, p50 %d ms, p99 %d ms, max %d ms%n",
        ok, n, wallMs, latencies.get(n / 2), latencies.get(n * 99 / 100), worst);
    assertThat(ok).isEqualTo(n);
    assertThat(worst).isLessThan(10_000);
    assertThat(events("event_key LIKE 'pipedrive:burst-%'")).isEqualTo(n);
    long processingStarted = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(180))
        .until(() -> events("event_key LIKE 'pipedrive:burst-%' AND state = 'processed'") == n);
    System.out.printf(
        "burst: %d processed %d ms after acceptance%n",
        n, (System.nanoTime() - processingStarted) / 1_000_000);
    // Events of one organization coalesce into one job while pending: far fewer reads than events.
    assertThat(crmRecords(t, "source = 'webhook' AND name LIKE 'Burst %'")).isEqualTo(orgs);
  }

  @Test
  void anIncrementalPullPicksUpARecordCreatedAfterTheInitialIndexWithoutAWebhook()
      throws Exception {
    Tenant t = connect("t1");
    // Webhooks can be lost (Pipedrive bans a failing receiver for 30 minutes and deletes its
    // webhook after 3 days): with ours gone, only the pull can see a new organization.
    dropWebhooks(t);
    JsonObject org =
        createOrgAsUser(
            t, new JsonObject().put("name", "Pulled Later AG").put("website", "pulled-later.com"));
    String id = String.valueOf(org.getLong("id"));
    assertThat(crmRecords(t, "crm_id = '" + id + "'")).isZero();

    Http.Res r =
        fx.gw
            .http()
            .post("/v1/tenants/t1/connections/" + t.connection() + "/pull", new JsonObject());
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                crmRecords(t, "crm_id = '" + id + "' AND source = 'pull'") == 1
                    && db.count(
                            "SELECT count(*) FROM crm_pull_watermarks WHERE connection_id = '"
                                + t.connection()
                                + "'")
                        == 2);
    assertThat(events("true")).isZero();
  }

  @Test
  void theInterestFlagBookmarksTheLinkedCompanyOnceAndAnotherTenantsEventsNeverTouchIt()
      throws Exception {
    Tenant t1 = connect("t1");
    Tenant t2 = connect("t2");
    ingestCompany("q-keen", "Keen Robotics", "keen-robotics.com");
    awaitDelivered("q-keen");
    String crmId =
        fx
            .gw
            .http()
            .get("/v1/tenants/t1/deliveries?recordId=q-keen")
            .json()
            .getJsonArray("items")
            .stream()
            .map(JsonObject.class::cast)
            .map(d -> d.getString("crmId"))
            .filter(java.util.Objects::nonNull)
            .findFirst()
            .orElseThrow();
    String key =
        connection("t1", t1.connection())
            .config()
            .getJsonObject("fields")
            .getJsonObject("organization")
            .getString("Queast interest");

    fx.sandbox.updateOrganizationAsUser(
        t1.company().companyId(),
        Long.parseLong(crmId),
        new JsonObject().put("custom_fields", new JsonObject().put(key, "yes")));

    await().atMost(Duration.ofSeconds(20)).until(() -> queast.bookmarks("t1").size() == 1);
    JsonObject b = queast.bookmarks("t1").get(0);
    assertThat(b.getString("companyId")).isEqualTo("q-keen");
    assertThat(b.getString("source")).isEqualTo("pipedrive");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> events("crm_id = '" + crmId + "' AND state = 'processed'") == 1);

    // A UI-created company nobody linked: kept as unresolved, visible in the events view.
    JsonObject stray = createOrgAsUser(t1, new JsonObject().put("name", "Stray Co"));
    fx.sandbox.updateOrganizationAsUser(
        t1.company().companyId(),
        stray.getLong("id"),
        new JsonObject().put("custom_fields", new JsonObject().put(key, "yes")));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> events("crm_id = '" + stray.getLong("id") + "' AND state = 'unresolved'") == 1);
    JsonArray unresolved =
        fx.gw
            .http()
            .get("/v1/tenants/t1/inbound-events?state=unresolved")
            .json()
            .getJsonArray("items");
    assertThat(unresolved).hasSize(1);
    assertThat(unresolved.getJsonObject(0).getString("detail")).contains("linked to no Queast");

    // t2's credentials cannot speak for t1's Pipedrive company...
    JsonObject forged =
        event(
            t1,
            "evt-cross",
            Long.parseLong(crmId),
            new JsonObject().put("id", 1).put("name", "Hijack"));
    Http.Res cross = post(basic(t2), forged.encode());
    assertThat(cross.status()).isEqualTo(401);
    assertThat(cross.json().getString("code")).isEqualTo("account_mismatch");
    // ...and t2's own events only ever land on t2's connection.
    assertThat(
            post(
                    basic(t2),
                    event(t2, "evt-t2", 5, new JsonObject().put("id", 5).put("name", "T2 Org"))
                        .encode())
                .status())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> events("event_key = 'pipedrive:evt-t2' AND state = 'processed'") == 1);
    assertThat(
            events(
                "event_key = 'pipedrive:evt-t2' AND tenant_id = 't2' AND connection_id = '"
                    + t2.connection()
                    + "'"))
        .isEqualTo(1);
    assertThat(crmRecords(t1, "name IN ('Hijack', 'T2 Org')")).isZero();
    assertThat(queast.bookmarks("t2")).isEmpty();
    assertThat(queast.bookmarks("t1")).hasSize(1);
    assertThat(queast.upsertCount()).isEqualTo(1);
  }

  @Test
  void deletionsAndPersonsArriveByWebhookAndOurOwnWritesAreNotReadBack() throws Exception {
    Tenant t = connect("t1");
    long company = t.company().companyId();

    // Our own delivery: Pipedrive sends its webhook (change_source "api", our user); the receiver
    // answers 200 and stores nothing, since the write already refreshed the index.
    ingestCompany("q-own", "Own Write Ltd", "ownwrite.com");
    awaitDelivered("q-own");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                fx.sandbox.webhookDeliveries(company).stream()
                    .map(JsonObject.class::cast)
                    .anyMatch(d -> Integer.valueOf(200).equals(d.getInteger("status"))));
    assertThat(events("true")).as("echoes of our own writes are not stored").isZero();
    assertThat(crmRecords(t, "domain = 'ownwrite.com' AND NOT deleted")).isEqualTo(1);

    // A person created in the UI is indexed by its webhook, with its primary phone and its
    // organization (matching evidence 'phone' and 'crm_company').
    long ownOrg =
        db.count(
            "SELECT crm_id::bigint FROM deliveries WHERE record_id = 'q-own'"
                + " AND crm_id IS NOT NULL");
    JsonObject person =
        asUser(
            t,
            "POST",
            "/persons",
            new JsonObject()
                .put("name", "Ada Lovelace")
                .put("org_id", ownOrg)
                .put(
                    "emails",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("value", "ada@analytical.example")
                                .put("primary", true)
                                .put("label", "work")))
                .put(
                    "phones",
                    new JsonArray()
                        .add(new JsonObject().put("value", "+44 20 7946 0999").put("label", "home"))
                        .add(
                            new JsonObject()
                                .put("value", "+44 20 7946 0018")
                                .put("primary", true)
                                .put("label", "work"))),
            201);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                crmRecords(
                        t,
                        "crm_id = '"
                            + person.getLong("id")
                            + "' AND kind = 'person' AND source = 'webhook'"
                            + " AND email = 'ada@analytical.example'"
                            + " AND phone = '+44 20 7946 0018' AND company_crm_id = '"
                            + ownOrg
                            + "'")
                    == 1);

    // An organization deleted in the UI leaves the index: a Queast company with its name and
    // domain delivered afterwards gets an organization of its own, not the deleted one.
    JsonObject doomed =
        createOrgAsUser(
            t, new JsonObject().put("name", "Doomed Widgets").put("website", "doomed-widgets.com"));
    long doomedId = doomed.getLong("id");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> crmRecords(t, "crm_id = '" + doomedId + "' AND NOT deleted") == 1);
    asUser(t, "DELETE", "/organizations/" + doomedId, null, 200);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> crmRecords(t, "crm_id = '" + doomedId + "' AND deleted") == 1);
    ingestCompany("q-doomed", "Doomed Widgets", "doomed-widgets.com");
    awaitDelivered("q-doomed");
    long crmId =
        db.count(
            "SELECT crm_id::bigint FROM deliveries WHERE record_id = 'q-doomed'"
                + " AND crm_id IS NOT NULL");
    assertThat(crmId).isNotEqualTo(doomedId);
    assertThat(
            db.count(
                "SELECT count(*) FROM matches WHERE record_id = 'q-doomed' AND crm_id = '"
                    + doomedId
                    + "'"))
        .isZero();
  }

  @Test
  void aFullListingMarksDeletedWhatItNoLongerSeesWithoutHoldingDeliveriesBack() throws Exception {
    Tenant t = connect("t1");
    long kept = createOrgAsUser(t, new JsonObject().put("name", "Still Here BV")).getLong("id");
    long gone = createOrgAsUser(t, new JsonObject().put("name", "Quietly Gone SA")).getLong("id");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> crmRecords(t, "crm_id IN ('" + kept + "', '" + gone + "')") == 2);
    // Its deletion webhook is lost (ours were deleted after failed deliveries), and pulls list live
    // records only: the entry stays.
    dropWebhooks(t);
    asUser(t, "DELETE", "/organizations/" + gone, null, 200);
    // Both were indexed a while ago (rows carry their writer's clock).
    db.exec(
        "UPDATE crm_records SET updated_at = updated_at - interval '1 hour' WHERE connection_id = '"
            + t.connection()
            + "'");
    Http.Res bad =
        fx.gw
            .http()
            .post(
                "/v1/tenants/t1/connections/" + t.connection() + "/pull",
                new JsonObject().put("full", "yes"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("full");

    Http.Res r =
        fx.gw
            .http()
            .post(
                "/v1/tenants/t1/connections/" + t.connection() + "/pull",
                new JsonObject().put("full", true));
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    assertThat(r.json().getBoolean("full")).isTrue();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> crmRecords(t, "crm_id = '" + gone + "' AND deleted") == 1);
    assertThat(crmRecords(t, "crm_id = '" + kept + "' AND NOT deleted")).isEqualTo(1);
    // The index stayed usable throughout: a reconcile never marks it as building.
    assertThat(
            connection("t1", t.connection()).config().getJsonObject("index").getString("company"))
        .isEqualTo("complete");
    assertThat(
            connection("t1", t.connection())
                .config()
                .getJsonObject("index")
                .getString("reconcileStartedAt"))
        .isNotNull();
  }
}

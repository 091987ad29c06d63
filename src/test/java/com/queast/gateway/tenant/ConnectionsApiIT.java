package com.queast.gateway.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.support.Http;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.ScriptedConnector;
import com.queast.gateway.support.TestDatabase;
import com.queast.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class ConnectionsApiIT {

  private TestDatabase db;
  private ScriptedConnector crm;
  private TestGateway gw;
  private Http http;

  @BeforeEach
  void start(TestDatabase database) {
    db = database;
    db.exec("TRUNCATE tenants, jobs, lanes, delivery_log CASCADE");
    crm = new ScriptedConnector(100);
    gw = TestGateway.start(db, Map.of(), crm);
    http = gw.http();
    http.put("/v1/tenants/t1", new JsonObject().put("name", "T1"));
    http.put("/v1/tenants/t2", new JsonObject().put("name", "T2"));
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  private static String state(String authorizeUrl) {
    String q = URI.create(authorizeUrl).getQuery();
    for (String p : q.split("&")) {
      if (p.startsWith("state=")) {
        return p.substring(6);
      }
    }
    throw new AssertionError("no state in " + authorizeUrl);
  }

  @Test
  void aTokenConnectionIsActiveAtOnceAndReceivesRecordsIngestedBefore() {
    http.put("/v1/tenants/t1/companies/c1", new JsonObject().put("name", "Before"));
    Http.Res r =
        http.post(
            "/v1/tenants/t1/connections",
            new JsonObject().put("crm", "test").put("auth", "token").put("apiToken", "good-token"));
    assertThat(r.status()).isEqualTo(201);
    JsonObject c = r.json();
    assertThat(c.getString("status")).isEqualTo("active");
    assertThat(c.getString("accountId")).isEqualTo("acct-token");
    assertThat(c.getJsonObject("backfill").getString("reason")).isEqualTo("connect");
    assertThat(c.encode()).doesNotContain("good-token");
    await().atMost(Duration.ofSeconds(10)).until(() -> crm.writes().containsKey("company/c1"));
    http.put("/v1/tenants/t1/companies/c2", new JsonObject().put("name", "After"));
    await().atMost(Duration.ofSeconds(10)).until(() -> crm.writes().containsKey("company/c2"));
    assertThat(
            db.count(
                "SELECT count(*) FROM connections WHERE credentials::text LIKE '%good-token%'"))
        .isZero();
  }

  @Test
  void secretsNeverReachALogLine() {
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
        new ch.qos.logback.core.read.ListAppender<>();
    seen.start();
    root.addAppender(seen);
    try {
      http.post(
          "/v1/tenants/t1/connections",
          new JsonObject().put("crm", "test").put("auth", "token").put("apiToken", "good-token"));
      http.post(
          "/v1/tenants/t1/connections",
          new JsonObject()
              .put("crm", "test")
              .put("auth", "token")
              .put("apiToken", "stolen-secret"));
      // One failed attempt makes the delivery path log a line with tenant, connection and job.
      crm.script(
          item ->
              item.job().attempt() == 1
                  ? new com.queast.gateway.jobqueue.Outcome.Retry(
                      com.queast.gateway.jobqueue.Outcome.Attempt.of("vendor_5xx", "try again"),
                      null)
                  : ScriptedConnector.ok(item));
      http.put("/v1/tenants/t1/companies/c9", new JsonObject().put("name", "Logged"));
      await().atMost(Duration.ofSeconds(10)).until(() -> crm.writes().containsKey("company/c9"));
    } finally {
      root.detachAppender(seen);
    }
    assertThat(seen.list).isNotEmpty();
    for (var e : seen.list) {
      String all = e.getFormattedMessage() + " " + java.util.Arrays.toString(e.getArgumentArray());
      assertThat(all)
          .doesNotContain("good-token")
          .doesNotContain("stolen-secret")
          .doesNotContain(TestDatabase.TOKEN);
    }
  }

  @Test
  void badConnectRequestsNameTheField() {
    assertThat(
            http.post("/v1/tenants/t1/connections", new JsonObject())
                .json()
                .getJsonArray("errors")
                .encode())
        .contains("\"crm\"", "\"auth\"");
    assertThat(
            http.post(
                    "/v1/tenants/t1/connections",
                    new JsonObject().put("crm", "salesforce").put("auth", "oauth"))
                .json()
                .getJsonArray("errors")
                .encode())
        .contains("\"crm\"");
    assertThat(
            http.post(
                    "/v1/tenants/t1/connections",
                    new JsonObject().put("crm", "test").put("auth", "basic"))
                .json()
                .getJsonArray("errors")
                .encode())
        .contains("\"auth\"");
    Http.Res refused =
        http.post(
            "/v1/tenants/t1/connections",
            new JsonObject().put("crm", "test").put("auth", "token").put("apiToken", "stolen"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().getJsonArray("errors").encode()).contains("apiToken");
    assertThat(
            http.post(
                    "/v1/tenants/nobody/connections",
                    new JsonObject().put("crm", "test").put("auth", "oauth"))
                .status())
        .isEqualTo(404);
    assertThat(db.count("SELECT count(*) FROM connections")).isZero();
  }

  @Test
  void oauthInstallRunsEndToEndAndItsStateIsSingleUse() {
    JsonObject pending =
        http.post(
                "/v1/tenants/t1/connections",
                new JsonObject().put("crm", "test").put("auth", "oauth"))
            .json();
    assertThat(pending.getString("status")).isEqualTo("pending");
    String state = state(pending.getString("authorizeUrl"));
    assertThat(state).hasSizeGreaterThanOrEqualTo(40);
    Http anon = gw.anonymous();
    Http.Res bad = anon.get("/v1/oauth/test/callback?state=" + state + "&code=wrong");
    assertThat(bad.status()).isEqualTo(400);
    // The first callback used the state even though the code was bad: a new consent is needed.
    assertThat(
            anon.get(
                    "/v1/oauth/test/callback?state="
                        + state
                        + "&code="
                        + ScriptedConnector.GOOD_CODE)
                .status())
        .isEqualTo(400);
    String again =
        state(
            http.post(
                    "/v1/tenants/t1/connections/"
                        + pending.getString("connectionId")
                        + "/reauthorize",
                    null)
                .json()
                .getString("authorizeUrl"));
    Http.Res ok =
        anon.get("/v1/oauth/test/callback?state=" + again + "&code=" + ScriptedConnector.GOOD_CODE);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.contentType()).startsWith("text/html");
    assertThat(ok.body()).contains("acct-oauth");
    JsonObject active =
        http.get("/v1/tenants/t1/connections/" + pending.getString("connectionId")).json();
    assertThat(active.getString("status")).isEqualTo("active");
    assertThat(active.getString("lane")).isEqualTo("test:acct-oauth");
    assertThat(
            anon.get(
                    "/v1/oauth/test/callback?state="
                        + again
                        + "&code="
                        + ScriptedConnector.GOOD_CODE)
                .status())
        .isEqualTo(400);
  }

  @Test
  void anExpiredOrForeignStateIsRefused() {
    JsonObject pending =
        http.post(
                "/v1/tenants/t1/connections",
                new JsonObject().put("crm", "test").put("auth", "oauth"))
            .json();
    String state = state(pending.getString("authorizeUrl"));
    db.exec("UPDATE oauth_states SET expires_at = now() - interval '1 second'");
    assertThat(
            gw.anonymous()
                .get("/v1/oauth/test/callback?state=" + state + "&code=good-code")
                .status())
        .isEqualTo(400);
    assertThat(gw.anonymous().get("/v1/oauth/test/callback?code=good-code").status())
        .isEqualTo(400);
    assertThat(gw.anonymous().get("/v1/oauth/test/callback?state=forged&code=good-code").status())
        .isEqualTo(400);
  }

  @Test
  void connectionsAreListedWithStatusAndHiddenFromOtherTenants() {
    String id =
        http.post(
                "/v1/tenants/t1/connections",
                new JsonObject()
                    .put("crm", "test")
                    .put("auth", "token")
                    .put("apiToken", "good-token"))
            .json()
            .getString("connectionId");
    var list = http.get("/v1/tenants/t1/connections").json().getJsonArray("items");
    assertThat(list).hasSize(1);
    assertThat(list.getJsonObject(0).getJsonObject("jobs")).isNotNull();
    assertThat(http.get("/v1/tenants/t2/connections").json().getJsonArray("items")).isEmpty();
    assertThat(http.get("/v1/tenants/t2/connections/" + id).status()).isEqualTo(404);
    assertThat(http.send("DELETE", "/v1/tenants/t2/connections/" + id, null, Map.of()).status())
        .isEqualTo(404);
    assertThat(http.get("/v1/tenants/t1/connections/not-a-uuid").status()).isEqualTo(404);
  }

  @Test
  void disconnectingCancelsPendingJobs() {
    crm.pacer(
        r ->
            com.queast.gateway.connector.PaceDecision.waitFor(
                Duration.ofSeconds(30), "bucket_empty"));
    String id =
        http.post(
                "/v1/tenants/t1/connections",
                new JsonObject()
                    .put("crm", "test")
                    .put("auth", "token")
                    .put("apiToken", "good-token"))
            .json()
            .getString("connectionId");
    http.put("/v1/tenants/t1/companies/c1", new JsonObject().put("name", "X"));
    assertThat(db.count("SELECT count(*) FROM jobs WHERE state = 'available'")).isEqualTo(1);
    JsonObject c = http.send("DELETE", "/v1/tenants/t1/connections/" + id, null, Map.of()).json();
    assertThat(c.getString("status")).isEqualTo("disconnected");
    assertThat(db.count("SELECT count(*) FROM jobs WHERE state = 'cancelled'")).isEqualTo(1);
    http.put("/v1/tenants/t1/companies/c2", new JsonObject().put("name", "Y"));
    assertThat(db.count("SELECT count(*) FROM jobs WHERE record_id = 'c2'")).isZero();
  }
}

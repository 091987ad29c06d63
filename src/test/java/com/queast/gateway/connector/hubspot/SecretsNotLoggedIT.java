package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.queast.gateway.sandbox.hubspot.ObjectType;
import com.queast.gateway.sandbox.hubspot.Portal;
import com.queast.gateway.support.Http;
import com.queast.gateway.support.TestDatabase;
import com.queast.gateway.tenant.Connection;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * After a full connector run (OAuth install, a private-app connection, deliveries, a CRM user's
 * change arriving by signed webhook, a refused forged webhook), no log line carries a secret: not
 * the admin token, the vault key, an OAuth access or refresh token, a private-app token, the app's
 * client secret or developer API key. Every part of every event is searched: message, arguments,
 * key-values, MDC and exception text.
 */
class SecretsNotLoggedIT extends HubSpotHarnessTest {

  private static String text(ILoggingEvent e) {
    StringBuilder sb = new StringBuilder(e.getFormattedMessage());
    if (e.getArgumentArray() != null) {
      for (Object a : e.getArgumentArray()) {
        sb.append(' ').append(a);
      }
    }
    sb.append(' ').append(e.getMDCPropertyMap());
    for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
      sb.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
    }
    return sb.toString();
  }

  @Test
  void noSecretReachesTheLogDuringAFullConnectorRun() {
    // A gateway whose HubSpot app sends its webhooks back to it (as in HubSpotInboundIT).
    h.close();
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    String target = "http://127.0.0.1:" + port + "/v1/webhooks/hubspot";
    h =
        new HubSpotHarness(
            db,
            com.queast.gateway.sandbox.hubspot.HubSpotSandboxOptions.builder()
                .webhookBatchWindowMs(50),
            Map.of(
                "GATEWAY_HTTP_PORT",
                Integer.toString(port),
                "GATEWAY_HUBSPOT_WEBHOOK_TARGET_URL",
                target,
                "GATEWAY_INBOUND_PULL_INTERVAL_MS",
                "0"));
    h.sandbox.webhooks().config().putSettings(new JsonObject().put("targetUrl", target));
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    List<String> secrets = new ArrayList<>();
    try {
      Portal oauthPortal = h.sandbox.createPortal();
      String oauthConn = h.installByOAuth("t1", oauthPortal).getString("connectionId");
      Portal appPortal = h.sandbox.createPortal();
      h.http().put("/v1/tenants/t2", new JsonObject().put("name", "t2"));
      Http.Res pat =
          h.http()
              .post(
                  "/v1/tenants/t2/connections",
                  new JsonObject()
                      .put("crm", "hubspot")
                      .put("auth", "private_app")
                      .put("accessToken", appPortal.privateAppToken()));
      assertThat(pat.status()).as(pat.body()).isIn(200, 201);
      // A refused token and a forged webhook are logged as refusals, without the secret.
      h.http()
          .post(
              "/v1/tenants/t2/connections",
              new JsonObject()
                  .put("crm", "hubspot")
                  .put("auth", "private_app")
                  .put("accessToken", "pat-na1-not-a-real-token-secret"));
      h.gw
          .anonymous()
          .send(
              "POST",
              "/v1/webhooks/hubspot",
              "[{\"eventId\":1,\"portalId\":" + oauthPortal.id() + "}]",
              Map.of(
                  "Content-Type", "application/json",
                  "X-HubSpot-Signature-v3", "Zm9yZ2VkLXNpZ25hdHVyZQ==",
                  "X-HubSpot-Request-Timestamp", Long.toString(System.currentTimeMillis())));

      h.ingest(
          "t1", "companies", List.of(HubSpotHarness.company("s1"), HubSpotHarness.company("s2")));
      h.ingest("t2", "companies", List.of(HubSpotHarness.company("s3")));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  h.sandbox.count(oauthPortal.id(), ObjectType.COMPANIES) == 2
                      && h.sandbox.count(appPortal.id(), ObjectType.COMPANIES) == 1);
      // A CRM user's change comes back as a signed webhook.
      new Http(h.sandbox.baseUrl(), null)
          .post(
              "/_sandbox/portals/" + oauthPortal.id() + "/companies",
              new JsonObject().put("properties", new JsonObject().put("name", "Made In The UI")));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> db.count("SELECT count(*) FROM inbound_events") > 0);

      var store = h.gw.gateway().services().connections();
      Connection c =
          store.getAnyTenant(UUID.fromString(oauthConn)).await().indefinitely().orElseThrow();
      JsonObject creds = store.credentials(c);
      secrets.add(creds.getString("accessToken"));
      secrets.add(creds.getString("refreshToken"));
      secrets.add(appPortal.privateAppToken());
      secrets.add("pat-na1-not-a-real-token-secret");
      secrets.add(TestDatabase.TOKEN);
      secrets.add(TestDatabase.VAULT_KEY);
      secrets.add(h.sandbox.options().clientSecret());
      secrets.add(h.sandbox.options().developerApiKey());
    } finally {
      root.detachAppender(log);
    }
    assertThat(log.list).as("the run logged something to search").isNotEmpty();
    assertThat(secrets).doesNotContainNull();
    for (ILoggingEvent e : log.list) {
      String line = text(e);
      for (String secret : secrets) {
        assertThat(line).as("a log line carries a secret").doesNotContain(secret);
      }
    }
  }
}

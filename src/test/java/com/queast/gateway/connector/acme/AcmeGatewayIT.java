package com.queast.gateway.connector.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.app.Gateway;
import com.queast.gateway.app.GatewayBuilder;
import com.queast.gateway.app.GatewayConfig;
import com.queast.gateway.sandbox.queast.QueastSandbox;
import com.queast.gateway.sandbox.queast.QueastSandboxOptions;
import com.queast.gateway.support.Http;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test-only third CRM inside a running gateway, found by the service loader once its {@code
 * connectors.acme} section is configured: it connects, gets a company, a person and a Signal
 * delivered, and a signed interest webhook becomes a bookmark in Queast.
 */
@ExtendWith(PostgresExtension.class)
class AcmeGatewayIT {

  private static final String SECRET = "acme-it-secret";
  private static final String ACCOUNT = "acme-account-it";

  private Vertx vertx;
  private AcmeStandIn standIn;
  private QueastSandbox queast;
  private Gateway gateway;
  private Http http;

  @BeforeEach
  void start(TestDatabase db) {
    vertx = Vertx.vertx();
    standIn = AcmeStandIn.start(vertx);
    queast =
        QueastSandbox.start(vertx, QueastSandboxOptions.defaults().withPort(0))
            .await()
            .atMost(Duration.ofSeconds(10));
    // Queast's API takes bookmarks from the CRMs it knows; the stand-in is told about this one.
    queast.allowSource(AcmeConnector.CRM);
    GatewayConfig base =
        db.config(
            Map.of(
                "GATEWAY_QUEAST_API_URL", queast.baseUrl(),
                "GATEWAY_QUEAST_API_TOKEN", "queast-sandbox-token",
                "GATEWAY_INBOUND_PULL_INTERVAL_MS", "0"));
    // What an overlay file's connectors.acme section gives: the plug-in's options, as data.
    Map<String, Map<String, Object>> connectors = new HashMap<>(base.connectors());
    connectors.put(AcmeConnector.CRM, Map.of("apiUrl", standIn.baseUrl(), "webhookSecret", SECRET));
    GatewayConfig cfg =
        new GatewayConfig(
            base.http(),
            base.pg(),
            base.admin(),
            base.vault(),
            base.queue(),
            base.delivery(),
            connectors,
            base.queast(),
            base.inbound());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    gateway =
        new GatewayBuilder(cfg, Gateway.newVertx(registry), registry, Clock.systemUTC())
            .ownsVertx(true)
            .discoverConnectors(true)
            .start()
            .await()
            .atMost(Duration.ofSeconds(60));
    http = new Http("http://127.0.0.1:" + gateway.httpPort(), TestDatabase.TOKEN);
  }

  @AfterEach
  void stop() {
    gateway.close().await().atMost(Duration.ofSeconds(30));
    queast.close().await().atMost(Duration.ofSeconds(10));
    standIn.stop();
    vertx.closeAndAwait();
  }

  @Test
  void deliversRecordsAndTurnsASignedInterestWebhookIntoABookmark() throws Exception {
    http.put("/v1/tenants/t1", new JsonObject().put("name", "t1"));
    Http.Res connected =
        http.post(
            "/v1/tenants/t1/connections",
            new JsonObject()
                .put("crm", "acme")
                .put("auth", "api_token")
                .put("account", ACCOUNT)
                .put("apiToken", "acme-token"));
    assertThat(connected.status()).as(connected.body()).isBetween(200, 201);

    http.post(
        "/v1/tenants/t1/companies:batch",
        new JsonObject()
            .put(
                "items",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("id", "acme-co-1")
                            .put("name", "Acme Customer One")
                            .put("domain", "one.example"))));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> standIn.records().containsKey("company/acme-co-1"));
    String crmId = standIn.crmIdOf("company/acme-co-1");

    standIn.setInterest(crmId, "yes");
    String body =
        new JsonObject()
            .put("account", ACCOUNT)
            .put(
                "events",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("id", "it-1")
                            .put("object", "company")
                            .put("recordId", crmId)
                            .put("action", "updated")
                            .put("field", "interest")
                            .put("value", "yes")
                            .put("at", Instant.now().toString())
                            .put("by", "jane@customer.example")))
            .encode();
    HttpResponse<String> forged = webhook(body, AcmeWebhooks.sign("not-the-secret", body));
    assertThat(forged.statusCode()).isEqualTo(401);
    HttpResponse<String> accepted = webhook(body, AcmeWebhooks.sign(SECRET, body));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    assertThat(new JsonObject(accepted.body()).getInteger("new")).isEqualTo(1);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                queast.bookmarks("t1").stream()
                    .anyMatch(
                        b ->
                            "acme-co-1".equals(b.getString("companyId"))
                                && "acme".equals(b.getString("source"))
                                && crmId.equals(b.getString("crmRecordId"))));
  }

  private HttpResponse<String> webhook(String body, String signature) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.httpPort() + "/v1/webhooks/acme"))
            .header("Content-Type", "application/json")
            .header(AcmeWebhooks.SIGNATURE, signature)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}

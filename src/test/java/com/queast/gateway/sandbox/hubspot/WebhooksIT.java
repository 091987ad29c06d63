package com.queast.gateway.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.connector.hubspot.HubSpotSignatures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.http.HttpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhooksIT {

  record Received(String uri, Map<String, String> headers, String body) {}

  SandboxFixture fx;
  HttpServer target;
  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger failuresLeft = new AtomicInteger();
  String targetUrl;

  @BeforeEach
  void start() {
    fx = new SandboxFixture(b -> b.webhookTimeCompression(60_000).webhookBatchWindowMs(300));
    target =
        fx.vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .subscribe()
                        .with(
                            buf -> {
                              Map<String, String> h = new java.util.HashMap<>();
                              req.headers()
                                  .names()
                                  .forEach(n -> h.put(n.toLowerCase(), req.headers().get(n)));
                              received.add(new Received(req.uri(), h, buf.toString()));
                              int status = failuresLeft.getAndDecrement() > 0 ? 500 : 200;
                              req.response().setStatusCode(status).endAndForget();
                            }))
            .listen(0, "127.0.0.1")
            .await()
            .indefinitely();
    targetUrl = "http://127.0.0.1:" + target.actualPort() + "/hubspot/webhook?tag=a%3Ab";
  }

  @AfterEach
  void stop() {
    target.close().await().indefinitely();
    fx.close();
  }

  private String mgmt(String path) {
    return "/webhooks/v3/1160452" + path + "?hapikey=sandbox-developer-api-key";
  }

  private void subscribe(String eventType, String property) {
    JsonObject body = new JsonObject().put("eventType", eventType);
    if (property != null) {
      body.put("propertyName", property);
    }
    TestHttp.Res created = fx.http.post(mgmt("/subscriptions"), body);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().getBoolean("active")).isFalse();
    String id = created.json().getString("id");
    assertThat(
            fx.http
                .patch(mgmt("/subscriptions/" + id), new JsonObject().put("active", true))
                .json()
                .getBoolean("active"))
        .isTrue();
  }

  private void configure() {
    TestHttp.Res s =
        fx.http.put(
            mgmt("/settings"),
            new JsonObject()
                .put("targetUrl", targetUrl)
                .put(
                    "throttling",
                    new JsonObject().put("period", "SECONDLY").put("maxConcurrentRequests", 10)));
    assertThat(s.status()).isEqualTo(200);
    assertThat(
            fx.http
                .get("/webhooks/2026-03/1160452/settings?hapikey=sandbox-developer-api-key")
                .json()
                .getString("targetUrl"))
        .isEqualTo(targetUrl);
  }

  @Test
  void managementApiNeedsTheDeveloperKey() {
    TestHttp.Res r = fx.http.get("/webhooks/v3/1160452/settings?hapikey=wrong");
    assertThat(r.status()).isEqualTo(401);
    TestHttp.Res bad =
        fx.http.post(
            mgmt("/subscriptions"), new JsonObject().put("eventType", "company.propertyChange"));
    assertThat(bad.status()).isEqualTo(400);
  }

  @Test
  void signedDeliveryIsRetriedAfterAFailingTarget() {
    configure();
    subscribe("company.creation", null);
    subscribe("company.propertyChange", "city");
    failuresLeft.set(1);
    JsonObject portal = fx.http.post("/_sandbox/portals", new JsonObject()).json();
    long portalId = portal.getLong("portalId");
    TestHttp api = fx.http.withToken(portal.getString("privateAppToken"));
    String id =
        api.post(
                "/crm/v3/objects/companies",
                new JsonObject().put("properties", new JsonObject().put("name", "Hooked")))
            .json()
            .getString("id");
    TestHttp.Res ui =
        fx.http.post(
            "/_sandbox/portals/" + portalId + "/companies/" + id + "/properties",
            new JsonObject().put("properties", new JsonObject().put("city", "Oslo")));
    assertThat(ui.status()).isEqualTo(200);

    // The first request is answered 500; its batch must come back with attemptNumber 1.
    await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
    JsonArray firstEvents = new JsonArray(received.get(0).body());
    long firstEventId = firstEvents.getJsonObject(0).getLong("eventId");
    assertThat(firstEvents.getJsonObject(0).getInteger("attemptNumber")).isZero();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                received.stream()
                    .map(r -> new JsonArray(r.body()).getJsonObject(0))
                    .anyMatch(
                        e ->
                            e.getLong("eventId") == firstEventId
                                && e.getInteger("attemptNumber") == 1));
    for (Received r : received) {
      String ts = r.headers().get("x-hubspot-request-timestamp");
      assertThat(
              HubSpotSignatures.verifyV3(
                  "sandbox-client-secret",
                  "POST",
                  targetUrl,
                  r.body(),
                  ts,
                  r.headers().get("x-hubspot-signature-v3"),
                  fx.clock.millis()))
          .isTrue();
      assertThat(
              HubSpotSignatures.verifyV1(
                  "sandbox-client-secret", r.body(), r.headers().get("x-hubspot-signature")))
          .isTrue();
      assertThat(r.headers().get("x-hubspot-signature-version")).isEqualTo("v1");
      assertThat(r.headers().get("user-agent")).startsWith("HubSpot Connect 2.0");
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                received.stream()
                    .flatMap(r -> new JsonArray(r.body()).stream())
                    .anyMatch(
                        e ->
                            "company.propertyChange"
                                .equals(((JsonObject) e).getString("subscriptionType"))));
    JsonObject change =
        received.stream()
            .flatMap(r -> new JsonArray(r.body()).stream())
            .map(e -> (JsonObject) e)
            .filter(e -> "company.propertyChange".equals(e.getString("subscriptionType")))
            .findFirst()
            .orElseThrow();
    assertThat(change.getString("propertyName")).isEqualTo("city");
    assertThat(change.getString("propertyValue")).isEqualTo("Oslo");
    assertThat(change.getString("changeSource")).isEqualTo("CRM_UI");
    assertThat(change.getLong("portalId")).isEqualTo(portalId);
    assertThat(change.getLong("appId")).isEqualTo(1160452L);
    assertThat(change.getLong("objectId")).isEqualTo(Long.parseLong(id));

    JsonArray log = fx.http.get("/_sandbox/webhooks/deliveries").json().getJsonArray("results");
    assertThat(log.stream().map(o -> (JsonObject) o))
        .anySatisfy(
            d -> {
              assertThat(d.getBoolean("delivered")).isFalse();
              assertThat(d.getInteger("status")).isEqualTo(500);
              assertThat(d.getInteger("attemptNumber")).isZero();
            });
  }

  @Test
  void eventsAreBatchedAtMostOneHundredPerRequest() {
    configure();
    subscribe("company.creation", null);
    TestHttp api = fx.portalClient();
    for (int b = 0; b < 2; b++) {
      JsonArray inputs = new JsonArray();
      for (int i = 0; i < (b == 0 ? 100 : 50); i++) {
        inputs.add(new JsonObject().put("properties", new JsonObject().put("name", "n" + i)));
      }
      api.post("/crm/v3/objects/companies/batch/create", new JsonObject().put("inputs", inputs));
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> received.stream().mapToInt(r -> new JsonArray(r.body()).size()).sum() >= 150);
    assertThat(received.stream().mapToInt(r -> new JsonArray(r.body()).size()).max().orElse(0))
        .isEqualTo(100);
    assertThat(received.stream().mapToInt(r -> new JsonArray(r.body()).size()).sum())
        .isEqualTo(150);
  }

  @Test
  void pausedSubscriptionsAndUninstalledPortalsGetNothing() {
    configure();
    fx.http.post(mgmt("/subscriptions"), new JsonObject().put("eventType", "contact.creation"));
    subscribe("company.creation", null);
    JsonObject notInstalled =
        fx.http.post("/_sandbox/portals", new JsonObject().put("installApp", false)).json();
    fx.http
        .withToken(notInstalled.getString("privateAppToken"))
        .post(
            "/crm/v3/objects/companies",
            new JsonObject().put("properties", new JsonObject().put("name", "quiet")));
    TestHttp api = fx.portalClient();
    api.post(
        "/crm/v3/objects/contacts",
        new JsonObject().put("properties", new JsonObject().put("email", "q@x.io")));
    api.post(
        "/crm/v3/objects/companies",
        new JsonObject().put("properties", new JsonObject().put("name", "loud")));
    await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
    JsonArray events = new JsonArray(received.get(0).body());
    assertThat(events).hasSize(1);
    assertThat(events.getJsonObject(0).getString("subscriptionType")).isEqualTo("company.creation");
    assertThat(events.getJsonObject(0).getLong("portalId")).isEqualTo(fx.lastPortalId());
  }

  @Test
  void associationChangesAreReportedForBothDirections() {
    configure();
    subscribe("contact.associationChange", null);
    subscribe("company.associationChange", null);
    TestHttp api = fx.portalClient();
    String contact =
        api.post(
                "/crm/v3/objects/contacts",
                new JsonObject().put("properties", new JsonObject().put("email", "assoc@x.io")))
            .json()
            .getString("id");
    String company =
        api.post(
                "/crm/v3/objects/companies",
                new JsonObject().put("properties", new JsonObject().put("name", "Assoc")))
            .json()
            .getString("id");
    api.put(
        "/crm/v4/objects/contacts/" + contact + "/associations/default/companies/" + company, null);
    api.delete("/crm/v4/objects/contacts/" + contact + "/associations/companies/" + company);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> received.stream().mapToInt(r -> new JsonArray(r.body()).size()).sum() >= 4);
    List<JsonObject> events =
        received.stream()
            .flatMap(r -> new JsonArray(r.body()).stream())
            .map(e -> (JsonObject) e)
            .toList();
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.getString("subscriptionType")).isEqualTo("contact.associationChange");
              assertThat(e.getString("associationType")).isEqualTo("CONTACT_TO_COMPANY");
              assertThat(e.getLong("fromObjectId")).isEqualTo(Long.parseLong(contact));
              assertThat(e.getBoolean("associationRemoved")).isFalse();
            });
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.getString("associationType")).isEqualTo("COMPANY_TO_CONTACT");
              assertThat(e.getBoolean("associationRemoved")).isTrue();
            });
  }
}

package com.queast.gateway.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipedriveWebhooksIT {

  private Harness h;
  private WebhookReceiver receiver;

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.close();
    }
    h.close();
  }

  private void start(ToIntFunction<JsonObject> status) {
    h = Harness.start(b -> b.webhooks(1000, Duration.ofMillis(300)));
    receiver = new WebhookReceiver(h.vertx, status);
  }

  private Harness.Resp subscribe(String object) {
    return h.post(
        "/api/v1/webhooks",
        new JsonObject()
            .put("subscription_url", receiver.url())
            .put("event_action", "*")
            .put("event_object", object)
            .put("name", "queast")
            .put("http_auth_user", "queast")
            .put("http_auth_password", "s3cret")
            .put("version", "2.0"));
  }

  @Test
  void fortyWebhooksPerUserThen422() {
    start(b -> 200);
    for (int i = 0; i < 40; i++) {
      Harness.Resp r = subscribe("organization");
      assertThat(r.status()).isEqualTo(201);
      assertThat(r.json().getString("status")).isEqualTo("ok");
    }
    h.clock.advance(Duration.ofSeconds(2)); // stay inside the 40-per-2-s burst of a Growth token
    JsonObject first = h.get("/api/v1/webhooks").json();
    assertThat(first.getJsonArray("data")).hasSize(40);
    assertThat(first.getJsonArray("data").getJsonObject(0).getString("version")).isEqualTo("2.0");
    Harness.Resp limited = subscribe("organization");
    assertThat(limited.status()).isEqualTo(422);
    assertThat(limited.json().getBoolean("success")).isFalse();
    assertThat(h.delete("/api/v1/webhooks/1").json().getString("status")).isEqualTo("ok");
    assertThat(subscribe("person").status()).isEqualTo(201);
    Harness.Resp missing = h.delete("/api/v1/webhooks/999");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().getJsonObject("errors").getJsonArray("id").getString(0))
        .isEqualTo("not found");
    Harness.Resp badUrl =
        h.post(
            "/api/v1/webhooks",
            new JsonObject()
                .put("subscription_url", "not a url")
                .put("event_action", "*")
                .put("event_object", "*")
                .put("name", "x"));
    assertThat(badUrl.status()).isEqualTo(400);
    assertThat(badUrl.json().getJsonObject("errors").containsKey("subscription_url")).isTrue();
  }

  @Test
  void deliveriesCarryBasicAuthAndTheV2PayloadWithChangeSource() {
    start(b -> 200);
    subscribe("organization");
    String field =
        h.post(
                "/api/v2/organizationFields",
                new JsonObject().put("field_name", "interest").put("field_type", "varchar"))
            .json()
            .getJsonObject("data")
            .getString("field_code");
    long org = h.createOrg("Acme");
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received.size() == 1);
    WebhookReceiver.Received create = receiver.received.get(0);
    assertThat(create.authorization())
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("queast:s3cret".getBytes(StandardCharsets.UTF_8)));
    JsonObject meta = create.meta();
    assertThat(meta.getString("action")).isEqualTo("create");
    assertThat(meta.getString("entity")).isEqualTo("organization");
    assertThat(meta.getString("entity_id")).isEqualTo(String.valueOf(org));
    assertThat(meta.getString("company_id")).isEqualTo(String.valueOf(h.company.companyId()));
    assertThat(meta.getString("version")).isEqualTo("2.0");
    assertThat(meta.getString("change_source")).isEqualTo("api");
    assertThat(meta.getInteger("attempt")).isEqualTo(1);
    assertThat(meta.getString("id")).hasSize(36);
    assertThat(create.body().getValue("previous")).isNull();
    assertThat(create.body().getJsonObject("data").getString("visible_to")).isEqualTo("3");

    h.admin(
        HttpMethod.PATCH,
        "/_sandbox/companies/" + h.company.companyId() + "/organizations/" + org,
        new JsonObject().put("custom_fields", new JsonObject().put(field, "yes")));
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received.size() == 2);
    JsonObject change = receiver.received.get(1).body();
    assertThat(change.getJsonObject("meta").getString("action")).isEqualTo("change");
    assertThat(change.getJsonObject("meta").getString("change_source")).isEqualTo("app");
    assertThat(change.getJsonObject("data").getJsonObject("custom_fields").getJsonObject(field))
        .isEqualTo(new JsonObject().put("type", "varchar").put("value", "yes"));
    JsonObject previous = change.getJsonObject("previous");
    assertThat(previous.fieldNames()).containsExactly("custom_fields");
    assertThat(previous.getJsonObject("custom_fields").containsKey(field)).isTrue();
    assertThat(previous.getJsonObject("custom_fields").getValue(field)).isNull();

    h.delete("/api/v2/organizations/" + org);
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received.size() == 3);
    JsonObject delete = receiver.received.get(2).body();
    assertThat(delete.getValue("data")).isNull();
    assertThat(delete.getJsonObject("previous").getString("name")).isEqualTo("Acme");
  }

  @Test
  void failedDeliveriesAreRetriedWithIncreasingAttempt() {
    start(b -> b.getJsonObject("meta").getInteger("attempt") < 3 ? 500 : 200);
    subscribe("person");
    h.post("/api/v2/persons", new JsonObject().put("name", "Jane"));
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received.size() == 3);
    assertThat(receiver.attempts()).containsExactly(1, 2, 3);
    assertThat(receiver.received.stream().map(r -> r.meta().getString("id")).distinct()).hasSize(1);
    JsonArray log = h.sandbox.webhookDeliveries(h.company.companyId());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> h.sandbox.webhookDeliveries(h.company.companyId()).size() == 3);
    assertThat(
            h.sandbox
                .webhookDeliveries(h.company.companyId())
                .getJsonObject(2)
                .getString("outcome"))
        .isEqualTo("delivered");
    assertThat(log).isNotNull();
  }

  @Test
  void aDeliveryThatTimesOutIsRetried() {
    start(b -> b.getJsonObject("meta").getInteger("attempt") == 1 ? 0 : 200);
    subscribe("organization");
    h.createOrg("Slow");
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received.size() == 2);
    assertThat(receiver.attempts()).containsExactly(1, 2);
  }

  @Test
  void tenFailedFirstAttemptsBanTheWebhookAndLoseEvents() {
    start(b -> 500);
    subscribe("organization");
    for (int i = 0; i < 10; i++) {
      h.createOrg("Org " + i);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() == 40);
    h.createOrg("Lost");
    JsonArray log = h.sandbox.webhookDeliveries(h.company.companyId());
    assertThat(log.getJsonObject(log.size() - 1).getString("outcome")).isEqualTo("lost_banned");
    assertThat(receiver.received).hasSize(40);
    h.clock.advance(Duration.ofMillis(1800));
    h.createOrg("After the ban");
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received.size() > 40);
  }

  @Test
  void aWebhookWithoutSuccessForThreeDaysIsDeleted() {
    start(b -> 500);
    subscribe("organization");
    h.createOrg("First");
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received.size() == 4);
    h.clock.advance(Duration.ofDays(3).dividedBy(1000));
    h.createOrg("Second");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> h.get("/api/v1/webhooks").json().getJsonArray("data").isEmpty());
    JsonObject stored =
        h.admin(HttpMethod.GET, "/_sandbox/companies/" + h.company.companyId() + "/webhooks", null)
            .json()
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(stored.getString("remove_reason")).isEqualTo("failed_deliveries");
  }

  @Test
  void notesAndActivitiesFireTheirOwnWebhooks() {
    start(b -> 200);
    subscribe("*");
    long org = h.createOrg("Acme");
    h.post("/api/v1/notes", new JsonObject().put("content", "<p>hi</p>").put("org_id", org));
    h.post("/api/v2/activities", new JsonObject().put("subject", "Call").put("org_id", org));
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received.size() == 3);
    assertThat(receiver.received.stream().map(r -> r.meta().getString("entity")))
        .containsExactlyInAnyOrder("organization", "note", "activity");
    JsonObject note =
        receiver.received.stream()
            .filter(r -> r.meta().getString("entity").equals("note"))
            .findFirst()
            .orElseThrow()
            .body()
            .getJsonObject("data");
    assertThat(note.getString("content")).isEqualTo("<p>hi</p>");
    assertThat(note.getLong("org_id")).isEqualTo(org);
    assertThat(note.getBoolean("active_flag")).isTrue();
  }
}

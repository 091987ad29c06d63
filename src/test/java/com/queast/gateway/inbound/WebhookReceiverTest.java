package com.queast.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.tenant.Connection;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The receiver's pure rules: dedupe keys, echoes of our own writes, Pipedrive timestamps, the
 * in-flight cap.
 */
class WebhookReceiverTest {

  private static JsonObject hubspotEvent(long eventId, long objectId, int attempt) {
    return new JsonObject()
        .put("eventId", eventId)
        .put("subscriptionId", 7)
        .put("portalId", 62515)
        .put("occurredAt", 1_564_113_600_000L)
        .put("subscriptionType", "company.propertyChange")
        .put("propertyName", "name")
        .put("propertyValue", "Acme")
        .put("attemptNumber", attempt)
        .put("objectId", objectId);
  }

  @Test
  void aHubSpotRetryKeepsItsKeyButAnotherEventWithTheSameEventIdDoesNot() {
    String first = WebhookReceiver.hubspotKey(hubspotEvent(1, 123, 0));
    assertThat(WebhookReceiver.hubspotKey(hubspotEvent(1, 123, 3))).isEqualTo(first);
    // HubSpot: eventId "is not guaranteed to be unique".
    assertThat(WebhookReceiver.hubspotKey(hubspotEvent(1, 124, 0))).isNotEqualTo(first);
    assertThat(WebhookReceiver.hubspotKey(hubspotEvent(1, 123, 0).put("propertyName", "domain")))
        .isNotEqualTo(first);
    assertThat(first).startsWith("hubspot:1:");
  }

  @Test
  void theReceiptGateAdmitsUpToItsLimitAndAgainOnceOneLeaves() {
    ReceiptGate.Counter c = new ReceiptGate(2, 1, java.time.Duration.ofSeconds(3), 1).counter();
    assertThat(c.tryEnter()).isTrue();
    assertThat(c.tryEnter()).isTrue();
    assertThat(c.tryEnter()).isFalse();
    c.leave();
    assertThat(c.tryEnter()).isTrue();
    assertThat(c.inFlight()).isEqualTo(2);
  }

  @Test
  void onlyOurAppsOwnNonDeletingWritesAreHubSpotEchoes() {
    WebhookReceiver r = new WebhookReceiver(null, null, null, null, "secret", null, "54321", 1024);
    JsonObject ours =
        hubspotEvent(1, 123, 0).put("changeSource", "INTEGRATION").put("sourceId", "54321");
    assertThat(r.hubspotEcho(ours)).isTrue();
    assertThat(r.hubspotEcho(ours.copy().put("sourceId", "99999"))).isFalse();
    assertThat(r.hubspotEcho(ours.copy().put("changeSource", "CRM_UI"))).isFalse();
    assertThat(r.hubspotEcho(ours.copy().put("subscriptionType", "company.deletion"))).isFalse();
    assertThat(r.hubspotEcho(ours.copy().put("propertyName", "queast_interest"))).isFalse();
    WebhookReceiver noApp = new WebhookReceiver(null, null, null, null, "secret", null, null, 1);
    assertThat(noApp.hubspotEcho(ours)).isFalse();
  }

  @Test
  void onlyApiChangesByTheConnectionsOwnUserArePipedriveEchoes() {
    Connection c =
        new Connection(
            UUID.randomUUID(),
            "t1",
            "pipedrive",
            "api_token",
            Connection.ACTIVE,
            null,
            "8087566",
            null,
            null,
            new JsonObject().put("userId", "12415231"),
            Instant.EPOCH,
            Instant.EPOCH);
    JsonObject meta = new JsonObject().put("change_source", "api").put("user_id", "12415231");
    assertThat(WebhookReceiver.pipedriveEcho(c, meta, "change")).isTrue();
    assertThat(WebhookReceiver.pipedriveEcho(c, meta, "create")).isTrue();
    assertThat(WebhookReceiver.pipedriveEcho(c, meta, "delete")).isFalse();
    assertThat(WebhookReceiver.pipedriveEcho(c, meta.copy().put("change_source", "app"), "change"))
        .isFalse();
    assertThat(WebhookReceiver.pipedriveEcho(c, meta.copy().put("user_id", "1"), "change"))
        .isFalse();
  }

  @Test
  void pipedriveTimestampsAreIsoStringsEpochSecondsOrMilliseconds() {
    Instant at = Instant.parse("2022-11-24T13:18:55.665Z");
    assertThat(WebhookReceiver.pipedriveTime("2022-11-24T13:18:55.665Z")).isEqualTo(at);
    assertThat(WebhookReceiver.pipedriveTime(1_669_304_389L))
        .isEqualTo(Instant.ofEpochSecond(1_669_304_389L));
    assertThat(WebhookReceiver.pipedriveTime("1669304389"))
        .isEqualTo(Instant.ofEpochSecond(1_669_304_389L));
    assertThat(WebhookReceiver.pipedriveTime(at.toEpochMilli())).isEqualTo(at);
    assertThat(WebhookReceiver.pipedriveTime(null)).isEqualTo(Instant.EPOCH);
  }
}

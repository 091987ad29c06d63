package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** HubSpot's webhook rules: dedupe keys, echoes of our own writes, interest changes. */
class HubSpotWebhooksTest {

  private static JsonObject event(long eventId, long objectId, int attempt) {
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
  void aRetryKeepsItsKeyButAnotherEventWithTheSameEventIdDoesNot() {
    String first = HubSpotWebhooks.key(event(1, 123, 0));
    assertThat(HubSpotWebhooks.key(event(1, 123, 3))).isEqualTo(first);
    // HubSpot: eventId "is not guaranteed to be unique".
    assertThat(HubSpotWebhooks.key(event(1, 124, 0))).isNotEqualTo(first);
    assertThat(HubSpotWebhooks.key(event(1, 123, 0).put("propertyName", "domain")))
        .isNotEqualTo(first);
    assertThat(first).startsWith("hubspot:1:");
  }

  @Test
  void onlyOurAppsOwnNonDeletingWritesAreEchoes() {
    HubSpotWebhooks w = new HubSpotWebhooks("secret", null, "54321", Clock.systemUTC());
    JsonObject ours = event(1, 123, 0).put("changeSource", "INTEGRATION").put("sourceId", "54321");
    assertThat(w.echo(null, ours)).isTrue();
    assertThat(w.echo(null, ours.copy().put("sourceId", "99999"))).isFalse();
    assertThat(w.echo(null, ours.copy().put("changeSource", "CRM_UI"))).isFalse();
    assertThat(w.echo(null, ours.copy().put("subscriptionType", "company.deletion"))).isFalse();
    assertThat(w.echo(null, ours.copy().put("propertyName", "queast_interest"))).isFalse();
    HubSpotWebhooks noApp = new HubSpotWebhooks("secret", null, null, Clock.systemUTC());
    assertThat(noApp.echo(null, ours)).isFalse();
  }

  @Test
  void anInterestChangeNamesTheInterestProperty() {
    HubSpotWebhooks w = new HubSpotWebhooks("secret", null, null, Clock.systemUTC());
    assertThat(w.interestChanged(null, "queast_interest", new JsonObject())).isTrue();
    assertThat(w.interestChanged(null, "name", new JsonObject())).isFalse();
    assertThat(w.interestChanged(null, null, new JsonObject())).isFalse();
  }
}

package com.queast.gateway.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.tenant.Connection;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pipedrive's webhook rules: echoes of our own writes, timestamps, interest changes. */
class PipedriveWebhooksTest {

  private final PipedriveWebhooks webhooks = new PipedriveWebhooks();

  private static Connection connection(JsonObject config) {
    return new Connection(
        UUID.randomUUID(),
        "t1",
        "pipedrive",
        "api_token",
        Connection.ACTIVE,
        null,
        "8087566",
        null,
        null,
        config,
        Instant.EPOCH,
        Instant.EPOCH);
  }

  private static JsonObject event(JsonObject meta, String action) {
    return new JsonObject().put("meta", meta.copy().put("action", action));
  }

  @Test
  void onlyApiChangesByTheConnectionsOwnUserAreEchoes() {
    Connection c = connection(new JsonObject().put("userId", "12415231"));
    JsonObject meta = new JsonObject().put("change_source", "api").put("user_id", "12415231");
    assertThat(webhooks.echo(c, event(meta, "change"))).isTrue();
    assertThat(webhooks.echo(c, event(meta, "create"))).isTrue();
    assertThat(webhooks.echo(c, event(meta, "delete"))).isFalse();
    assertThat(webhooks.echo(c, event(meta.copy().put("change_source", "app"), "change")))
        .isFalse();
    assertThat(webhooks.echo(c, event(meta.copy().put("user_id", "1"), "change"))).isFalse();
  }

  @Test
  void timestampsAreIsoStringsEpochSecondsOrMilliseconds() {
    Instant at = Instant.parse("2022-11-24T13:18:55.665Z");
    assertThat(PipedriveWebhooks.time("2022-11-24T13:18:55.665Z")).isEqualTo(at);
    assertThat(PipedriveWebhooks.time(1_669_304_389L))
        .isEqualTo(Instant.ofEpochSecond(1_669_304_389L));
    assertThat(PipedriveWebhooks.time("1669304389"))
        .isEqualTo(Instant.ofEpochSecond(1_669_304_389L));
    assertThat(PipedriveWebhooks.time(at.toEpochMilli())).isEqualTo(at);
    assertThat(PipedriveWebhooks.time(null)).isEqualTo(Instant.EPOCH);
  }

  @Test
  void anInterestChangeIsTheInterestFieldSetOnCreationOrListedAsChanged() {
    Connection c =
        connection(
            new JsonObject()
                .put(
                    "fields",
                    new JsonObject()
                        .put("organization", new JsonObject().put("Queast interest", "abc"))));
    JsonObject data = new JsonObject().put("custom_fields", new JsonObject().put("abc", "yes"));
    assertThat(webhooks.interestChanged(c, null, new JsonObject().put("data", data))).isTrue();
    JsonObject unchanged =
        new JsonObject()
            .put("data", data)
            .put("previous", new JsonObject().put("custom_fields", new JsonObject()));
    assertThat(webhooks.interestChanged(c, null, unchanged)).isFalse();
    JsonObject changed =
        new JsonObject()
            .put("data", data)
            .put(
                "previous",
                new JsonObject().put("custom_fields", new JsonObject().put("abc", (Object) null)));
    assertThat(webhooks.interestChanged(c, null, changed)).isTrue();
    assertThat(webhooks.interestChanged(connection(new JsonObject()), null, changed)).isFalse();
  }
}

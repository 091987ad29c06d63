package com.queast.gateway.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdminIT {

  static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void portalsCanBeCreatedWithAnIdAndInspected() {
    TestHttp.Res created =
        fx.http.post(
            "/_sandbox/portals",
            new JsonObject().put("portalId", 4242).put("tier", "PROFESSIONAL"));
    assertThat(created.status()).isEqualTo(201);
    JsonObject p = created.json();
    assertThat(p.getLong("portalId")).isEqualTo(4242);
    assertThat(p.getString("privateAppToken")).startsWith("pat-na1-");
    assertThat(p.getJsonObject("privateAppTier").getInteger("perTenSeconds")).isEqualTo(190);
    assertThat(fx.http.post("/_sandbox/portals", new JsonObject().put("portalId", 4242)).status())
        .isEqualTo(400);

    TestHttp api = fx.http.withToken(p.getString("privateAppToken"));
    api.post(
        "/crm/v3/objects/companies",
        new JsonObject()
            .put("properties", new JsonObject().put("name", "Seen").put("city", "Rome")));
    TestHttp.Res ui =
        fx.http.post(
            "/_sandbox/portals/4242/companies",
            new JsonObject().put("properties", new JsonObject().put("name", "Typed in the UI")));
    assertThat(ui.status()).isEqualTo(201);

    assertThat(fx.http.get("/_sandbox/portals/4242/counts").json().getLong("companies"))
        .isEqualTo(2);
    JsonObject found =
        fx.http
            .get("/_sandbox/portals/4242/objects/companies?property=city" + "&value=Rome")
            .json();
    assertThat(found.getInteger("total")).isEqualTo(1);
    assertThat(
            found
                .getJsonArray("results")
                .getJsonObject(0)
                .getJsonObject("properties")
                .getString("name"))
        .isEqualTo("Seen");

    String uiId = ui.json().getString("id");
    assertThat(fx.http.delete("/_sandbox/portals/4242/companies/" + uiId).status()).isEqualTo(204);
    assertThat(fx.sandbox.count(4242, ObjectType.COMPANIES)).isEqualTo(1);
    assertThat(fx.http.get("/_sandbox/portals/999/counts").status()).isEqualTo(404);
  }

  @Test
  void requestLogRecordsVendorCallsWithTheirStatusAndRedactsSecrets() {
    fx.http.delete("/_sandbox/requests");
    TestHttp api = fx.portalClient();
    api.get("/crm/v3/objects/contacts/123");
    fx.http.get("/webhooks/v3/1160452/settings?hapikey=sandbox-developer-api-key");
    JsonArray log = fx.http.get("/_sandbox/requests").json().getJsonArray("results");
    JsonObject miss =
        log.stream()
            .map(o -> (JsonObject) o)
            .filter(e -> e.getString("path").equals("/crm/v3/objects/contacts/123"))
            .findFirst()
            .orElseThrow();
    assertThat(miss.getInteger("status")).isEqualTo(404);
    assertThat(miss.getString("account")).isNotNull();
    assertThat(log.encode()).doesNotContain("sandbox-developer-api-key").contains("hapikey=***");
  }
}

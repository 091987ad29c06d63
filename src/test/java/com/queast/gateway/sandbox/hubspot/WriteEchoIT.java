package com.queast.gateway.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Write answers echo the written properties (found with the official Node SDK: a note created with
 * {@code hs_note_body} came back without it).
 */
class WriteEchoIT {

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
  void createAndUpdateAnswersCarryTheWrittenProperties() {
    TestHttp api = fx.portalClient();
    JsonObject note =
        api.post(
                "/crm/v3/objects/notes",
                new JsonObject()
                    .put(
                        "properties",
                        new JsonObject()
                            .put("hs_timestamp", "2026-11-27T10:00:00.000Z")
                            .put("hs_note_body", "Met at the fair")))
            .json();
    assertThat(note.getJsonObject("properties").getString("hs_note_body"))
        .isEqualTo("Met at the fair");
    assertThat(note.getJsonObject("properties").getString("hs_timestamp")).isNotNull();

    TestHttp.Res contact =
        api.post(
            "/crm/v3/objects/contacts",
            new JsonObject()
                .put(
                    "properties",
                    new JsonObject().put("email", "echo@example.com").put("jobtitle", "CTO")));
    assertThat(contact.status()).isEqualTo(201);
    JsonObject cp = contact.json().getJsonObject("properties");
    assertThat(cp.getString("jobtitle")).isEqualTo("CTO");
    assertThat(cp.getString("email")).isEqualTo("echo@example.com");
    assertThat(cp.getString("hs_object_id")).isEqualTo(contact.json().getString("id"));

    String id = contact.json().getString("id");
    JsonObject patched =
        api.patch(
                "/crm/v3/objects/contacts/" + id,
                new JsonObject().put("properties", new JsonObject().put("city", "Lyon")))
            .json()
            .getJsonObject("properties");
    assertThat(patched.getString("city")).isEqualTo("Lyon");
  }

  @Test
  void batchCreateAnswersCarryTheWrittenProperties() {
    TestHttp api = fx.portalClient();
    JsonObject in =
        new JsonObject()
            .put(
                "inputs",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put(
                                "properties",
                                new JsonObject().put("name", "B").put("city", "Paris"))));
    TestHttp.Res res = api.post("/crm/v3/objects/companies/batch/create", in);
    assertThat(res.status()).isEqualTo(201);
    JsonObject p = res.json().getJsonArray("results").getJsonObject(0).getJsonObject("properties");
    assertThat(p.getString("city")).isEqualTo("Paris");
    assertThat(p.getString("name")).isEqualTo("B");
  }
}

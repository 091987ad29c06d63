package com.queast.gateway.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PropertiesIT {

  static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture(b -> b.uniqueConflictStatus(400));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void listsBuiltInsAndCreatesGroupsAndCustomProperties() {
    TestHttp api = fx.portalClient();
    JsonArray builtIns = api.get("/crm/properties/2026-03/contacts").json().getJsonArray("results");
    assertThat(builtIns.stream().map(p -> ((JsonObject) p).getString("name")))
        .contains("email", "firstname", "hs_object_id", "lastmodifieddate");
    TestHttp.Res group =
        api.post(
            "/crm/v3/properties/contacts/groups",
            new JsonObject().put("name", "queast").put("label", "Queast"));
    assertThat(group.status()).isEqualTo(201);
    TestHttp.Res prop =
        api.post(
            "/crm/properties/2026-03/contacts",
            new JsonObject()
                .put("name", "queast_score")
                .put("label", "Score")
                .put("type", "number")
                .put("fieldType", "number")
                .put("groupName", "queast"));
    assertThat(prop.status()).isEqualTo(201);
    assertThat(api.get("/crm/v3/properties/contacts/queast_score").json().getString("groupName"))
        .isEqualTo("queast");
    TestHttp.Res bad =
        api.post(
            "/crm/v3/objects/contacts",
            new JsonObject().put("properties", new JsonObject().put("queast_score", "lots")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getString("message")).contains("INVALID_DECIMAL");
  }

  @Test
  void rejectsIncompatibleTypesAndUnknownGroups() {
    TestHttp api = fx.portalClient();
    assertThat(
            api.post(
                    "/crm/v3/properties/companies",
                    new JsonObject()
                        .put("name", "x1")
                        .put("label", "X")
                        .put("type", "number")
                        .put("fieldType", "text")
                        .put("groupName", "companyinformation"))
                .status())
        .isEqualTo(400);
    assertThat(
            api.post(
                    "/crm/v3/properties/companies",
                    new JsonObject()
                        .put("name", "x2")
                        .put("label", "X")
                        .put("type", "string")
                        .put("fieldType", "text")
                        .put("groupName", "nope"))
                .status())
        .isEqualTo(400);
  }

  @Test
  void uniqueConflictCanBeConfiguredAsValidationError() {
    TestHttp api = fx.portalClient();
    api.post(
        "/crm/v3/properties/companies",
        new JsonObject()
            .put("name", "ext_id")
            .put("label", "Ext")
            .put("type", "string")
            .put("fieldType", "text")
            .put("groupName", "companyinformation")
            .put("hasUniqueValue", true));
    JsonObject c = new JsonObject().put("properties", new JsonObject().put("ext_id", "e1"));
    assertThat(api.post("/crm/v3/objects/companies", c).status()).isEqualTo(201);
    TestHttp.Res dup = api.post("/crm/v3/objects/companies", c);
    assertThat(dup.status()).isEqualTo(400);
    assertThat(dup.json().getString("message"))
        .isEqualTo("propertyValue: already has that value ext_id");
    JsonObject upsert =
        new JsonObject()
            .put(
                "inputs",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("id", "e1")
                            .put("idProperty", "ext_id")
                            .put("properties", new JsonObject().put("name", "Now named"))));
    TestHttp.Res r = api.post("/crm/v3/objects/companies/batch/upsert", upsert);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getJsonArray("results").getJsonObject(0).getBoolean("new")).isFalse();
  }
}

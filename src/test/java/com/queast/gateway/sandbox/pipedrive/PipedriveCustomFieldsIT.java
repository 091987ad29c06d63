package com.queast.gateway.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PipedriveCustomFieldsIT {

  private Harness h;

  @BeforeEach
  void start() {
    h = Harness.start();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private String createField(String path, String name, String type) {
    Harness.Resp r = h.post(path, new JsonObject().put("field_name", name).put("field_type", type));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getJsonObject("data").getString("field_code");
  }

  @Test
  void creatingAFieldYieldsAHashThatWritesReadsAndSearches() {
    String queastId = createField("/api/v2/organizationFields", "queast_id", "varchar");
    assertThat(queastId).matches("[0-9a-f]{40}");

    Harness.Resp created =
        h.post(
            "/api/v2/organizations",
            new JsonObject()
                .put("name", "Acme")
                .put("custom_fields", new JsonObject().put(queastId, "q-123")));
    assertThat(created.status()).isEqualTo(200);
    assertThat(
            created.json().getJsonObject("data").getJsonObject("custom_fields").getString(queastId))
        .isEqualTo("q-123");
    h.createOrg("Other");
    JsonObject other = h.get("/api/v2/organizations/2").json().getJsonObject("data");
    assertThat(other.getJsonObject("custom_fields").containsKey(queastId)).isTrue();
    assertThat(other.getJsonObject("custom_fields").getValue(queastId)).isNull();

    JsonObject found =
        h.get("/api/v2/organizations/search?term=q-123&fields=custom_fields&exact_match=true")
            .json();
    JsonArray items = found.getJsonObject("data").getJsonArray("items");
    assertThat(items).hasSize(1);
    JsonObject item = items.getJsonObject(0).getJsonObject("item");
    assertThat(item.getLong("id")).isEqualTo(1L);
    assertThat(item.getString("type")).isEqualTo("organization");
    assertThat(item.getJsonArray("custom_fields").getString(0)).isEqualTo("q-123");
    assertThat(
            h.sandbox.countOrganizationsWithCustomField(h.company.companyId(), queastId, "q-123"))
        .isEqualTo(1);

    JsonArray defs = h.get("/api/v2/organizationFields").json().getJsonArray("data");
    assertThat(defs.stream().map(d -> ((JsonObject) d).getString("field_code")))
        .contains(queastId, "name");
    JsonObject def = h.get("/api/v2/organizationFields/" + queastId).json().getJsonObject("data");
    assertThat(def.getBoolean("is_custom_field")).isTrue();
    assertThat(def.getString("field_type")).isEqualTo("varchar");

    h.patch(
        "/api/v2/organizations/1",
        new JsonObject().put("custom_fields", new JsonObject().putNull(queastId)));
    assertThat(
            h.sandbox.countOrganizationsWithCustomField(h.company.companyId(), queastId, "q-123"))
        .isZero();
  }

  @Test
  void unknownHashesAndWrongTypesAreRejected() {
    String amount = createField("/api/v2/personFields", "score", "double");
    Harness.Resp unknown =
        h.post(
            "/api/v2/persons",
            new JsonObject()
                .put("name", "J")
                .put(
                    "custom_fields",
                    new JsonObject().put("0000000000000000000000000000000000000000", "x")));
    assertThat(unknown.status()).isEqualTo(400);
    Harness.Resp wrongType =
        h.post(
            "/api/v2/persons",
            new JsonObject()
                .put("name", "J")
                .put("custom_fields", new JsonObject().put(amount, "12")));
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().getString("error")).contains(amount);
  }

  @Test
  void enumAndSetFieldsTakeOptionIds() {
    Harness.Resp r =
        h.post(
            "/api/v2/organizationFields",
            new JsonObject()
                .put("field_name", "Tier")
                .put("field_type", "set")
                .put(
                    "options",
                    new JsonArray()
                        .add(new JsonObject().put("label", "A"))
                        .add(new JsonObject().put("label", "B"))));
    JsonObject field = r.json().getJsonObject("data");
    long a = field.getJsonArray("options").getJsonObject(0).getLong("id");
    String code = field.getString("field_code");
    assertThat(
            h.post(
                    "/api/v2/organizations",
                    new JsonObject()
                        .put("name", "X")
                        .put("custom_fields", new JsonObject().put(code, new JsonArray().add(a))))
                .status())
        .isEqualTo(200);
    assertThat(
            h.post(
                    "/api/v2/organizations",
                    new JsonObject()
                        .put("name", "Y")
                        .put("custom_fields", new JsonObject().put(code, new JsonArray())))
                .status())
        .as("an empty array is not a way to clear a set field")
        .isEqualTo(400);
    assertThat(
            h.post(
                    "/api/v2/organizationFields",
                    new JsonObject().put("field_name", "E").put("field_type", "enum"))
                .status())
        .as("enum needs options")
        .isEqualTo(400);
  }

  @Test
  void v1FieldCreationAnswersTheKey() {
    Harness.Resp r =
        h.post(
            "/api/v1/personFields",
            new JsonObject().put("name", "queast_id").put("field_type", "varchar"));
    assertThat(r.status()).isEqualTo(200);
    String key = r.json().getJsonObject("data").getString("key");
    assertThat(key).matches("[0-9a-f]{40}");
    assertThat(h.get("/api/v2/personFields/" + key).status()).isEqualTo(200);
  }
}

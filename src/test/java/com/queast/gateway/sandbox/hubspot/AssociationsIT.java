package com.queast.gateway.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AssociationsIT {

  static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static String create(TestHttp api, String type, String key, String value) {
    return api.post(
            "/crm/v3/objects/" + type,
            new JsonObject().put("properties", new JsonObject().put(key, value)))
        .json()
        .getString("id");
  }

  @Test
  void defaultAssociationUsesHubSpotTypeIdsBothWays() {
    TestHttp api = fx.portalClient();
    String contact = create(api, "contacts", "email", "a@b.io");
    String company = create(api, "companies", "name", "B");
    TestHttp.Res put =
        api.put(
            "/crm/v4/objects/contact/" + contact + "/associations/default/company/" + company,
            null);
    assertThat(put.status()).isEqualTo(200);
    assertThat(
            put.json()
                .getJsonArray("results")
                .getJsonObject(0)
                .getJsonObject("associationSpec")
                .getInteger("associationTypeId"))
        .isEqualTo(279);
    JsonObject back =
        api.get("/crm/objects/2026-03/companies/" + company + "/associations/contacts").json();
    JsonObject hit = back.getJsonArray("results").getJsonObject(0);
    assertThat(hit.getLong("toObjectId")).isEqualTo(Long.parseLong(contact));
    assertThat(hit.getJsonArray("associationTypes").getJsonObject(0).getInteger("typeId"))
        .isEqualTo(280);
    assertThat(
            api.delete("/crm/v4/objects/contacts/" + contact + "/associations/companies/" + company)
                .status())
        .isEqualTo(204);
    assertThat(
            api.get("/crm/v4/objects/companies/" + company + "/associations/contacts")
                .json()
                .getJsonArray("results"))
        .isEmpty();
  }

  @Test
  void primaryLabelAlsoCreatesTheUnlabelledType() {
    TestHttp api = fx.portalClient();
    String contact = create(api, "contacts", "email", "p@b.io");
    String company = create(api, "companies", "name", "P");
    TestHttp.Res put =
        api.put(
            "/crm/v4/objects/contacts/" + contact + "/associations/companies/" + company,
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("associationCategory", "HUBSPOT_DEFINED")
                        .put("associationTypeId", 1)));
    assertThat(put.status()).isEqualTo(201);
    assertThat(put.json().getJsonArray("labels")).contains("Primary");
    assertThat(put.json().getString("fromObjectTypeId")).isEqualTo("0-1");
    JsonArray types =
        api.get("/crm/v4/objects/contacts/" + contact + "/associations/companies")
            .json()
            .getJsonArray("results")
            .getJsonObject(0)
            .getJsonArray("associationTypes");
    assertThat(types.stream().map(t -> ((JsonObject) t).getInteger("typeId")))
        .containsExactlyInAnyOrder(1, 279);
  }

  @Test
  void aPrimaryCompanyShowsAsTheContactsReadOnlyAssociatedCompanyId() {
    TestHttp api = fx.portalClient();
    String contact = create(api, "contacts", "email", "primary@b.io");
    String company = create(api, "companies", "name", "Primary Co");
    String path = "/crm/v3/objects/contacts/" + contact + "?properties=associatedcompanyid";
    assertThat(api.get(path).json().getJsonObject("properties").getValue("associatedcompanyid"))
        .isNull();
    api.put(
        "/crm/v4/objects/contacts/" + contact + "/associations/companies/" + company,
        new JsonArray()
            .add(
                new JsonObject()
                    .put("associationCategory", "HUBSPOT_DEFINED")
                    .put("associationTypeId", 1)));
    assertThat(api.get(path).json().getJsonObject("properties").getString("associatedcompanyid"))
        .isEqualTo(company);
    assertThat(
            api.delete("/crm/v4/objects/contacts/" + contact + "/associations/companies/" + company)
                .status())
        .isEqualTo(204);
    assertThat(api.get(path).json().getJsonObject("properties").getValue("associatedcompanyid"))
        .isNull();
  }

  @Test
  void batchCreateAndReadWithPartialFailures() {
    TestHttp api = fx.portalClient();
    String task = create(api, "tasks", "hs_timestamp", "2026-01-01T00:00:00Z");
    String lonely = create(api, "tasks", "hs_timestamp", "2026-01-01T00:00:00Z");
    String contact = create(api, "contacts", "email", "t@b.io");
    JsonObject body =
        new JsonObject()
            .put(
                "inputs",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("from", new JsonObject().put("id", task))
                            .put("to", new JsonObject().put("id", contact))
                            .put(
                                "types",
                                new JsonArray()
                                    .add(
                                        new JsonObject()
                                            .put("associationCategory", "HUBSPOT_DEFINED")
                                            .put("associationTypeId", 204))))
                    .add(
                        new JsonObject()
                            .put("from", new JsonObject().put("id", task))
                            .put("to", new JsonObject().put("id", "42"))
                            .put(
                                "types",
                                new JsonArray()
                                    .add(
                                        new JsonObject()
                                            .put("associationCategory", "HUBSPOT_DEFINED")
                                            .put("associationTypeId", 204)))));
    TestHttp.Res created = api.post("/crm/associations/2026-03/tasks/contacts/batch/create", body);
    assertThat(created.status()).isEqualTo(207);
    assertThat(created.json().getJsonArray("results")).hasSize(1);

    TestHttp.Res read =
        api.post(
            "/crm/v4/associations/tasks/contacts/batch/read",
            new JsonObject()
                .put(
                    "inputs",
                    new JsonArray()
                        .add(new JsonObject().put("id", task))
                        .add(new JsonObject().put("id", lonely))));
    assertThat(read.status()).isEqualTo(207);
    JsonObject result = read.json().getJsonArray("results").getJsonObject(0);
    assertThat(result.getJsonObject("from").getString("id")).isEqualTo(task);
    assertThat(result.getJsonArray("to").getJsonObject(0).getLong("toObjectId"))
        .isEqualTo(Long.parseLong(contact));
    assertThat(read.json().getJsonArray("errors").getJsonObject(0).getString("subCategory"))
        .isEqualTo("crm.associations.NO_ASSOCIATIONS_FOUND");
  }

  @Test
  void wrongTypeIdForTheDirectionIsRejected() {
    TestHttp api = fx.portalClient();
    String contact = create(api, "contacts", "email", "w@b.io");
    String company = create(api, "companies", "name", "W");
    TestHttp.Res r =
        api.put(
            "/crm/v4/objects/contacts/" + contact + "/associations/companies/" + company,
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("associationCategory", "HUBSPOT_DEFINED")
                        .put("associationTypeId", 190)));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("category")).isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void searchFiltersByAssociation() {
    TestHttp api = fx.portalClient();
    String company = create(api, "companies", "name", "S");
    String c1 = create(api, "contacts", "email", "s1@b.io");
    create(api, "contacts", "email", "s2@b.io");
    api.put("/crm/v4/objects/contacts/" + c1 + "/associations/default/companies/" + company, null);
    JsonObject q =
        new JsonObject()
            .put(
                "filterGroups",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put(
                                "filters",
                                new JsonArray()
                                    .add(
                                        new JsonObject()
                                            .put("propertyName", "associations.company")
                                            .put("operator", "EQ")
                                            .put("value", company)))));
    JsonObject r = api.post("/crm/v3/objects/contacts/search", q).json();
    assertThat(r.getInteger("total")).isEqualTo(1);
    assertThat(r.getJsonArray("results").getJsonObject(0).getString("id")).isEqualTo(c1);
  }

  @Test
  void v3StyleNoteAssociationBySnakeCaseName() {
    TestHttp api = fx.portalClient();
    String note = create(api, "notes", "hs_timestamp", "2026-01-01T00:00:00Z");
    String contact = create(api, "contacts", "email", "v3@b.io");
    TestHttp.Res put =
        api.put(
            "/crm/v3/objects/notes/"
                + note
                + "/associations/contacts/"
                + contact
                + "/note_to_contact",
            null);
    assertThat(put.status()).isEqualTo(200);
    assertThat(
            put.json()
                .getJsonObject("associations")
                .getJsonObject("contacts")
                .getJsonArray("results")
                .getJsonObject(0)
                .getString("type"))
        .isEqualTo("note_to_contact");
    JsonObject fromContact =
        api.get("/crm/v4/objects/contacts/" + contact + "/associations/notes").json();
    assertThat(
            fromContact
                .getJsonArray("results")
                .getJsonObject(0)
                .getJsonArray("associationTypes")
                .getJsonObject(0)
                .getInteger("typeId"))
        .isEqualTo(201);
    assertThat(
            api.delete(
                    "/crm/v3/objects/notes/" + note + "/associations/contacts/" + contact + "/202")
                .status())
        .isEqualTo(204);
    assertThat(
            api.get("/crm/v3/objects/notes/" + note + "/associations/contacts")
                .json()
                .getJsonArray("results"))
        .isEmpty();
  }
}

package com.queast.gateway.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ObjectsIT {

  static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static JsonObject props(String... kv) {
    JsonObject p = new JsonObject();
    for (int i = 0; i < kv.length; i += 2) {
      p.put(kv[i], kv[i + 1]);
    }
    return new JsonObject().put("properties", p);
  }

  @Test
  void createReadUpdateArchiveCompanyOnLegacyAndDatedPaths() {
    TestHttp api = fx.portalClient();
    TestHttp.Res created =
        api.post("/crm/v3/objects/companies", props("name", "Acme", "domain", "acme.com"));
    assertThat(created.status()).isEqualTo(201);
    JsonObject c = created.json();
    String id = c.getString("id");
    assertThat(id).matches("\\d+");
    assertThat(c.getJsonObject("properties").getString("hs_object_id")).isEqualTo(id);
    assertThat(c.getJsonObject("properties").getString("createdate"))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(c.getString("createdAt")).isEqualTo("2026-11-27T10:00:00.123Z");
    assertThat(c.getBoolean("archived")).isFalse();

    TestHttp.Res read = api.get("/crm/objects/2026-03/companies/" + id + "?properties=name,city");
    assertThat(read.status()).isEqualTo(200);
    JsonObject rp = read.json().getJsonObject("properties");
    assertThat(rp.getString("name")).isEqualTo("Acme");
    assertThat(rp.containsKey("city")).isTrue();
    assertThat(rp.getValue("city")).isNull();
    assertThat(rp.containsKey("hs_lastmodifieddate")).isTrue();
    assertThat(rp.containsKey("domain")).isFalse();

    fx.clock.advance(java.time.Duration.ofSeconds(5));
    TestHttp.Res patched =
        api.patch("/crm/objects/2026-03/companies/" + id, props("city", "Lyon", "domain", ""));
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().getString("updatedAt")).isEqualTo("2026-11-27T10:00:05.123Z");
    JsonObject after =
        api.get("/crm/v3/objects/companies/" + id + "?properties=city,domain")
            .json()
            .getJsonObject("properties");
    assertThat(after.getString("city")).isEqualTo("Lyon");
    assertThat(after.getValue("domain")).isNull();

    assertThat(api.delete("/crm/v3/objects/companies/" + id).status()).isEqualTo(204);
    TestHttp.Res gone = api.get("/crm/v3/objects/companies/" + id);
    assertThat(gone.status()).isEqualTo(404);
    JsonObject err = gone.json();
    assertThat(err.getString("status")).isEqualTo("error");
    assertThat(err.getString("category")).isEqualTo("OBJECT_NOT_FOUND");
    assertThat(err.getString("message"))
        .isEqualTo("Object not found.  objectId are usually numeric.");
    assertThat(err.getString("correlationId")).isNotBlank();
    assertThat(
            api.get("/crm/v3/objects/companies/" + id + "?archived=true")
                .json()
                .getBoolean("archived"))
        .isTrue();
  }

  @Test
  void unknownPropertyAndReadOnlyPropertyAreValidationErrors() {
    TestHttp api = fx.portalClient();
    TestHttp.Res r =
        api.post("/crm/v3/objects/contacts", props("missing", "x", "hs_object_id", "5"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("category")).isEqualTo("VALIDATION_ERROR");
    assertThat(r.json().getString("message"))
        .startsWith("Property values were not valid: [")
        .contains("PROPERTY_DOESNT_EXIST")
        .contains("READ_ONLY_VALUE");
  }

  @Test
  void duplicateContactEmailIsConflictNamingExistingId() {
    TestHttp api = fx.portalClient();
    String id =
        api.post("/crm/v3/objects/contacts", props("email", "Ann@Example.com"))
            .json()
            .getString("id");
    TestHttp.Res dup = api.post("/crm/v3/objects/contacts", props("email", "ann@example.com"));
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.json().getString("category")).isEqualTo("CONFLICT");
    assertThat(dup.json().getString("message"))
        .isEqualTo("Contact already exists. Existing ID: " + id);
  }

  @Test
  void customUniquePropertyConflictAndIdPropertyReads() {
    TestHttp api = fx.portalClient();
    TestHttp.Res prop =
        api.post(
            "/crm/v3/properties/companies",
            new JsonObject()
                .put("name", "queast_id")
                .put("label", "Queast ID")
                .put("type", "string")
                .put("fieldType", "text")
                .put("groupName", "companyinformation")
                .put("hasUniqueValue", true));
    assertThat(prop.status()).isEqualTo(201);
    assertThat(prop.json().getBoolean("hasUniqueValue")).isTrue();
    assertThat(api.post("/crm/v3/properties/companies", prop.json()).status()).isEqualTo(409);

    String id =
        api.post("/crm/v3/objects/companies", props("name", "A", "queast_id", "q-1"))
            .json()
            .getString("id");
    TestHttp.Res dup =
        api.post("/crm/v3/objects/companies", props("name", "B", "queast_id", "q-1"));
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.json().getString("category")).isEqualTo("CONFLICT");
    assertThat(dup.json().getString("message")).endsWith("Existing ID: " + id);

    assertThat(api.get("/crm/v3/objects/companies/q-1?idProperty=queast_id").json().getString("id"))
        .isEqualTo(id);
    TestHttp.Res byName = api.get("/crm/v3/objects/companies/A?idProperty=name");
    assertThat(byName.status()).isEqualTo(400);
    assertThat(byName.json().getString("message"))
        .startsWith("Unable to perform update/upsert by non-unique 0-2 property name");
  }

  @Test
  void listPagesWithOpaqueCursor() {
    TestHttp api = fx.portalClient();
    for (int i = 0; i < 5; i++) {
      api.post("/crm/v3/objects/companies", props("name", "c" + i));
    }
    JsonObject page1 = api.get("/crm/v3/objects/companies?limit=2").json();
    assertThat(page1.getJsonArray("results")).hasSize(2);
    String after = page1.getJsonObject("paging").getJsonObject("next").getString("after");
    assertThat(page1.getJsonObject("paging").getJsonObject("next").getString("link"))
        .startsWith("?after=");
    int seen = 2;
    String cursor = after;
    while (cursor != null) {
      JsonObject page =
          api.get(
                  "/crm/v3/objects/companies?limit=2&after="
                      + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8))
              .json();
      seen += page.getJsonArray("results").size();
      cursor =
          page.containsKey("paging")
              ? page.getJsonObject("paging").getJsonObject("next").getString("after")
              : null;
    }
    assertThat(seen).isEqualTo(5);
  }

  @Test
  void batchUpsertReportsNewAndExisting() {
    TestHttp api = fx.portalClient();
    String existing =
        api.post("/crm/v3/objects/contacts", props("email", "a@x.io")).json().getString("id");
    JsonObject body =
        new JsonObject()
            .put(
                "inputs",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("id", "a@x.io")
                            .put("idProperty", "email")
                            .put("properties", new JsonObject().put("phone", "555")))
                    .add(
                        new JsonObject()
                            .put("id", "b@x.io")
                            .put("idProperty", "email")
                            .put("properties", new JsonObject().put("firstname", "Bea"))));
    TestHttp.Res r = api.post("/crm/objects/2026-03/contacts/batch/upsert", body);
    assertThat(r.status()).isEqualTo(200);
    JsonArray results = r.json().getJsonArray("results");
    assertThat(results).hasSize(2);
    JsonObject first = results.getJsonObject(0);
    assertThat(first.getString("id")).isEqualTo(existing);
    assertThat(first.getBoolean("new")).isFalse();
    assertThat(results.getJsonObject(1).getBoolean("new")).isTrue();
    assertThat(r.json().getString("status")).isEqualTo("COMPLETE");
    assertThat(fx.sandbox.count(fx.lastPortalId(), ObjectType.CONTACTS)).isEqualTo(2);

    TestHttp.Res again = api.post("/crm/v3/objects/contacts/batch/upsert", body);
    assertThat(
            again.json().getJsonArray("results").stream()
                .map(o -> ((JsonObject) o).getBoolean("new")))
        .containsOnly(false);
    assertThat(fx.sandbox.count(fx.lastPortalId(), ObjectType.CONTACTS)).isEqualTo(2);
  }

  @Test
  void batchUpsertByNonUniquePropertyIsRejected() {
    TestHttp api = fx.portalClient();
    JsonObject body =
        new JsonObject()
            .put(
                "inputs",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("id", "Acme")
                            .put("idProperty", "name")
                            .put("properties", new JsonObject())));
    TestHttp.Res r = api.post("/crm/v3/objects/companies/batch/upsert", body);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("message")).contains("non-unique 0-2 property name");
  }

  @Test
  void batchCreateWithTraceIdsAnswers207WithPerRecordErrors() {
    TestHttp api = fx.portalClient();
    JsonObject body =
        new JsonObject()
            .put(
                "inputs",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("objectWriteTraceId", "t1")
                            .put("properties", new JsonObject().put("email", "ok@x.io")))
                    .add(
                        new JsonObject()
                            .put("objectWriteTraceId", "t2")
                            .put("properties", new JsonObject().put("missing", "1"))));
    TestHttp.Res r = api.post("/crm/v3/objects/contacts/batch/create", body);
    assertThat(r.status()).isEqualTo(207);
    JsonObject j = r.json();
    assertThat(j.getJsonArray("results")).hasSize(1);
    assertThat(j.getInteger("numErrors")).isEqualTo(1);
    JsonObject e = j.getJsonArray("errors").getJsonObject(0);
    assertThat(e.getString("category")).isEqualTo("VALIDATION_ERROR");
    assertThat(e.getJsonObject("context").getJsonArray("objectWriteTraceId").getString(0))
        .isEqualTo("t2");
  }

  @Test
  void batchCreateWithoutTraceIdsIsAllOrNothing() {
    TestHttp api = fx.portalClient();
    api.post("/crm/v3/objects/contacts", props("email", "taken@x.io"));
    JsonObject body =
        new JsonObject()
            .put(
                "inputs",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("properties", new JsonObject().put("email", "new@x.io")))
                    .add(
                        new JsonObject()
                            .put("properties", new JsonObject().put("email", "taken@x.io"))));
    TestHttp.Res r = api.post("/crm/v3/objects/contacts/batch/create", body);
    assertThat(r.status()).isEqualTo(409);
    assertThat(fx.sandbox.count(fx.lastPortalId(), ObjectType.CONTACTS)).isEqualTo(1);
  }

  @Test
  void batchReadWithMissingIdsAnswers207ObjectNotFound() {
    TestHttp api = fx.portalClient();
    String id = api.post("/crm/v3/objects/companies", props("name", "X")).json().getString("id");
    JsonObject body =
        new JsonObject()
            .put("properties", new JsonArray().add("name"))
            .put(
                "inputs",
                new JsonArray()
                    .add(new JsonObject().put("id", id))
                    .add(new JsonObject().put("id", "999")));
    TestHttp.Res r = api.post("/crm/v3/objects/companies/batch/read", body);
    assertThat(r.status()).isEqualTo(207);
    JsonObject e = r.json().getJsonArray("errors").getJsonObject(0);
    assertThat(e.getString("category")).isEqualTo("OBJECT_NOT_FOUND");
    assertThat(e.getString("message"))
        .isEqualTo(
            "Could not get some COMPANY objects, they may be deleted or not exist. Check that ids are"
                + " valid.");
    assertThat(e.getJsonObject("context").getJsonArray("ids").getString(0)).isEqualTo("999");
    assertThat(r.json().getJsonArray("results")).hasSize(1);
  }

  @Test
  void batchOfMoreThan100InputsIsRejected() {
    TestHttp api = fx.portalClient();
    JsonArray inputs = new JsonArray();
    for (int i = 0; i < 101; i++) {
      inputs.add(new JsonObject().put("properties", new JsonObject().put("name", "n" + i)));
    }
    TestHttp.Res r =
        api.post("/crm/v3/objects/companies/batch/create", new JsonObject().put("inputs", inputs));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("category")).isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void notesRequireTimestampAndAssociateOnCreate() {
    TestHttp api = fx.portalClient();
    String company =
        api.post("/crm/v3/objects/companies", props("name", "Co")).json().getString("id");
    TestHttp.Res bad = api.post("/crm/v3/objects/notes", props("hs_note_body", "hi"));
    assertThat(bad.status()).isEqualTo(400);
    JsonObject note = props("hs_note_body", "hi", "hs_timestamp", "1700000000000");
    note.put(
        "associations",
        new JsonArray()
            .add(
                new JsonObject()
                    .put("to", new JsonObject().put("id", company))
                    .put(
                        "types",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("associationCategory", "HUBSPOT_DEFINED")
                                    .put("associationTypeId", 190)))));
    TestHttp.Res created = api.post("/crm/v3/objects/notes", note);
    assertThat(created.status()).isEqualTo(201);
    String noteId = created.json().getString("id");
    JsonObject fromCompany =
        api.get("/crm/v4/objects/companies/" + company + "/associations/notes").json();
    JsonObject hit = fromCompany.getJsonArray("results").getJsonObject(0);
    assertThat(hit.getLong("toObjectId")).isEqualTo(Long.parseLong(noteId));
    assertThat(hit.getJsonArray("associationTypes").getJsonObject(0).getInteger("typeId"))
        .isEqualTo(189);
    JsonObject withAssoc =
        api.get(
                "/crm/v3/objects/notes/"
                    + noteId
                    + "?associations=companies&properties=hs_timestamp")
            .json();
    assertThat(withAssoc.getJsonObject("properties").getString("hs_timestamp"))
        .isEqualTo("2023-11-14T22:13:20.000Z");
    assertThat(
            withAssoc
                .getJsonObject("associations")
                .getJsonObject("companies")
                .getJsonArray("results")
                .getJsonObject(0)
                .getString("id"))
        .isEqualTo(company);
  }

  @Test
  void missingTokenIsInvalidAuthentication() {
    TestHttp.Res r = fx.http.get("/crm/v3/objects/companies");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().getString("category")).isEqualTo("INVALID_AUTHENTICATION");
  }
}

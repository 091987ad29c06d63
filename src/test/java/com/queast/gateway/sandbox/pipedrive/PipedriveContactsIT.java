package com.queast.gateway.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PipedriveContactsIT {

  private Harness h;

  @BeforeEach
  void start() {
    h = Harness.start();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void organizationCrudFollowsTheV2Envelope() {
    Harness.Resp created =
        h.post(
            "/api/v2/organizations",
            new JsonObject()
                .put("name", "Acme GmbH")
                .put("address", new JsonObject().put("value", "Hauptstr. 1, Berlin"))
                .put("employee_count", 40));
    assertThat(created.status()).isEqualTo(200);
    JsonObject org = created.json().getJsonObject("data");
    assertThat(created.json().getBoolean("success")).isTrue();
    assertThat(org.getLong("id")).isEqualTo(1L);
    assertThat(org.getString("add_time")).isEqualTo("2026-03-02T10:00:00Z");
    assertThat(org.getJsonObject("address").getString("value")).isEqualTo("Hauptstr. 1, Berlin");
    assertThat(org.getJsonObject("address").containsKey("locality")).isTrue();
    assertThat(org.getBoolean("is_deleted")).isFalse();
    assertThat(org.getLong("owner_id")).isEqualTo(h.company.userId());
    assertThat(org.getJsonObject("custom_fields")).isEmpty();

    h.clock.advance(java.time.Duration.ofMinutes(1));
    Harness.Resp patched =
        h.patch("/api/v2/organizations/1", new JsonObject().put("website", "https://acme.example"));
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().getJsonObject("data").getString("website"))
        .isEqualTo("https://acme.example");
    assertThat(patched.json().getJsonObject("data").getString("update_time"))
        .isEqualTo("2026-03-02T10:01:00Z");
    assertThat(h.get("/api/v2/organizations/1").json().getJsonObject("data").getString("name"))
        .isEqualTo("Acme GmbH");

    Harness.Resp deleted = h.delete("/api/v2/organizations/1");
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().getJsonObject("data")).isEqualTo(new JsonObject().put("id", 1));

    Harness.Resp gone = h.get("/api/v2/organizations/1");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().getBoolean("success")).isFalse();
    assertThat(gone.json().containsKey("error_info")).isTrue();
    assertThat(gone.json().getValue("data")).isNull();
    assertThat(h.get("/api/v2/organizations").json().getJsonArray("data")).isEmpty();
    assertThat(
            h.sandbox
                .records(h.company.companyId(), "organization")
                .get(0)
                .getBoolean("is_deleted"))
        .isTrue();
    assertThat(h.patch("/api/v2/organizations/1", new JsonObject().put("name", "x")).status())
        .isEqualTo(404);
  }

  @Test
  void cursorPagingWalksEveryRecordOnceAndEndsWithNullCursor() {
    for (int i = 1; i <= 7; i++) {
      h.createOrg("Org " + i);
    }
    List<Long> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String path = "/api/v2/organizations?limit=3" + (cursor == null ? "" : "&cursor=" + cursor);
      JsonObject page = h.get(path).json();
      page.getJsonArray("data").forEach(o -> seen.add(((JsonObject) o).getLong("id")));
      cursor = page.getJsonObject("additional_data").getString("next_cursor");
      pages++;
    } while (cursor != null);
    assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(pages).isEqualTo(3);

    JsonArray desc =
        h.get("/api/v2/organizations?sort_direction=desc&limit=2").json().getJsonArray("data");
    assertThat(desc.getJsonObject(0).getLong("id")).isEqualTo(7L);
    assertThat(h.get("/api/v2/organizations?limit=501").status()).isEqualTo(400);
    assertThat(h.get("/api/v2/organizations?ids=2,4").json().getJsonArray("data")).hasSize(2);
  }

  @Test
  void strictV2TypingRejectsStringNumbersAndNumericBooleans() {
    Harness.Resp stringNumber =
        h.post("/api/v2/organizations", new JsonObject().put("name", "A").put("owner_id", "5"));
    assertThat(stringNumber.status()).isEqualTo(400);
    assertThat(stringNumber.json().getString("error")).contains("owner_id");
    assertThat(stringNumber.json().getBoolean("success")).isFalse();

    Harness.Resp numericBoolean =
        h.post(
            "/api/v2/persons",
            new JsonObject()
                .put("name", "Jane Doe")
                .put(
                    "emails",
                    new JsonArray()
                        .add(new JsonObject().put("value", "j@x.io").put("primary", 1))));
    assertThat(numericBoolean.status()).isEqualTo(400);
    assertThat(numericBoolean.json().getString("error")).contains("primary");

    assertThat(h.post("/api/v2/organizations", new JsonObject()).status()).isEqualTo(400);
    assertThat(h.post("/api/v2/persons", new JsonObject().put("first_name", "Jane")).status())
        .isEqualTo(400);
    assertThat(
            h.post(
                    "/api/v2/persons",
                    new JsonObject().put("name", "J").put("emails", new JsonArray().add("j@x.io")))
                .status())
        .isEqualTo(400);
    assertThat(
            h.post("/api/v2/persons", new JsonObject().put("name", "J").put("email", "j@x.io"))
                .status())
        .as("v1-style keys are not silently dropped")
        .isEqualTo(400);
  }

  @Test
  void personsCarryEmailArraysOrgIdAndDerivedNames() {
    long org = h.createOrg("Acme");
    Harness.Resp r =
        h.post(
            "/api/v2/persons",
            new JsonObject()
                .put("first_name", "Jane")
                .put("last_name", "Doe")
                .put("org_id", org)
                .put(
                    "emails",
                    new JsonArray()
                        .add(new JsonObject().put("value", "jane@acme.io"))
                        .add(new JsonObject().put("value", "j@home.io").put("label", "home"))));
    assertThat(r.status()).isEqualTo(200);
    JsonObject p = r.json().getJsonObject("data");
    assertThat(p.getString("name")).isEqualTo("Jane Doe");
    assertThat(p.getLong("org_id")).isEqualTo(org);
    JsonObject first = p.getJsonArray("emails").getJsonObject(0);
    assertThat(first.getBoolean("primary")).isTrue();
    assertThat(first.getString("label")).isEqualTo("work");
    assertThat(h.get("/api/v2/persons?org_id=" + org).json().getJsonArray("data")).hasSize(1);
    assertThat(h.get("/api/v2/persons?org_id=999").json().getJsonArray("data")).isEmpty();
    assertThat(
            h.post("/api/v2/persons", new JsonObject().put("name", "X").put("org_id", 999))
                .status())
        .isEqualTo(400);
  }

  @Test
  void badCredentialsGetTheVendor401AndTheQueryTokenWorks() {
    Harness.Resp r = h.call(HttpMethod.GET, "/api/v2/organizations", null, "wrong");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().getString("error")).isEqualTo("unauthorized access");
    assertThat(r.json().getInteger("errorCode")).isEqualTo(401);
    assertThat(h.call(HttpMethod.GET, "/api/v2/organizations", null, null).status()).isEqualTo(401);
    assertThat(
            h.call(
                    HttpMethod.GET,
                    "/api/v2/organizations?api_token=" + h.company.apiToken(),
                    null,
                    null)
                .status())
        .isEqualTo(200);
  }

  @Test
  void companiesAreIsolated() {
    h.createOrg("Mine");
    CompanyCredentials other = h.sandbox.createCompany();
    Harness.Resp r = h.call(HttpMethod.GET, "/api/v2/organizations", null, other.apiToken());
    assertThat(r.json().getJsonArray("data")).isEmpty();
    assertThat(h.call(HttpMethod.GET, "/api/v2/organizations/1", null, other.apiToken()).status())
        .isEqualTo(404);
  }

  @Test
  void unknownPathsAndBrokenJsonGetVendorShapedErrors() {
    Harness.Resp unknown = h.get("/api/v2/deals");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().getBoolean("success")).isFalse();
    Harness.Resp put = h.call(HttpMethod.PUT, "/api/v2/organizations/1", new JsonObject());
    assertThat(put.status()).as("v2 has PATCH, not PUT").isIn(404, 405);
    assertThat(put.json().getBoolean("success")).isFalse();
    Harness.Resp broken =
        Harness.send(
            h.request(HttpMethod.POST, "/api/v2/organizations")
                .putHeader("x-api-token", h.company.apiToken())
                .putHeader("content-type", "application/json"),
            null);
    assertThat(broken.status()).isEqualTo(400);
    var raw =
        h.request(HttpMethod.POST, "/api/v2/organizations")
            .putHeader("x-api-token", h.company.apiToken())
            .putHeader("content-type", "application/json")
            .sendBuffer(io.vertx.mutiny.core.buffer.Buffer.buffer("{\"name\": "))
            .await()
            .atMost(java.time.Duration.ofSeconds(10));
    assertThat(raw.statusCode()).isEqualTo(400);
    assertThat(raw.bodyAsJsonObject().getString("error")).isEqualTo("Bad request");
  }
}

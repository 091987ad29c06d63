package com.queast.gateway.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PipedriveNotesActivitiesIT {

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
  void notesAreV1WithHtmlContentAndOffsetPagination() {
    long org = h.createOrg("Acme");
    Harness.Resp r =
        h.post(
            "/api/v1/notes",
            new JsonObject()
                .put("content", "<p>Signal: <b>hiring</b></p>")
                .put("org_id", String.valueOf(org)));
    assertThat(r.status()).isEqualTo(201);
    JsonObject note = r.json().getJsonObject("data");
    assertThat(note.getLong("org_id")).isEqualTo(org);
    assertThat(note.getString("add_time")).isEqualTo("2026-03-02 10:00:00");
    assertThat(note.getJsonObject("organization").getString("name")).isEqualTo("Acme");
    assertThat(note.getBoolean("active_flag")).isTrue();

    h.post("/v1/notes", new JsonObject().put("content", "second").put("org_id", org));
    JsonObject page = h.get("/api/v1/notes?org_id=" + org + "&limit=1").json();
    assertThat(page.getJsonArray("data")).hasSize(1);
    JsonObject pagination = page.getJsonObject("additional_data").getJsonObject("pagination");
    assertThat(pagination.getBoolean("more_items_in_collection")).isTrue();
    assertThat(pagination.getInteger("next_start")).isEqualTo(1);
    assertThat(h.get("/api/v1/notes/1").json().getJsonObject("data").getString("content"))
        .isEqualTo("<p>Signal: <b>hiring</b></p>");

    assertThat(h.post("/api/v1/notes", new JsonObject().put("org_id", org)).status())
        .isEqualTo(400);
    assertThat(h.post("/api/v1/notes", new JsonObject().put("content", "orphan")).status())
        .isEqualTo(400);
    assertThat(
            h.post("/api/v2/notes", new JsonObject().put("content", "x").put("org_id", org))
                .status())
        .as("notes do not exist in v2")
        .isEqualTo(404);
  }

  @Test
  void notesAreSearchableThroughTheirOrganization() {
    long org = h.createOrg("Quiet Corp");
    h.post(
        "/api/v1/notes",
        new JsonObject().put("content", "<p>expanding to Lisbon</p>").put("org_id", org));
    JsonArray items =
        h.get("/api/v2/organizations/search?term=lisbon&fields=notes")
            .json()
            .getJsonObject("data")
            .getJsonArray("items");
    assertThat(items).hasSize(1);
    assertThat(items.getJsonObject(0).getJsonObject("item").getJsonArray("notes")).isNotEmpty();
  }

  @Test
  void activitiesTakeThePersonFromThePrimaryParticipant() {
    long org = h.createOrg("Acme");
    long person =
        h.post("/api/v2/persons", new JsonObject().put("name", "Jane"))
            .json()
            .getJsonObject("data")
            .getLong("id");
    Harness.Resp r =
        h.post(
            "/api/v2/activities",
            new JsonObject()
                .put("subject", "Signal: funding")
                .put("type", "task")
                .put("org_id", org)
                .put("due_date", "2026-03-05")
                .put("done", false)
                .put(
                    "participants",
                    new JsonArray()
                        .add(new JsonObject().put("person_id", person).put("primary", true))));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonObject a = r.json().getJsonObject("data");
    assertThat(a.getLong("person_id")).isEqualTo(person);
    assertThat(a.getBoolean("is_deleted")).isFalse();
    assertThat(h.get("/api/v2/activities/" + a.getLong("id")).status()).isEqualTo(200);
    assertThat(h.get("/api/v2/activities?org_id=" + org).json().getJsonArray("data")).hasSize(1);
    assertThat(
            h.post("/api/v2/activities", new JsonObject().put("subject", "x").put("done", 0))
                .status())
        .isEqualTo(400);
    assertThat(
            h.post(
                    "/api/v2/activities",
                    new JsonObject().put("subject", "x").put("person_id", person))
                .status())
        .as("person_id is read-only in v2")
        .isEqualTo(400);
  }

  @Test
  void usersMeNamesTheCompany() {
    JsonObject me = h.get("/api/v1/users/me").json().getJsonObject("data");
    assertThat(me.getLong("company_id")).isEqualTo(h.company.companyId());
    assertThat(me.getLong("id")).isEqualTo(h.company.userId());
    assertThat(me.getString("company_domain")).isNotBlank();
  }
}

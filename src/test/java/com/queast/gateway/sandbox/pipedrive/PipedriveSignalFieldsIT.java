package com.queast.gateway.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read-only field lists of the objects Signals become: v2 {@code activityFields} (and its
 * legacy v1 form) and v1 {@code noteFields}, with their token costs.
 */
class PipedriveSignalFieldsIT {

  private Harness h;

  @BeforeEach
  void start() {
    h = Harness.start();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private long used() {
    return h.sandbox.tokensUsedToday(h.company.companyId());
  }

  private static List<String> values(JsonArray data, String key) {
    return data.stream().map(d -> ((JsonObject) d).getString(key)).toList();
  }

  @Test
  void activityFieldsListTheV2BuiltInsForTenTokens() {
    long before = used();
    Harness.Resp r = h.get("/api/v2/activityFields");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(used() - before).isEqualTo(10);
    JsonObject body = r.json();
    assertThat(body.getBoolean("success")).isTrue();
    assertThat(body.getJsonObject("additional_data").getValue("next_cursor")).isNull();
    JsonArray data = body.getJsonArray("data");
    assertThat(values(data, "field_code"))
        .contains(
            "subject",
            "type",
            "owner_id",
            "due_date",
            "due_time",
            "duration",
            "busy",
            "done",
            "location",
            "participants",
            "attendees",
            "public_description",
            "priority",
            "note",
            "org_id",
            "person_id",
            "deal_id",
            "lead_id",
            "project_id")
        .doesNotContain("content", "name");
    assertThat(data.stream().map(d -> ((JsonObject) d).getBoolean("is_custom_field")))
        .containsOnly(false);

    JsonObject paged = h.get("/api/v2/activityFields?limit=5").json();
    assertThat(paged.getJsonArray("data")).hasSize(5);
    String next = paged.getJsonObject("additional_data").getString("next_cursor");
    assertThat(next).isNotNull();
    assertThat(
            h.get("/api/v2/activityFields?limit=5&cursor=" + next)
                .json()
                .getJsonArray("data")
                .getJsonObject(0)
                .getString("field_code"))
        .isEqualTo(data.getJsonObject(5).getString("field_code"));

    before = used();
    JsonObject one = h.get("/api/v2/activityFields/subject").json().getJsonObject("data");
    assertThat(used() - before).isEqualTo(1);
    assertThat(one.getString("field_name")).isEqualTo("Subject");
    assertThat(h.get("/api/v2/activityFields/shoe_size").status()).isEqualTo(404);
  }

  @Test
  void activityFieldsAreReadOnly() {
    Harness.Resp r =
        h.post(
            "/api/v2/activityFields",
            new JsonObject().put("field_name", "x").put("field_type", "varchar"));
    assertThat(r.status()).isEqualTo(404);
  }

  @Test
  void legacyV1ActivityFieldsUseTheV1ShapeForTwentyTokens() {
    long before = used();
    Harness.Resp r = h.get("/api/v1/activityFields");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(used() - before).isEqualTo(20);
    JsonObject first = r.json().getJsonArray("data").getJsonObject(0);
    assertThat(first.fieldNames()).contains("id", "key", "name", "field_type", "edit_flag");
    assertThat(first.getString("key")).isEqualTo("subject");
    assertThat(first.getBoolean("edit_flag")).isFalse();
  }

  @Test
  void noteFieldsAreV1WithKeyNameTypeAndEditFlagForTwentyTokens() {
    long before = used();
    Harness.Resp r = h.get("/api/v1/noteFields");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(used() - before).isEqualTo(20);
    JsonObject body = r.json();
    assertThat(body.getBoolean("success")).isTrue();
    JsonObject pagination = body.getJsonObject("additional_data").getJsonObject("pagination");
    assertThat(pagination.getInteger("start")).isZero();
    assertThat(pagination.getBoolean("more_items_in_collection")).isFalse();
    JsonArray data = body.getJsonArray("data");
    assertThat(values(data, "key"))
        .contains(
            "content",
            "org_id",
            "person_id",
            "deal_id",
            "lead_id",
            "project_id",
            "user_id",
            "add_time",
            "pinned_to_organization_flag",
            "pinned_to_person_flag",
            "pinned_to_deal_flag")
        .doesNotContain("subject", "note");
    JsonObject content = data.getJsonObject(0);
    assertThat(content.getString("name")).isEqualTo("Content");
    assertThat(content.getString("field_type")).isEqualTo("text");
    assertThat(content.getBoolean("edit_flag")).isFalse();

    JsonObject page = h.get("/api/v1/noteFields?start=2&limit=3").json();
    assertThat(values(page.getJsonArray("data"), "key"))
        .containsExactlyElementsOf(values(data, "key").subList(2, 5));
    JsonObject more = page.getJsonObject("additional_data").getJsonObject("pagination");
    assertThat(more.getBoolean("more_items_in_collection")).isTrue();
    assertThat(more.getInteger("next_start")).isEqualTo(5);
    assertThat(h.get("/v1/noteFields").status()).as("legacy /v1 prefix").isEqualTo(200);
    assertThat(h.get("/api/v2/noteFields").status()).as("notes are v1 only").isEqualTo(404);
  }
}

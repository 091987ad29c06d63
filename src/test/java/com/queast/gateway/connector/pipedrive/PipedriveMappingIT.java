package com.queast.gateway.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.sandbox.pipedrive.CompanyCredentials;
import com.queast.gateway.sandbox.pipedrive.Plan;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tenant mapping overrides of a Pipedrive connection are checked against the account's real fields
 * (v2 {@code organizationFields}/{@code personFields}, and for Signals v1 {@code noteFields} or v2
 * {@code activityFields}): an unknown field is a problem+json 400 naming it, and nothing is stored;
 * real built-in fields pass.
 */
@ExtendWith(PostgresExtension.class)
class PipedriveMappingIT {

  private PipedriveFixture fx;

  @BeforeEach
  void start(TestDatabase db) {
    fx = new PipedriveFixture(db, Map.of());
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void anOverrideNamingAFieldTheAccountDoesNotHaveIsRejectedNamingIt() {
    CompanyCredentials company = fx.company(Plan.PREMIUM, 1);
    fx.tenant("t1");
    String id = fx.connectWithApiToken("t1", company).getString("connectionId");
    String path = "/v1/tenants/t1/connections/" + id + "/mapping";

    var unknown =
        fx.gw
            .http()
            .put(path, override("company", "revenue_band", new JsonObject().put("from", "name")));
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    JsonObject error = unknown.json().getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("field")).isEqualTo("organizations.properties.revenue_band");
    assertThat(error.getString("message")).contains("revenue_band").contains("pipedrive");

    var unknownPerson =
        fx.gw
            .http()
            .put(path, override("person", "shoe_size", new JsonObject().put("from", "title")));
    assertThat(unknownPerson.status()).isEqualTo(400);
    assertThat(unknownPerson.json().getJsonArray("errors").encode())
        .contains("persons.properties.shoe_size");
    assertThat(fx.gw.http().get(path).json().getInteger("version")).isEqualTo(0);

    // A built-in field of the account (and the default mapping with it) passes.
    var ok =
        fx.gw
            .http()
            .put(path, override("company", "annual_revenue", new JsonObject().put("value", 1)));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().getInteger("version")).isEqualTo(1);
  }

  @Test
  void aSignalOverrideNamingAFieldNotesOrActivitiesDoNotHaveIsRejectedNamingIt() {
    CompanyCredentials company = fx.company(Plan.PREMIUM, 1);
    fx.tenant("t1");
    String id = fx.connectWithApiToken("t1", company).getString("connectionId");
    String path = "/v1/tenants/t1/connections/" + id + "/mapping";
    JsonObject before = fx.gw.http().get(path).json();

    // As an activity: a field activities do not have, and one they list but only Pipedrive sets.
    var activity =
        fx.gw
            .http()
            .put(
                path,
                signal(
                    "activity",
                    new JsonObject()
                        .put("shoe_size", new JsonObject().put("from", "title"))
                        .put("person_id", new JsonObject().put("value", 1))));
    assertThat(activity.status()).as(activity.body()).isEqualTo(400);
    assertThat(activity.contentType()).startsWith("application/problem+json");
    assertThat(activity.json().getJsonArray("errors").encode())
        .contains("activities.properties.shoe_size")
        .contains("activities.properties.person_id");
    assertThat(activity.json().getJsonArray("errors").getJsonObject(0).getString("message"))
        .contains("pipedrive");

    // As a note (the default): an activity field is not a note field.
    JsonObject noteOnly = signal("note", new JsonObject().put("subject", titleRule()));
    noteOnly.getJsonObject("signal").remove("as");
    var note = fx.gw.http().put(path, noteOnly);
    assertThat(note.status()).as(note.body()).isEqualTo(400);
    assertThat(note.contentType()).startsWith("application/problem+json");
    JsonObject error = note.json().getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("field")).isEqualTo("notes.properties.subject");
    assertThat(error.getString("rule")).isEqualTo("unknown_property");

    JsonObject after = fx.gw.http().get(path).json();
    assertThat(after.getInteger("version")).isEqualTo(0);
    assertThat(after.getValue("override")).isEqualTo(before.getValue("override"));
    assertThat(after.getJsonObject("effective")).isEqualTo(before.getJsonObject("effective"));

    // Real writable fields pass, as an activity and as a note.
    var okActivity =
        fx.gw
            .http()
            .put(
                path,
                signal(
                    "activity",
                    new JsonObject()
                        .put("public_description", new JsonObject().put("from", "summary"))
                        .put("priority", new JsonObject().put("value", 1))));
    assertThat(okActivity.status()).as(okActivity.body()).isEqualTo(200);
    assertThat(okActivity.json().getInteger("version")).isEqualTo(1);
    var okNote =
        fx.gw
            .http()
            .put(
                path,
                signal(
                    "note",
                    new JsonObject()
                        .put("pinned_to_organization_flag", new JsonObject().put("value", true))));
    assertThat(okNote.status()).as(okNote.body()).isEqualTo(200);
    assertThat(okNote.json().getInteger("version")).isEqualTo(2);
  }

  private static JsonObject titleRule() {
    return new JsonObject().put("from", "title");
  }

  private static JsonObject signal(String as, JsonObject properties) {
    return new JsonObject()
        .put(
            "signal",
            new JsonObject().put("as", as).put(as, new JsonObject().put("properties", properties)));
  }

  private static JsonObject override(String type, String property, JsonObject rule) {
    return new JsonObject()
        .put(type, new JsonObject().put("properties", new JsonObject().put(property, rule)));
  }
}

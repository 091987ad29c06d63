package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.sandbox.hubspot.ObjectType;
import com.queast.gateway.sandbox.hubspot.Portal;
import com.queast.gateway.support.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubSpotCustomObjectIT extends HubSpotHarnessTest {

  private static final JsonObject AS_CUSTOM_OBJECT =
      new JsonObject().put("signal", new JsonObject().put("as", "custom_object"));

  private static String mapping(String tenant, String connectionId) {
    return "/v1/tenants/" + tenant + "/connections/" + connectionId + "/mapping";
  }

  private List<String> associated(Portal p, String typeId, long id, String to) {
    JsonArray results =
        crm(p)
            .get("/crm/v4/objects/" + typeId + "/" + id + "/associations/" + to)
            .json()
            .getJsonArray("results");
    return results.stream()
        .map(o -> String.valueOf(((JsonObject) o).getValue("toObjectId")))
        .toList();
  }

  @Test
  void onAnEnterprisePortalSignalsLandOnceAsCustomRecordsWithTheirCompanyAndPerson() {
    Portal portal = h.sandbox.createPortal(true);
    String conn = h.installByOAuth("t1", portal).getString("connectionId");

    Http.Res put = h.http().put(mapping("t1", conn), AS_CUSTOM_OBJECT);
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(h.http().put(mapping("t1", conn), AS_CUSTOM_OBJECT).status()).isEqualTo(200);
    JsonArray schemas = crm(portal).get("/crm/v3/schemas").json().getJsonArray("results");
    assertThat(schemas).hasSize(1);
    JsonObject schema = schemas.getJsonObject(0);
    assertThat(schema.getString("name")).isEqualTo("queast_signal");
    assertThat(schema.getJsonObject("labels").getString("plural")).isEqualTo("Queast Signals");
    String typeId = schema.getString("objectTypeId");
    JsonObject queastId = crm(portal).get("/crm/v3/properties/" + typeId + "/queast_id").json();
    assertThat(queastId.getBoolean("hasUniqueValue")).isTrue();
    assertThat(
            crm(portal)
                .get("/crm/v3/properties/" + typeId + "/queast_occurred_at")
                .json()
                .getString("type"))
        .isEqualTo("datetime");
    assertThat(
            db.count(
                "SELECT count(*) FROM connections WHERE config->'"
                    + CustomSignals.CONFIG_KEY
                    + "'->>'objectTypeId' = '"
                    + typeId
                    + "'"))
        .isEqualTo(1);
    ObjectType type = portal.requireType(typeId);

    h.ingest(
        "t1", "companies", List.of(HubSpotHarness.company("c1"), HubSpotHarness.company("c2")));
    h.ingest("t1", "people", List.of(HubSpotHarness.person("p1", "c1")));
    h.ingest(
        "t1",
        "signals",
        List.of(
            HubSpotHarness.signal("s1", "c1", "p1"),
            HubSpotHarness.signal("s2", "c2", null),
            HubSpotHarness.signal("s3", "c3", null)));
    await().atMost(Duration.ofSeconds(30)).until(() -> h.sandbox.count(portal.id(), type) == 2);
    assertThat(h.sandbox.count(portal.id(), ObjectType.NOTES)).isZero();
    assertThat(h.sandbox.findByProperty(portal.id(), type, "queast_id", "s3")).isEmpty();

    long c1 =
        h.sandbox.findByProperty(portal.id(), ObjectType.COMPANIES, "queast_id", "c1").get(0).id();
    long c2 =
        h.sandbox.findByProperty(portal.id(), ObjectType.COMPANIES, "queast_id", "c2").get(0).id();
    long p1 =
        h.sandbox.findByProperty(portal.id(), ObjectType.CONTACTS, "queast_id", "p1").get(0).id();
    var s1 = h.sandbox.findByProperty(portal.id(), type, "queast_id", "s1");
    assertThat(s1).hasSize(1);
    assertThat(s1.get(0).get("queast_title")).isEqualTo("Signal s1");
    assertThat(s1.get(0).get("queast_summary")).contains("&lt;happened&gt;");
    assertThat(s1.get(0).get("queast_signal_type")).isEqualTo("hiring");
    assertThat(s1.get(0).get("queast_occurred_at")).isNotBlank();
    long s2 = h.sandbox.findByProperty(portal.id(), type, "queast_id", "s2").get(0).id();
    // The associations are the second call of the batch: wait for them.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(associated(portal, typeId, s1.get(0).id(), "companies"))
                  .containsExactly(Long.toString(c1));
              assertThat(associated(portal, typeId, s1.get(0).id(), "contacts"))
                  .containsExactly(Long.toString(p1));
              assertThat(associated(portal, typeId, s2, "companies"))
                  .containsExactly(Long.toString(c2));
            });
    assertThat(associated(portal, typeId, s2, "contacts")).isEmpty();

    // A Signal whose company is not in HubSpot yet waits for it (never orphaned).
    h.ingest("t1", "companies", List.of(HubSpotHarness.company("c3")));
    await().atMost(Duration.ofSeconds(30)).until(() -> h.sandbox.count(portal.id(), type) == 3);
    long c3 =
        h.sandbox.findByProperty(portal.id(), ObjectType.COMPANIES, "queast_id", "c3").get(0).id();
    long s3 = h.sandbox.findByProperty(portal.id(), type, "queast_id", "s3").get(0).id();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(associated(portal, typeId, s3, "companies"))
                    .containsExactly(Long.toString(c3)));

    // An update sends only what changed: a value edited in HubSpot and unchanged in Queast stays.
    Http.Res edited =
        new Http(h.sandbox.baseUrl(), null)
            .post(
                "/_sandbox/portals/"
                    + portal.id()
                    + "/"
                    + typeId
                    + "/"
                    + s1.get(0).id()
                    + "/properties",
                new JsonObject().put("queast_signal_type", "edited in HubSpot"));
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    h.ingest(
        "t1",
        "signals",
        List.of(HubSpotHarness.signal("s1", "c1", "p1").put("title", "Signal s1, again")));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "Signal s1, again"
                    .equals(
                        h.sandbox
                            .findByProperty(portal.id(), type, "queast_id", "s1")
                            .get(0)
                            .get("queast_title")));
    var after = h.sandbox.findByProperty(portal.id(), type, "queast_id", "s1");
    assertThat(after).hasSize(1);
    assertThat(after.get(0).get("queast_signal_type")).isEqualTo("edited in HubSpot");
    assertThat(h.sandbox.count(portal.id(), type)).isEqualTo(3);
    assertThat(crm(portal).get("/crm/v3/schemas").json().getJsonArray("results")).hasSize(1);
  }

  @Test
  void aSignalDeliveredAsANoteIsWrittenWholeAsACustomRecordAfterTheSwitchAndABackfill() {
    Portal portal = h.sandbox.createPortal(true);
    String conn = h.installByOAuth("t4", portal).getString("connectionId");
    h.ingest("t4", "companies", List.of(HubSpotHarness.company("c1")));
    h.ingest("t4", "signals", List.of(HubSpotHarness.signal("s1", "c1", null)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> h.sandbox.count(portal.id(), ObjectType.NOTES) == 1);

    assertThat(h.http().put(mapping("t4", conn), AS_CUSTOM_OBJECT).status()).isEqualTo(200);
    Http.Res backfill =
        h.http().post("/v1/tenants/t4/connections/" + conn + "/backfill", new JsonObject());
    assertThat(backfill.status()).as(backfill.body()).isIn(200, 202);
    String typeId =
        crm(portal)
            .get("/crm/v3/schemas")
            .json()
            .getJsonArray("results")
            .getJsonObject(0)
            .getString("objectTypeId");
    ObjectType type = portal.requireType(typeId);
    await().atMost(Duration.ofSeconds(30)).until(() -> h.sandbox.count(portal.id(), type) == 1);
    var s1 = h.sandbox.findByProperty(portal.id(), type, "queast_id", "s1").get(0);
    assertThat(s1.get("queast_title")).isEqualTo("Signal s1");
    assertThat(s1.get("queast_signal_type")).isEqualTo("hiring");
    long c1 =
        h.sandbox.findByProperty(portal.id(), ObjectType.COMPANIES, "queast_id", "c1").get(0).id();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(associated(portal, typeId, s1.id(), "companies"))
                    .containsExactly(Long.toString(c1)));
    assertThat(db.count("SELECT count(*) FROM jobs WHERE state = 'dead'")).isZero();
  }

  @Test
  void withoutEnterpriseTheMappingIsRefusedNamingSignalAs() {
    Portal oauthPortal = h.sandbox.createPortal(false);
    String conn = h.installByOAuth("t2", oauthPortal).getString("connectionId");
    Http.Res refused = h.http().put(mapping("t2", conn), AS_CUSTOM_OBJECT);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    JsonObject error = refused.json().getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("field")).isEqualTo("signal.as");
    assertThat(error.getString("message")).contains("Enterprise");
    assertThat(h.http().get(mapping("t2", conn)).json().getInteger("version")).isZero();

    Portal privatePortal = h.sandbox.createPortal(false);
    h.http().put("/v1/tenants/t3", new JsonObject().put("name", "t3"));
    Http.Res connected =
        h.http()
            .post(
                "/v1/tenants/t3/connections",
                new JsonObject()
                    .put("crm", "hubspot")
                    .put("auth", "private_app")
                    .put("accessToken", privatePortal.privateAppToken())
                    .put("portalId", privatePortal.id()));
    assertThat(connected.status()).as(connected.body()).isIn(200, 201);
    String privateConn = connected.json().getString("connectionId");
    Http.Res refusedByHubSpot = h.http().put(mapping("t3", privateConn), AS_CUSTOM_OBJECT);
    assertThat(refusedByHubSpot.status()).as(refusedByHubSpot.body()).isEqualTo(400);
    JsonObject why = refusedByHubSpot.json().getJsonArray("errors").getJsonObject(0);
    assertThat(why.getString("field")).isEqualTo("signal.as");
    assertThat(why.getString("message")).contains("403");
    assertThat(h.http().get(mapping("t3", privateConn)).json().getInteger("version")).isZero();

    Http.Res misnamed =
        h.http()
            .put(
                mapping("t2", conn),
                new JsonObject()
                    .put(
                        "signal",
                        new JsonObject()
                            .put("as", "custom_object")
                            .put(
                                "custom_object", new JsonObject().put("object", "queast_signal"))));
    assertThat(misnamed.status()).isEqualTo(400);
    assertThat(misnamed.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("signal.custom_object.object");
  }
}

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
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubSpotConnectionIT extends HubSpotHarnessTest {

  private Http.Res crm(Portal p, String method, String path, Object body) {
    return crm(p).send(method, path, body == null ? null : String.valueOf(body), Map.of());
  }

  @Test
  void oauthInstallSetsUpThePortalOnceAndDeliversCompaniesContactsAndSignals() {
    Portal portal = h.sandbox.createPortal();
    JsonObject conn = h.installByOAuth("t1", portal);
    assertThat(conn.getString("status")).isEqualTo("active");
    assertThat(conn.getString("accountId")).isEqualTo(Long.toString(portal.id()));
    assertThat(conn.getString("lane")).isEqualTo("hubspot:" + portal.id());
    String id = conn.getString("connectionId");

    for (String type : List.of("companies", "contacts", "notes", "tasks")) {
      JsonObject prop =
          crm(portal, "GET", "/crm/v3/properties/" + type + "/queast_id", null).json();
      assertThat(prop.getBoolean("hasUniqueValue")).as(type).isTrue();
      assertThat(prop.getString("groupName")).isEqualTo("queast");
    }
    assertThat(crm(portal, "GET", "/crm/v3/properties/companies/queast_interest", null).status())
        .isEqualTo(200);
    assertThat(h.http().post("/v1/tenants/t1/connections/" + id + "/setup", null).status())
        .isEqualTo(200);
    String subs =
        "/webhooks/v3/"
            + h.sandbox.options().appId()
            + "/subscriptions?hapikey="
            + h.sandbox.options().developerApiKey();
    JsonArray results =
        new Http(h.sandbox.baseUrl(), null).get(subs).json().getJsonArray("results");
    assertThat(results.stream().map(o -> (JsonObject) o))
        .filteredOn(s -> "queast_interest".equals(s.getString("propertyName")))
        .hasSize(1);
    // Everything the CRM index needs, once each although setup ran twice, all active.
    assertThat(results).hasSize(HubSpotSetup.required().size());
    for (HubSpotSetup.Subscription wanted : HubSpotSetup.required()) {
      assertThat(results.stream().map(o -> (JsonObject) o))
          .as(wanted.toString())
          .filteredOn(wanted::matches)
          .singleElement()
          .matches(s -> s.getBoolean("active"));
    }
    assertThat(
            db.count(
                "SELECT jsonb_array_length(config->'webhookSubscription') FROM connections"
                    + " WHERE id = '"
                    + id
                    + "'"))
        .isEqualTo(HubSpotSetup.required().size());

    h.ingest(
        "t1", "companies", List.of(HubSpotHarness.company("c1"), HubSpotHarness.company("c2")));
    h.ingest(
        "t1",
        "people",
        List.of(HubSpotHarness.person("p1", "c1"), HubSpotHarness.person("p2", "c2")));
    h.ingest(
        "t1",
        "signals",
        List.of(HubSpotHarness.signal("s1", "c1", "p1"), HubSpotHarness.signal("s2", "c2", null)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> h.sandbox.count(portal.id(), ObjectType.NOTES) == 2);

    var c1 = h.sandbox.findByProperty(portal.id(), ObjectType.COMPANIES, "queast_id", "c1");
    assertThat(c1).hasSize(1);
    assertThat(c1.get(0).get("domain")).isEqualTo("c1.example");
    assertThat(c1.get(0).get("queast_tags")).isEqualTo("saas;b2b");
    var p1 = h.sandbox.findByProperty(portal.id(), ObjectType.CONTACTS, "queast_id", "p1").get(0);
    var s1 = h.sandbox.findByProperty(portal.id(), ObjectType.NOTES, "queast_id", "s1").get(0);
    assertThat(s1.get("hs_note_body"))
        .contains("<strong>Signal s1</strong>")
        .contains("&lt;happened&gt;");
    JsonObject contact =
        crm(portal, "GET", "/crm/v3/objects/contacts/" + p1.id() + "?associations=companies", null)
            .json();
    assertThat(contact.encode()).contains("\"id\":\"" + c1.get(0).id() + "\"");
    JsonObject note =
        crm(
                portal,
                "GET",
                "/crm/v3/objects/notes/" + s1.id() + "?associations=companies,contacts",
                null)
            .json();
    assertThat(note.getJsonObject("associations").getJsonObject("companies").encode())
        .contains(Long.toString(c1.get(0).id()));
    assertThat(note.getJsonObject("associations").getJsonObject("contacts").encode())
        .contains(Long.toString(p1.id()));

    h.ingest("t1", "companies", List.of(HubSpotHarness.company("c1").put("name", "Renamed")));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "Renamed"
                    .equals(
                        h.sandbox
                            .findByProperty(portal.id(), ObjectType.COMPANIES, "queast_id", "c1")
                            .get(0)
                            .get("name")));
    assertThat(h.sandbox.count(portal.id(), ObjectType.COMPANIES)).isEqualTo(2);
    assertThat(h.sandbox.total429()).isZero();
  }

  @Test
  void privateAppTokenConnectsAtOnceAndBadFieldsAreNamed() {
    Portal portal = h.sandbox.createPortal();
    h.http().put("/v1/tenants/t2", new JsonObject().put("name", "t2"));
    Http.Res bad =
        h.http()
            .post(
                "/v1/tenants/t2/connections",
                new JsonObject()
                    .put("crm", "hubspot")
                    .put("auth", "private_app")
                    .put("accessToken", "pat-na1-wrong")
                    .put("portalId", portal.id()));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("accessToken");
    Http.Res noPortal =
        h.http()
            .post(
                "/v1/tenants/t2/connections",
                new JsonObject()
                    .put("crm", "hubspot")
                    .put("auth", "private_app")
                    .put("accessToken", portal.privateAppToken()));
    // The portal is learned from the token (HubSpot's account-info API), so none is needed.
    Http.Res ok = noPortal;
    assertThat(ok.status()).as(ok.body()).isIn(200, 201);
    assertThat(ok.json().getString("status")).isEqualTo("active");
    assertThat(ok.json().getString("accountId")).isEqualTo(Long.toString(portal.id()));
    h.ingest("t2", "companies", List.of(HubSpotHarness.company("k1")));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> h.sandbox.count(portal.id(), ObjectType.COMPANIES) == 1);
  }

  @Test
  void aPortalIdClaimedWithAnotherAccountsTokenIsRefusedAndThePortalComesFromTheToken() {
    Portal victim = h.sandbox.createPortal();
    Portal attacker = h.sandbox.createPortal();
    h.installByOAuth("victim", victim);
    h.http().put("/v1/tenants/intruder", new JsonObject().put("name", "intruder"));
    JsonObject claim =
        new JsonObject()
            .put("crm", "hubspot")
            .put("auth", "private_app")
            .put("accessToken", attacker.privateAppToken())
            .put("portalId", victim.id());
    Http.Res refused = h.http().post("/v1/tenants/intruder/connections", claim);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("portalId");
    assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("rule"))
        .isEqualTo("mismatch");

    // Without a claim the intruder gets its own portal and its own lane, never the victim's.
    claim.remove("portalId");
    Http.Res own = h.http().post("/v1/tenants/intruder/connections", claim);
    assertThat(own.status()).as(own.body()).isIn(200, 201);
    assertThat(own.json().getString("accountId")).isEqualTo(Long.toString(attacker.id()));
    assertThat(own.json().getString("lane")).isEqualTo("hubspot:" + attacker.id());
    assertThat(
            db.count(
                "SELECT count(*) FROM connections WHERE tenant_id = 'intruder'"
                    + " AND account_id = '"
                    + victim.id()
                    + "'"))
        .isZero();
  }

  @Test
  void aCompanysPhoneReachesTheBuiltInPhonePropertyAndATenantOverrideOfItStillWins() {
    Portal portal = h.sandbox.createPortal();
    String conn = h.installByOAuth("t6", portal).getString("connectionId");
    h.ingest(
        "t6",
        "companies",
        List.of(
            HubSpotHarness.company("f1").put("phone", " +33 4 72 10 20 30 "),
            HubSpotHarness.company("f2")));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> h.sandbox.count(portal.id(), ObjectType.COMPANIES) == 2);
    var f1 = h.sandbox.findByProperty(portal.id(), ObjectType.COMPANIES, "queast_id", "f1").get(0);
    var f2 = h.sandbox.findByProperty(portal.id(), ObjectType.COMPANIES, "queast_id", "f2").get(0);
    assertThat(f1.get("phone")).isEqualTo("+33 4 72 10 20 30");
    // Read back through the API as a HubSpot user would see it.
    assertThat(
            crm(portal, "GET", "/crm/v3/objects/companies/" + f1.id() + "?properties=phone", null)
                .json()
                .getJsonObject("properties")
                .getString("phone"))
        .isEqualTo("+33 4 72 10 20 30");
    // A company without a phone gets no phone property at all (nothing cleared or written).
    assertThat(f2.get("phone")).isNull();
    assertThat(f2.get("domain")).isEqualTo("f2.example");

    Http.Res put =
        h.http()
            .put(
                "/v1/tenants/t6/connections/" + conn + "/mapping",
                new JsonObject()
                    .put(
                        "company",
                        new JsonObject()
                            .put(
                                "properties",
                                new JsonObject()
                                    .put(
                                        "phone",
                                        new JsonObject().put("value", "+1 800 555 0100")))));
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    h.ingest(
        "t6",
        "companies",
        List.of(
            HubSpotHarness.company("f1").put("name", "Renamed").put("phone", "+33 4 72 10 20 30")));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "Renamed"
                    .equals(
                        h.sandbox
                            .findByProperty(portal.id(), ObjectType.COMPANIES, "queast_id", "f1")
                            .get(0)
                            .get("name")));
    assertThat(
            h.sandbox
                .findByProperty(portal.id(), ObjectType.COMPANIES, "queast_id", "f1")
                .get(0)
                .get("phone"))
        .isEqualTo("+1 800 555 0100");
  }

  @Test
  void twoRecordsLinkedToOneCrmRecordInOneBatchAreBothDeliveredNotDeadLettered() {
    Portal portal = h.sandbox.createPortal();
    // Made before the install, so the initial index listing sees it (one made during the listing
    // can be swept as deleted, and then the supplied link is refused).
    Http.Res made =
        new Http(h.sandbox.baseUrl(), null)
            .post(
                "/_sandbox/portals/" + portal.id() + "/companies",
                new JsonObject().put("properties", new JsonObject().put("name", "Shared Target")));
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    String crmId = made.json().getString("id");
    h.installByOAuth("t5", portal);
    // Both name the same HubSpot company (as when a review confirmed both): HubSpot refuses a batch
    // update that names one id twice, so they must go one per request, and neither may die.
    h.ingest(
        "t5",
        "companies",
        List.of(
            HubSpotHarness.company("d1").put("crmIds", new JsonObject().put("hubspot", crmId)),
            HubSpotHarness.company("d2").put("crmIds", new JsonObject().put("hubspot", crmId))));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                db.count(
                        "SELECT count(*) FROM deliveries WHERE tenant_id = 't5' AND crm_id = '"
                            + crmId
                            + "'")
                    == 2);
    assertThat(db.count("SELECT count(*) FROM jobs WHERE tenant_id = 't5' AND state = 'dead'"))
        .isZero();
    assertThat(h.sandbox.count(portal.id(), ObjectType.COMPANIES)).isEqualTo(1);
  }

  @Test
  void aTokenWhosePortalCannotBeProvenIsRefusedNamingTheReason() {
    Portal portal = h.sandbox.createPortal();
    h.http().put("/v1/tenants/t9", new JsonObject().put("name", "t9"));
    Http sandboxAdmin = new Http(h.sandbox.baseUrl(), null);
    sandboxAdmin.put("/_sandbox/faults", new JsonObject().put("rate5xx", 1.0));
    try {
      Http.Res r =
          h.http()
              .post(
                  "/v1/tenants/t9/connections",
                  new JsonObject()
                      .put("crm", "hubspot")
                      .put("auth", "private_app")
                      .put("accessToken", portal.privateAppToken())
                      .put("portalId", portal.id()));
      assertThat(r.status()).as(r.body()).isEqualTo(400);
      assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("rule"))
          .isEqualTo("portal_unproven");
    } finally {
      sandboxAdmin.put("/_sandbox/faults", new JsonObject());
    }
    assertThat(db.count("SELECT count(*) FROM connections WHERE tenant_id = 't9'")).isZero();
  }

  @Test
  void aContactWhoseEmailAlreadyExistsIsLinkedAndADeletedCompanyIsWrittenAgain() {
    Portal portal = h.sandbox.createPortal();
    h.installByOAuth("t3", portal);
    h.ingest(
        "t3", "companies", List.of(HubSpotHarness.company("c1"), HubSpotHarness.company("c5")));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> h.sandbox.count(portal.id(), ObjectType.COMPANIES) == 2);
    Http admin = new Http(h.sandbox.baseUrl(), null);
    // A user made this contact in HubSpot after the index was built: the upsert meets a 409.
    Http.Res made =
        admin.post(
            "/_sandbox/portals/" + portal.id() + "/contacts",
            new JsonObject()
                .put(
                    "properties",
                    new JsonObject().put("email", "p9@people.example").put("firstname", "Pat")));
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    String existing = made.json().getString("id");
    h.ingest("t3", "people", List.of(HubSpotHarness.person("p9", "c1")));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !h.sandbox
                    .findByProperty(portal.id(), ObjectType.CONTACTS, "queast_id", "p9")
                    .isEmpty());
    var contacts =
        h.sandbox.findByProperty(portal.id(), ObjectType.CONTACTS, "email", "p9@people.example");
    assertThat(contacts).hasSize(1);
    assertThat(Long.toString(contacts.get(0).id())).isEqualTo(existing);
    assertThat(contacts.get(0).get("queast_id")).isEqualTo("p9");

    long c5 =
        h.sandbox.findByProperty(portal.id(), ObjectType.COMPANIES, "queast_id", "c5").get(0).id();
    assertThat(
            admin
                .send(
                    "DELETE",
                    "/_sandbox/portals/" + portal.id() + "/companies/" + c5,
                    null,
                    Map.of())
                .status())
        .isEqualTo(204);
    h.ingest("t3", "companies", List.of(HubSpotHarness.company("c5").put("city", "Nantes")));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                h.sandbox
                        .findByProperty(portal.id(), ObjectType.COMPANIES, "queast_id", "c5")
                        .size()
                    == 1);
    assertThat(
            h.sandbox
                .findByProperty(portal.id(), ObjectType.COMPANIES, "queast_id", "c5")
                .get(0)
                .get("city"))
        .isEqualTo("Nantes");
  }

  @Test
  void aCompanyWaitingForReviewIsDeliveredAsSoonAsItIsConfirmed() {
    Portal portal = h.sandbox.createPortal();
    JsonObject existing =
        crm(
                portal,
                "POST",
                "/crm/v3/objects/companies",
                new JsonObject()
                    .put("properties", new JsonObject().put("name", "Stark Industries")))
            .json();
    h.http().put("/v1/tenants/t1", new JsonObject().put("name", "t1"));
    h.ingest(
        "t1", "companies", List.of(new JsonObject().put("id", "c1").put("name", "Stark Ind.")));
    h.installByOAuth("t1", portal);
    // Matched once the index is built: a name containment is only a review item, and the company
    // waits (snoozed for minutes).
    JsonObject review =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () -> h.http().get("/v1/tenants/t1/matches?state=needs_review").json(),
                j -> !j.getJsonArray("items").isEmpty())
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(review.getString("crmId")).isEqualTo(existing.getString("id"));
    assertThat(h.sandbox.count(portal.id(), ObjectType.COMPANIES)).isEqualTo(1);

    assertThat(
            h.http()
                .post("/v1/tenants/t1/matches/" + review.getLong("id") + "/confirm", null)
                .status())
        .isEqualTo(200);
    // Delivered to the confirmed record within seconds, not after the review wait.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                "c1"
                    .equals(
                        crm(
                                portal,
                                "GET",
                                "/crm/v3/objects/companies/"
                                    + existing.getString("id")
                                    + "?properties=queast_id",
                                null)
                            .json()
                            .getJsonObject("properties")
                            .getString("queast_id")));
    assertThat(h.sandbox.count(portal.id(), ObjectType.COMPANIES)).isEqualTo(1);
  }
}

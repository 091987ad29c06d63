package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.sandbox.hubspot.CrmObject;
import com.queast.gateway.sandbox.hubspot.ObjectType;
import com.queast.gateway.sandbox.hubspot.Portal;
import com.queast.gateway.support.Http;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 against the HubSpot sandbox: DELETE of a record applies the connection's delete policy
 * (unlink by default, clear, archive), a later write brings the record back, and deleting a company
 * leaves its people alone.
 */
class HubSpotDeletionIT extends HubSpotHarnessTest {

  private String crmId(String recordId) {
    return db.string("SELECT crm_id FROM deliveries WHERE record_id = '" + recordId + "'");
  }

  private void awaitDelivered(String recordId) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                db.count(
                        "SELECT count(*) FROM deliveries WHERE crm_id IS NOT NULL AND record_id = '"
                            + recordId
                            + "'")
                    == 1);
  }

  private void awaitForgotten(String recordId) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                db.count(
                        "SELECT count(*) FROM deliveries WHERE crm_id IS NULL"
                            + " AND delivered_hash = 'deleted' AND record_id = '"
                            + recordId
                            + "'")
                    == 1);
  }

  private CrmObject object(Portal p, ObjectType type, String id) {
    return p.find(type, Long.parseLong(id)).orElse(null);
  }

  private Http.Res delete(String path) {
    return h.http().send("DELETE", path, null, Map.of());
  }

  private void mapping(String connection, JsonObject patch) {
    Http.Res r = h.http().put("/v1/tenants/t1/connections/" + connection + "/mapping", patch);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @Test
  void eachPolicyReachesHubSpotAndALaterWriteBringsTheRecordBack() {
    Portal portal = h.sandbox.createPortal();
    String conn = h.installByOAuth("t1", portal).getString("connectionId");
    h.ingest(
        "t1",
        "companies",
        List.of(
            HubSpotHarness.company("c1"),
            HubSpotHarness.company("c2"),
            HubSpotHarness.company("c3")));
    h.ingest("t1", "people", List.of(HubSpotHarness.person("p1", "c1")));
    h.ingest("t1", "signals", List.of(HubSpotHarness.signal("s1", "c3", null)));
    for (String id : List.of("c1", "c2", "c3", "p1", "s1")) {
      awaitDelivered(id);
    }
    String c1 = crmId("c1");
    String c2 = crmId("c2");
    String c3 = crmId("c3");
    String p1 = crmId("p1");
    String s1 = crmId("s1");
    String noteType = db.string("SELECT crm_object_type FROM deliveries WHERE record_id = 's1'");

    // unlink (the default): 202, idempotent, the CRM record stays untouched, the link is gone.
    Http.Res first = delete("/v1/tenants/t1/companies/c1");
    assertThat(first.status()).as(first.body()).isEqualTo(202);
    assertThat(first.json().getString("status")).isEqualTo("deleted");
    Http.Res again = delete("/v1/tenants/t1/companies/c1");
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json().getString("status")).isEqualTo("already_deleted");
    assertThat(again.json().getInteger("jobsEnqueued")).isZero();
    assertThat(delete("/v1/tenants/t1/companies/nope").status()).isEqualTo(404);
    assertThat(h.http().get("/v1/tenants/t1/companies/c1").status()).isEqualTo(404);
    awaitForgotten("c1");
    CrmObject kept = object(portal, ObjectType.COMPANIES, c1);
    assertThat(kept.archived()).isFalse();
    assertThat(kept.get("name")).isNotBlank();

    // A policy that does not exist is refused, naming it.
    Http.Res bad =
        h.http()
            .put(
                "/v1/tenants/t1/connections/" + conn + "/mapping",
                new JsonObject().put("company", new JsonObject().put("onDelete", "shred")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("company.onDelete").contains("shred");

    // clear: the properties the gateway wrote are emptied, the record and its queast_id stay.
    mapping(conn, new JsonObject().put("company", new JsonObject().put("onDelete", "clear")));
    assertThat(delete("/v1/tenants/t1/companies/c2").status()).isEqualTo(202);
    awaitForgotten("c2");
    CrmObject cleared = object(portal, ObjectType.COMPANIES, c2);
    assertThat(cleared.archived()).isFalse();
    assertThat(cleared.get("name")).isNullOrEmpty();
    assertThat(cleared.get("city")).isNullOrEmpty();
    assertThat(cleared.get("queast_id")).isEqualTo("c2");

    // archive: the company and the Signal's note are archived.
    mapping(
        conn,
        new JsonObject()
            .put("company", new JsonObject().put("onDelete", "archive"))
            .put("signal", new JsonObject().put("onDelete", "archive")));
    assertThat(delete("/v1/tenants/t1/companies/c3").status()).isEqualTo(202);
    assertThat(delete("/v1/tenants/t1/signals/s1").status()).isEqualTo(202);
    awaitForgotten("c3");
    awaitForgotten("s1");
    assertThat(object(portal, ObjectType.COMPANIES, c3).archived()).isTrue();
    assertThat(object(portal, ObjectType.require(noteType), s1).archived()).isTrue();

    // Deleting a company left its person alone.
    assertThat(crmId("p1")).isEqualTo(p1);
    assertThat(object(portal, ObjectType.CONTACTS, p1).archived()).isFalse();

    // The deletions are in the delivery log.
    JsonObject log = h.http().get("/v1/tenants/t1/deliveries?recordId=c3").json();
    assertThat(log.encode()).contains("archived");

    // A later write brings c1 back as a new version: delivered again.
    h.ingest("t1", "companies", List.of(HubSpotHarness.company("c1").put("city", "Nantes")));
    awaitDelivered("c1");
    assertThat(h.http().get("/v1/tenants/t1/companies/c1").status()).isEqualTo(200);
  }

  @Test
  void aSignalOfADeletedCompanyIsCancelledAndAPersonOfItIsWrittenWithoutTheAssociation() {
    Portal portal = h.sandbox.createPortal();
    h.installByOAuth("t1", portal);
    h.ingest("t1", "companies", List.of(HubSpotHarness.company("c7")));
    awaitDelivered("c7");
    assertThat(delete("/v1/tenants/t1/companies/c7").status()).isEqualTo(202);
    awaitForgotten("c7");
    h.ingest("t1", "signals", List.of(HubSpotHarness.signal("s7", "c7", null)));
    h.ingest("t1", "people", List.of(HubSpotHarness.person("p7", "c7")));
    awaitDelivered("p7");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                db.count("SELECT count(*) FROM jobs WHERE record_id = 's7' AND state = 'cancelled'")
                    == 1);
    assertThat(
            db.string(
                "SELECT outcome || ' ' || vendor_code || ' ' || vendor_message FROM delivery_log"
                    + " WHERE record_id = 's7' ORDER BY id DESC LIMIT 1"))
        .isEqualTo(
            "cancelled company_deleted its company c7 was deleted in Queast;"
                + " it is not written without it");
    assertThat(db.count("SELECT count(*) FROM deliveries WHERE record_id = 's7'")).isZero();
    assertThat(db.count("SELECT count(*) FROM jobs WHERE state IN ('available', 'retryable')"))
        .isZero();
    // The person is in HubSpot, associated with no company.
    CrmObject p7 = object(portal, ObjectType.CONTACTS, crmId("p7"));
    assertThat(p7.archived()).isFalse();
    JsonObject contact =
        crm(portal)
            .send(
                "GET",
                "/crm/v3/objects/contacts/" + p7.id() + "?associations=companies",
                null,
                Map.of())
            .json();
    assertThat(contact.getString("id")).isEqualTo(crmId("p7"));
    assertThat(contact.getJsonObject("associations")).isNull();
  }
}

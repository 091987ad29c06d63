package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.sandbox.hubspot.ObjectType;
import com.queast.gateway.sandbox.hubspot.Portal;
import com.queast.gateway.support.Http;
import com.queast.gateway.support.PersonalDataScan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: erasing a person GDPR-deletes the contact in HubSpot and leaves no trace of the
 * person's data in any table of the gateway's database (pg_dump and a scan of every text column),
 * also for a webhook about the contact that arrives after the erasure; later writes of the id are
 * refused until re-allowed.
 */
class HubSpotErasureIT extends HubSpotHarnessTest {

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

  private void inboundEvent(String conn, String crmId, String key, String email) {
    db.exec(
        "INSERT INTO inbound_events (tenant_id, connection_id, crm, event_key, object_kind, crm_id,"
            + " action, property_name, property_value, occurred_at, payload, received_at) VALUES"
            + " ('t1', '"
            + conn
            + "', 'hubspot', '"
            + key
            + "', 'person', '"
            + crmId
            + "', 'change', 'email', '"
            + email
            + "', now(), '{\"propertyValue\": \""
            + email
            + "\"}', now())");
  }

  @Test
  void anErasedPersonIsGoneFromHubSpotAndFromEveryTable() {
    Portal portal = h.sandbox.createPortal();
    String conn = h.installByOAuth("t1", portal).getString("connectionId");
    JsonObject person = HubSpotHarness.person("p1", "c1");
    String email = person.getString("email");
    String lastName = person.getString("lastName");
    h.ingest("t1", "companies", List.of(HubSpotHarness.company("c1")));
    h.ingest("t1", "people", List.of(person, HubSpotHarness.person("p2", "c1")));
    h.ingest("t1", "signals", List.of(HubSpotHarness.signal("s1", "c1", "p1")));
    for (String id : List.of("c1", "p1", "p2", "s1")) {
      awaitDelivered(id);
    }
    String contact = db.string("SELECT crm_id FROM deliveries WHERE record_id = 'p1'");
    inboundEvent(conn, contact, "before-erasure", email);
    // The scan finds the data while it is there: in the columns, and in pg_dump's output.
    List<String> before = PersonalDataScan.find(db, email);
    assertThat(before).anyMatch(hit -> hit.startsWith("deliveries."));
    if (PersonalDataScan.dumpAvailable()) {
      assertThat(before).anyMatch(hit -> hit.startsWith("dump:"));
    }

    Http.Res erased = h.http().post("/v1/tenants/t1/people/p1:erase", null);
    assertThat(erased.status()).as(erased.body()).isEqualTo(202);
    String erasure = erased.json().getString("id");
    assertThat(erased.json().getBoolean("created")).isTrue();
    Http.Res again = h.http().post("/v1/tenants/t1/people/p1:erase", null);
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json().getString("id")).isEqualTo(erasure);
    assertThat(again.json().getBoolean("created")).isFalse();
    assertThat(h.http().post("/v1/tenants/t1/people/nobody:erase", null).status()).isEqualTo(404);
    assertThat(
            h.http().get("/v1/tenants/t1/erasures/00000000-0000-0000-0000-000000000000").status())
        .isEqualTo(404);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "done"
                    .equals(
                        h.http()
                            .get("/v1/tenants/t1/erasures/" + erasure)
                            .json()
                            .getString("state")));
    JsonObject state = h.http().get("/v1/tenants/t1/erasures/" + erasure).json();
    JsonArray conns = state.getJsonArray("connections");
    assertThat(conns).hasSize(1);
    assertThat(conns.getJsonObject(0).getString("state")).isEqualTo("erased");
    assertThat(conns.getJsonObject(0).getString("crmId")).isEqualTo(contact);
    assertThat(portal.find(ObjectType.CONTACTS, Long.parseLong(contact))).isEmpty();
    // The other person and the company are untouched.
    String other = db.string("SELECT crm_id FROM deliveries WHERE record_id = 'p2'");
    assertThat(portal.find(ObjectType.CONTACTS, Long.parseLong(other))).isPresent();

    // A webhook about the contact that arrives late keeps the event, not the data; so does a
    // delivery of the person that was in flight and failed after the erasure.
    inboundEvent(conn, contact, "after-erasure", email);
    db.exec(
        "INSERT INTO jobs (tenant_id, connection_id, lane, kind, record_type, record_id, state,"
            + " max_attempts, last_error) VALUES ('t1', '"
            + conn
            + "', 'hubspot:"
            + portal.id()
            + "', 'deliver', 'person', 'p1', 'dead', 12,"
            + " '{\"code\": \"rejected\", \"message\": \"Email "
            + email
            + " is invalid\"}')");
    assertThat(
            db.string("SELECT last_error->>'code' FROM jobs WHERE last_error->>'erased' = 'true'"))
        .isEqualTo("rejected");
    assertThat(PersonalDataScan.find(db, email)).isEmpty();
    assertThat(PersonalDataScan.find(db, lastName)).isEmpty();
    // What stays: that it happened, when, for which connection; the erase job in the delivery log.
    assertThat(db.count("SELECT count(*) FROM erasures WHERE record_id = 'p1'")).isEqualTo(1);
    assertThat(h.http().get("/v1/tenants/t1/deliveries?recordId=p1").body()).contains("erased");

    // Later writes of the id are refused, alone or in a batch (the rest of the batch is kept).
    Http.Res refused = h.http().put("/v1/tenants/t1/people/p1", person);
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.header("content-type")).startsWith("application/problem+json");
    assertThat(refused.body()).contains("erased");
    Http.Res batch =
        h.http()
            .post(
                "/v1/tenants/t1/people:batch",
                new JsonObject()
                    .put(
                        "items",
                        new JsonArray().add(person).add(HubSpotHarness.person("p3", "c1"))));
    assertThat(batch.status()).isEqualTo(400);
    assertThat(batch.body()).contains("items[0].id").contains("erased");
    assertThat(db.count("SELECT count(*) FROM records WHERE record_id = 'p3'")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM records WHERE record_id = 'p1'")).isZero();

    // Re-allowed explicitly, the id may be written again.
    Http.Res allowed = h.http().post("/v1/tenants/t1/people/p1:allow", null);
    assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
    assertThat(allowed.json().getString("reallowedAt")).isNotNull();
    assertThat(h.http().put("/v1/tenants/t1/people/p1", person).status()).isEqualTo(202);
    assertThat(h.http().post("/v1/tenants/t1/people/p1:allow", null).status()).isEqualTo(404);
  }
}

package com.queast.gateway.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.sandbox.pipedrive.CompanyCredentials;
import com.queast.gateway.sandbox.pipedrive.Plan;
import com.queast.gateway.support.Http;
import com.queast.gateway.support.PersonalDataScan;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 16 against the Pipedrive sandbox: each delete policy (unlink, clear, archive for
 * organizations; archive of a Signal's note and activity) and the erasure of a person, after which
 * no table holds the person's data.
 */
@ExtendWith(PostgresExtension.class)
class PipedriveRemovalIT {

  private PipedriveFixture fx;
  private TestDatabase db;

  @BeforeEach
  void start(TestDatabase database) {
    db = database;
    fx = new PipedriveFixture(db, Map.of());
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private Http.Res delete(String path) {
    return fx.gw.http().send("DELETE", path, null, Map.of());
  }

  private String crmId(String recordId) {
    return db.string("SELECT crm_id FROM deliveries WHERE record_id = '" + recordId + "'");
  }

  private void awaitForgotten(String recordId) {
    try {
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
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(fx.diagnostics() + " / " + fx.logSummary(), e);
    }
  }

  private JsonObject record(CompanyCredentials c, String entity, String id) {
    return fx.sandbox.records(c.companyId(), entity).stream()
        .filter(r -> String.valueOf(r.getValue("id")).equals(id))
        .findFirst()
        .orElseThrow();
  }

  private void mapping(String conn, JsonObject patch) {
    Http.Res r = fx.gw.http().put("/v1/tenants/t1/connections/" + conn + "/mapping", patch);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @Test
  void everyPolicyAndAnErasureReachPipedrive() {
    CompanyCredentials company = fx.company(Plan.PREMIUM, 1);
    fx.tenant("t1");
    String conn = fx.connectWithApiToken("t1", company).getString("connectionId");
    fx.ingest("t1", "companies", 3, PipedriveFixture::company);
    fx.ingest("t1", "people", 2, PipedriveFixture.person(3));
    fx.ingest("t1", "signals", 1, PipedriveFixture.signal(3, 2));
    fx.awaitDelivered(conn, 6, Duration.ofSeconds(60));
    JsonObject activitySignals = new JsonObject().put("as", "activity").put("onDelete", "archive");
    mapping(conn, new JsonObject().put("signal", activitySignals));
    fx.ingest("t1", "signals", 2, PipedriveFixture.signal(3, 2));
    fx.awaitDelivered(conn, 7, Duration.ofSeconds(60));
    // The mapping change's own work (a backfill of the connection) settles before the ids are read.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                db.count(
                        "SELECT count(*) FROM jobs WHERE state IN ('available','running','retryable')")
                    == 0);
    String c0 = crmId("c0");
    String c1 = crmId("c1");
    String c2 = crmId("c2");
    String p0 = crmId("p0");
    String p1 = crmId("p1");
    String note = crmId("s0");
    String activity = crmId("s1");

    // unlink (default for companies): the organization stays.
    assertThat(delete("/v1/tenants/t1/companies/c0").status()).isEqualTo(202);
    awaitForgotten("c0");
    assertThat(record(company, "organization", c0).getBoolean("is_deleted")).isFalse();

    // archive of Signals: the note and the activity are deleted.
    assertThat(delete("/v1/tenants/t1/signals/s0").status()).isEqualTo(202);
    assertThat(delete("/v1/tenants/t1/signals/s1").status()).isEqualTo(202);
    awaitForgotten("s0");
    awaitForgotten("s1");
    assertThat(record(company, "note", note).getBoolean("active_flag")).isFalse();
    assertThat(record(company, "activity", activity).getBoolean("is_deleted")).isTrue();

    // clear: the organization stays with its name and queast_id; what the gateway wrote is emptied.
    mapping(
        conn,
        new JsonObject()
            .put("signal", activitySignals)
            .put("company", new JsonObject().put("onDelete", "clear")));
    assertThat(delete("/v1/tenants/t1/companies/c1").status()).isEqualTo(202);
    awaitForgotten("c1");
    JsonObject cleared = record(company, "organization", c1);
    assertThat(cleared.getBoolean("is_deleted")).isFalse();
    assertThat(cleared.getString("name")).isEqualTo("Company 1");
    assertThat(cleared.encode()).doesNotContain("c1.example").doesNotContain("Berlin");
    assertThat(cleared.encode()).contains("\"c1\"");

    // archive of companies: the organization is deleted (recoverable at the vendor for 30 days).
    mapping(
        conn,
        new JsonObject()
            .put("signal", activitySignals)
            .put("company", new JsonObject().put("onDelete", "archive")));
    assertThat(delete("/v1/tenants/t1/companies/c2").status()).isEqualTo(202);
    awaitForgotten("c2");
    assertThat(record(company, "organization", c2).getBoolean("is_deleted")).isTrue();

    // Erasure: the person is deleted in Pipedrive, the other one stays, and no table keeps p0's
    // data.
    JsonObject person = PipedriveFixture.person(3).apply(0);
    Http.Res erased = fx.gw.http().post("/v1/tenants/t1/people/p0:erase", null);
    assertThat(erased.status()).as(erased.body()).isEqualTo(202);
    String erasure = erased.json().getString("id");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "done"
                    .equals(
                        fx.gw
                            .http()
                            .get("/v1/tenants/t1/erasures/" + erasure)
                            .json()
                            .getString("state")));
    JsonObject state = fx.gw.http().get("/v1/tenants/t1/erasures/" + erasure).json();
    assertThat(state.getJsonArray("connections").getJsonObject(0).getString("state"))
        .isEqualTo("erased");
    assertThat(record(company, "person", p0).getBoolean("is_deleted")).isTrue();
    assertThat(record(company, "person", p1).getBoolean("is_deleted")).isFalse();
    for (String value :
        new String[] {
          person.getString("email"), person.getString("phone"), person.getString("lastName")
        }) {
      assertThat(PersonalDataScan.find(db, value)).as(value).isEmpty();
    }
    assertThat(fx.gw.http().put("/v1/tenants/t1/people/p0", person).status()).isEqualTo(409);
  }

  @Test
  void aSignalOfADeletedCompanyIsCancelledInsteadOfWaitingForever() {
    CompanyCredentials company = fx.company(Plan.PREMIUM, 1);
    fx.tenant("t1");
    String conn = fx.connectWithApiToken("t1", company).getString("connectionId");
    fx.ingest("t1", "companies", 1, PipedriveFixture::company);
    fx.awaitDelivered(conn, 1, Duration.ofSeconds(60));
    assertThat(delete("/v1/tenants/t1/companies/c0").status()).isEqualTo(202);
    awaitForgotten("c0");
    fx.ingest(
        "t1",
        "signals",
        1,
        i ->
            new JsonObject()
                .put("id", "s9")
                .put("companyId", "c0")
                .put("type", "hiring")
                .put("title", "Signal 9")
                .put("occurredAt", "2026-11-01T10:00:00Z"));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                db.count("SELECT count(*) FROM jobs WHERE record_id = 's9' AND state = 'cancelled'")
                    == 1);
    assertThat(
            db.string(
                "SELECT outcome || ' ' || vendor_code || ' ' || vendor_message FROM delivery_log"
                    + " WHERE record_id = 's9' ORDER BY id DESC LIMIT 1"))
        .isEqualTo(
            "cancelled company_deleted its company c0 was deleted in Queast;"
                + " it is not written without it");
    assertThat(db.count("SELECT count(*) FROM deliveries WHERE record_id = 's9'")).isZero();
    assertThat(fx.sandbox.records(company.companyId(), "note")).isEmpty();
    assertThat(fx.sandbox.records(company.companyId(), "activity")).isEmpty();
  }
}

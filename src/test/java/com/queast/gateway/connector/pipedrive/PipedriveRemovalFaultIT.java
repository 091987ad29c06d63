package com.queast.gateway.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.sandbox.common.FaultPlan;
import com.queast.gateway.sandbox.pipedrive.CompanyCredentials;
import com.queast.gateway.sandbox.pipedrive.Plan;
import com.queast.gateway.support.Http;
import com.queast.gateway.support.PersonalDataScan;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 16 against Pipedrive under 20 % injected faults (2 % 429, 6 % each of 5xx, reset and
 * committed-then-dropped answers): deletions (archive) and erasures end exactly once, nothing is
 * created twice, no job dies, and no erased person's email is left in the database.
 */
@ExtendWith(PostgresExtension.class)
class PipedriveRemovalFaultIT {

  private static final int COMPANIES = 40;
  private static final int PEOPLE = 40;

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

  private long pending() {
    return db.count("SELECT count(*) FROM jobs WHERE state IN ('available','running','retryable')");
  }

  private Set<String> deleted(CompanyCredentials c, String entity, boolean deleted) {
    Set<String> out = new TreeSet<>();
    for (JsonObject r : fx.sandbox.records(c.companyId(), entity)) {
      if (r.getBoolean("is_deleted", false) == deleted) {
        out.add(String.valueOf(r.getValue("id")));
      }
    }
    return out;
  }

  @Test
  void deletionsAndErasuresEndExactlyOnceUnderTwentyPercentFaults() {
    CompanyCredentials company = fx.company(Plan.PREMIUM, 1);
    fx.tenant("t1");
    String conn = fx.connectWithApiToken("t1", company).getString("connectionId");
    Http.Res m =
        fx.gw
            .http()
            .put(
                "/v1/tenants/t1/connections/" + conn + "/mapping",
                new JsonObject()
                    .put("company", new JsonObject().put("onDelete", "archive"))
                    .put("person", new JsonObject().put("onDelete", "archive")));
    assertThat(m.status()).as(m.body()).isEqualTo(200);
    fx.ingest("t1", "companies", COMPANIES, PipedriveFixture::company);
    fx.ingest("t1", "people", PEOPLE, PipedriveFixture.person(COMPANIES));
    fx.awaitDelivered(conn, COMPANIES + PEOPLE, Duration.ofSeconds(90));
    Map<String, String> crm = new HashMap<>();
    for (int i = 0; i < COMPANIES; i++) {
      crm.put("c" + i, db.string("SELECT crm_id FROM deliveries WHERE record_id = 'c" + i + "'"));
    }
    for (int i = 0; i < PEOPLE; i++) {
      crm.put("p" + i, db.string("SELECT crm_id FROM deliveries WHERE record_id = 'p" + i + "'"));
    }

    java.time.Instant faultsFrom = java.time.Instant.now();
    fx.sandbox.faults().set(new FaultPlan(0.02, 0.06, 0.06, 0.06, 0, 0, 42));
    Set<String> deletedOrgs = new TreeSet<>();
    Set<String> deletedPersons = new TreeSet<>();
    for (int i = 0; i < 10; i++) {
      assertThat(
              fx.gw
                  .http()
                  .send("DELETE", "/v1/tenants/t1/companies/c" + i, null, Map.of())
                  .status())
          .isEqualTo(202);
      deletedOrgs.add(crm.get("c" + i));
    }
    for (int i = 0; i < 5; i++) {
      assertThat(
              fx.gw.http().send("DELETE", "/v1/tenants/t1/people/p" + i, null, Map.of()).status())
          .isEqualTo(202);
      deletedPersons.add(crm.get("p" + i));
    }
    List<String> erasures = new java.util.ArrayList<>();
    for (int i = 10; i < 30; i++) {
      Http.Res r = fx.gw.http().post("/v1/tenants/t1/people/p" + i + ":erase", null);
      assertThat(r.status()).as(r.body()).isEqualTo(202);
      erasures.add(r.json().getString("id"));
      deletedPersons.add(crm.get("p" + i));
    }
    try {
      await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> pending() == 0);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(fx.diagnostics() + " / " + fx.logSummary(), e);
    }
    fx.sandbox.faults().set(FaultPlan.NONE);
    List<JsonObject> window =
        fx.sandbox.requestLog().toJson(1000).stream()
            .map(o -> (JsonObject) o)
            .filter(e -> !java.time.Instant.parse(e.getString("at")).isBefore(faultsFrom))
            .toList();
    long faulted =
        window.stream()
            .filter(e -> e.getInteger("status") == 0 || e.getInteger("status") >= 429)
            .count();
    System.out.println(
        "pipedrive removal faults: " + faulted + " of " + window.size() + " requests failed");
    assertThat(faulted).isGreaterThanOrEqualTo(8);
    assertThat(db.count("SELECT count(*) FROM jobs WHERE state = 'dead'"))
        .as(fx.logSummary())
        .isZero();

    assertThat(deleted(company, "organization", true)).isEqualTo(deletedOrgs);
    assertThat(fx.sandbox.records(company.companyId(), "organization")).hasSize(COMPANIES);
    assertThat(deleted(company, "person", true)).isEqualTo(deletedPersons);
    assertThat(fx.sandbox.records(company.companyId(), "person")).hasSize(PEOPLE);
    for (String e : erasures) {
      JsonObject state = fx.gw.http().get("/v1/tenants/t1/erasures/" + e).json();
      assertThat(state.getString("state")).as(state.encode()).isEqualTo("done");
    }
    assertThat(
            db.count(
                "SELECT count(*) FROM (SELECT job_id FROM delivery_log WHERE kind = 'erase'"
                    + " AND outcome = 'completed' GROUP BY job_id HAVING count(*) <> 1) x"))
        .isZero();
    for (int i = 10; i < 30; i++) {
      String email = PipedriveFixture.person(COMPANIES).apply(i).getString("email");
      assertThat(PersonalDataScan.find(db, email)).as(email).isEmpty();
    }
    System.out.println(
        "pipedrive removal faults: log "
            + fx.logSummary()
            + " 429s "
            + fx.sandbox.rateLimitedCount());
  }
}

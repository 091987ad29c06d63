package com.queast.gateway.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.sandbox.pipedrive.CompanyCredentials;
import com.queast.gateway.sandbox.pipedrive.Plan;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A changed Signal that is already in Pipedrive updates its note ({@code PUT /v1/notes/{id}}) or
 * activity ({@code PATCH /api/v2/activities/{id}}) in place: same id, new content, no second
 * record.
 */
@ExtendWith(PostgresExtension.class)
class PipedriveSignalUpdateIT {

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
  void aChangedSignalUpdatesItsNoteInPlace() throws Exception {
    CompanyCredentials company = fx.company(Plan.PREMIUM, 1);
    String id = deliverOneOfEach("t1", company);
    List<JsonObject> before = fx.sandbox.records(company.companyId(), "note");
    assertThat(before).hasSize(1);
    changeSignal("t1");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                fx.sandbox
                    .records(company.companyId(), "note")
                    .get(0)
                    .getString("content")
                    .contains("Signal 0, revised"));
    List<JsonObject> after = fx.sandbox.records(company.companyId(), "note");
    assertThat(after).hasSize(1);
    assertThat(after.get(0).getLong("id")).isEqualTo(before.get(0).getLong("id"));
    assertThat(after.get(0).getString("content")).contains(Payloads.marker("s0"));
    assertThat(fx.delivered(id)).isEqualTo(3);
  }

  @Test
  void aChangedSignalDeliveredAsAnActivityUpdatesTheActivityInPlace() throws Exception {
    CompanyCredentials company = fx.company(Plan.PREMIUM, 1);
    fx.tenant("t1");
    String id = fx.connectWithApiToken("t1", company).getString("connectionId");
    var mapping =
        fx.gw
            .http()
            .put(
                "/v1/tenants/t1/connections/" + id + "/mapping",
                new JsonObject().put("signal", new JsonObject().put("as", "activity")));
    assertThat(mapping.status()).as(mapping.body()).isEqualTo(200);
    ingestOneOfEach("t1");
    fx.awaitDelivered(id, 3, Duration.ofSeconds(60));
    List<JsonObject> before = fx.sandbox.records(company.companyId(), "activity");
    assertThat(before).hasSize(1);
    assertThat(fx.sandbox.records(company.companyId(), "note")).isEmpty();
    changeSignal("t1");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "Signal 0, revised"
                    .equals(
                        fx.sandbox
                            .records(company.companyId(), "activity")
                            .get(0)
                            .getString("subject")));
    List<JsonObject> after = fx.sandbox.records(company.companyId(), "activity");
    assertThat(after).hasSize(1);
    assertThat(after.get(0).getLong("id")).isEqualTo(before.get(0).getLong("id"));
    assertThat(after.get(0).getString("note")).contains(Payloads.marker("s0"));
  }

  private String deliverOneOfEach(String tenant, CompanyCredentials company) {
    fx.tenant(tenant);
    String id = fx.connectWithApiToken(tenant, company).getString("connectionId");
    ingestOneOfEach(tenant);
    fx.awaitDelivered(id, 3, Duration.ofSeconds(60));
    return id;
  }

  private void ingestOneOfEach(String tenant) {
    fx.ingest(tenant, "companies", 1, PipedriveFixture::company);
    fx.ingest(tenant, "people", 1, PipedriveFixture.person(1));
    fx.ingest(tenant, "signals", 1, PipedriveFixture.signal(1, 1));
  }

  private void changeSignal(String tenant) {
    JsonObject changed = PipedriveFixture.signal(1, 1).apply(0).put("title", "Signal 0, revised");
    var r =
        fx.gw
            .http()
            .post(
                "/v1/tenants/" + tenant + "/signals:batch",
                new JsonObject().put("items", new JsonArray().add(changed)));
    assertThat(r.status()).as(r.body()).isEqualTo(202);
  }
}

package com.queast.gateway.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.sandbox.pipedrive.CompanyCredentials;
import com.queast.gateway.sandbox.pipedrive.Plan;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connecting Pipedrive through the gateway's API: OAuth install and API tokens, with setup. */
@ExtendWith(PostgresExtension.class)
class PipedriveConnectIT {

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
  void oauthInstallConnectsSetsUpFieldsAndWebhookAndDelivers() throws Exception {
    CompanyCredentials company = fx.company(Plan.PREMIUM, 1);
    fx.tenant("t1");
    JsonObject conn = fx.connectWithOAuth("t1", company);
    assertThat(conn.getString("status")).isEqualTo("active");
    assertThat(conn.getString("accountId")).isEqualTo(String.valueOf(company.companyId()));
    assertThat(conn.getString("lane")).isEqualTo("pipedrive:" + company.companyId());
    JsonObject summary = fx.sandbox.companySummary(company.companyId());
    assertThat(summary.getJsonObject("counts").getLong("webhooks")).isEqualTo(1);
    JsonObject hook = fx.adminItems(company.companyId(), "webhooks").get(0);
    assertThat(hook.getString("version")).isEqualTo("2.0");
    assertThat(hook.getString("event_object")).isEqualTo("organization");
    assertThat(hook.getString("http_auth_user")).startsWith("queast-");

    // Setup again: idempotent (no second webhook, no second field).
    String id = conn.getString("connectionId");
    var again = fx.gw.http().post("/v1/tenants/t1/connections/" + id + "/setup", new JsonObject());
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(
            fx.sandbox
                .companySummary(company.companyId())
                .getJsonObject("counts")
                .getLong("webhooks"))
        .isEqualTo(1);
    long queastIdFields =
        fx.adminItems(company.companyId(), "organizationFields").stream()
            .filter(f -> "queast_id".equals(f.getString("field_name")))
            .count();
    assertThat(queastIdFields).isEqualTo(1);

    fx.ingest("t1", "companies", 5, PipedriveFixture::company);
    fx.ingest("t1", "people", 5, PipedriveFixture.person(5));
    fx.ingest("t1", "signals", 5, PipedriveFixture.signal(5, 5));
    await().atMost(Duration.ofSeconds(30)).until(() -> fx.delivered(id) == 15);
    assertThat(fx.sandbox.records(company.companyId(), "note")).hasSize(5);
  }

  @Test
  void apiTokenConnectsAndBadTokensAreNamed() {
    CompanyCredentials company = fx.company(Plan.PREMIUM, 1);
    fx.tenant("t1");
    JsonObject conn = fx.connectWithApiToken("t1", company);
    assertThat(conn.getString("status")).isEqualTo("active");
    assertThat(conn.getString("accountId")).isEqualTo(String.valueOf(company.companyId()));

    var bad =
        fx.gw
            .http()
            .post(
                "/v1/tenants/t1/connections",
                new JsonObject()
                    .put("crm", "pipedrive")
                    .put("auth", "api_token")
                    .put("apiToken", "wrong")
                    .put("apiDomain", company.apiDomain()));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("apiToken");
    var missing =
        fx.gw
            .http()
            .post(
                "/v1/tenants/t1/connections",
                new JsonObject().put("crm", "pipedrive").put("auth", "api_token"));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("apiToken").contains("apiDomain");
    // The token is never sent anywhere but a Pipedrive API base URL (pipedrive.apiDomainPattern):
    // no connection request can aim the gateway at an internal address.
    for (String target :
        new String[] {
          "http://169.254.169.254", "http://127.0.0.1:5432", "https://evil.example/x.pipedrive.com"
        }) {
      var ssrf =
          fx.gw
              .http()
              .post(
                  "/v1/tenants/t1/connections",
                  new JsonObject()
                      .put("crm", "pipedrive")
                      .put("auth", "api_token")
                      .put("apiToken", company.apiToken())
                      .put("apiDomain", target));
      assertThat(ssrf.status()).isEqualTo(400);
      assertThat(ssrf.json().getJsonArray("errors").getJsonObject(0).getString("field"))
          .isEqualTo("apiDomain");
    }
  }
}

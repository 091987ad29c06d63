package com.queast.gateway.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.sandbox.pipedrive.CompanyCredentials;
import com.queast.gateway.sandbox.pipedrive.Plan;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
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
    assertThat(summary.getJsonObject("counts").getLong("webhooks")).isEqualTo(2);
    List<JsonObject> hooks = fx.adminItems(company.companyId(), "webhooks");
    assertThat(hooks)
        .extracting(h -> h.getString("event_action") + "." + h.getString("event_object"))
        .containsExactlyInAnyOrder("*.organization", "*.person");
    for (JsonObject hook : hooks) {
      assertThat(hook.getString("version")).isEqualTo("2.0");
      assertThat(hook.getString("http_auth_user")).startsWith("queast-");
    }

    // Setup again: idempotent (no third webhook, no second field).
    String id = conn.getString("connectionId");
    var again = fx.gw.http().post("/v1/tenants/t1/connections/" + id + "/setup", new JsonObject());
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(
            fx.pipedriveApi(company, "GET", "/api/v1/webhooks", null).getJsonArray("data").stream()
                .map(h -> ((JsonObject) h).getValue("id"))
                .toList())
        .containsExactlyInAnyOrderElementsOf(hooks.stream().map(h -> h.getValue("id")).toList());

    // A connection set up by an earlier version has one change.organization webhook: running the
    // setup again replaces it with the two current ones, with fresh credentials.
    for (JsonObject hook : hooks) {
      fx.pipedriveApi(company, "DELETE", "/api/v1/webhooks/" + hook.getValue("id"), null);
    }
    fx.pipedriveApi(
        company,
        "POST",
        "/api/v1/webhooks",
        new JsonObject()
            .put("subscription_url", hooks.get(0).getString("subscription_url"))
            .put("event_action", "change")
            .put("event_object", "organization")
            .put("name", "Queast gateway change.organization")
            .put("http_auth_user", hooks.get(0).getString("http_auth_user"))
            .put("http_auth_password", "old-secret")
            .put("version", "2.0"));
    again = fx.gw.http().post("/v1/tenants/t1/connections/" + id + "/setup", new JsonObject());
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(
            fx.pipedriveApi(company, "GET", "/api/v1/webhooks", null).getJsonArray("data").stream()
                .map(JsonObject.class::cast)
                .map(h -> h.getString("event_action") + "." + h.getString("event_object"))
                .toList())
        .containsExactlyInAnyOrder("*.organization", "*.person");
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
  void aCompanysPhoneGoesToTheQueastPhoneFieldTheSetupCreatesAndOneWithoutGetsNone()
      throws Exception {
    CompanyCredentials company = fx.company(Plan.PREMIUM, 1);
    fx.tenant("t1");
    String id = fx.connectWithApiToken("t1", company).getString("connectionId");
    List<JsonObject> phoneFields =
        fx.adminItems(company.companyId(), "organizationFields").stream()
            .filter(f -> "Queast phone".equals(f.getString("field_name")))
            .toList();
    assertThat(phoneFields).hasSize(1);
    assertThat(phoneFields.get(0).getString("field_type")).isEqualTo("varchar");
    String phoneKey = phoneFields.get(0).getString("field_code");

    fx.ingest(
        "t1",
        "companies",
        2,
        i ->
            i == 0
                ? PipedriveFixture.company(i).put("phone", "+49 30 901820 ")
                : PipedriveFixture.company(i));
    await().atMost(Duration.ofSeconds(30)).until(() -> fx.delivered(id) == 2);
    Map<String, JsonObject> byName = new java.util.HashMap<>();
    for (JsonObject o : fx.sandbox.records(company.companyId(), "organization")) {
      byName.put(o.getString("name"), o.getJsonObject("custom_fields", new JsonObject()));
    }
    assertThat(byName.get("Company 0").getString(phoneKey)).isEqualTo("+49 30 901820");
    assertThat(byName.get("Company 1").getValue(phoneKey)).isNull();

    // A tenant override wins: the phone moves to a field of the tenant's own, which the setup never
    // made; the stored keys no longer cover the mapping, so the next batch resolves (creates) it,
    // as for a connection set up before 'Queast phone' was a default.
    var put =
        fx.gw
            .http()
            .put(
                "/v1/tenants/t1/connections/" + id + "/mapping",
                new JsonObject()
                    .put(
                        "company",
                        new JsonObject()
                            .put(
                                "properties",
                                new JsonObject()
                                    .putNull("custom:Queast phone")
                                    .put("custom:Phone", new JsonObject().put("from", "phone")))));
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    fx.ingest(
        "t1",
        "companies",
        3,
        i -> PipedriveFixture.company(i).put("phone", i == 2 ? "+49 89 2180" : null));
    await().atMost(Duration.ofSeconds(30)).until(() -> fx.delivered(id) == 3);
    String ownKey =
        fx.adminItems(company.companyId(), "organizationFields").stream()
            .filter(f -> "Phone".equals(f.getString("field_name")))
            .findFirst()
            .orElseThrow()
            .getString("field_code");
    JsonObject third =
        fx.sandbox.records(company.companyId(), "organization").stream()
            .filter(o -> "Company 2".equals(o.getString("name")))
            .findFirst()
            .orElseThrow()
            .getJsonObject("custom_fields");
    assertThat(third.getString(ownKey)).isEqualTo("+49 89 2180");
    assertThat(third.getValue(phoneKey)).isNull();
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

package com.queast.gateway.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.sandbox.pipedrive.CompanyCredentials;
import com.queast.gateway.sandbox.pipedrive.Plan;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An API token that Pipedrive stops accepting (regenerated or revoked by a user): the connection
 * becomes {@code needs_reauth} with the reason, its jobs wait without using attempts, and a new
 * token through {@code POST .../reauthorize} resumes delivery at once.
 */
@ExtendWith(PostgresExtension.class)
class PipedriveApiTokenIT {

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
  void aRefusedApiTokenPutsTheConnectionInNeedsReauthUntilANewTokenResumesDelivery()
      throws Exception {
    CompanyCredentials company = fx.company(Plan.PREMIUM, 1);
    fx.tenant("t1");
    String id = fx.connectWithApiToken("t1", company).getString("connectionId");
    fx.ingest("t1", "companies", 20, PipedriveFixture::company);
    fx.awaitDelivered(id, 20, Duration.ofSeconds(60));

    String newToken = rotate(company.companyId());
    fx.ingest("t1", "companies", 40, PipedriveFixture::company);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "needs_reauth".equals(connection(id).getString("status")));
    assertThat(connection(id).getString("statusReason"))
        .contains("Pipedrive refused the API token (HTTP 401");
    // The jobs wait without using attempts; nothing new reached Pipedrive. (At least the 20 new
    // companies: the backfill that follows the CRM index may have re-enqueued the first 20 too.)
    try {
      await()
          .atMost(Duration.ofSeconds(45))
          .until(
              () ->
                  fx.db.count("SELECT count(*) FROM jobs WHERE state = 'available' AND attempt = 0")
                          >= 20
                      && fx.db.count("SELECT count(*) FROM jobs WHERE state = 'running'") == 0);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("jobs: " + fx.diagnostics() + "; log: " + fx.logSummary(), e);
    }
    assertThat(fx.db.count("SELECT count(*) FROM jobs WHERE state IN ('dead', 'retryable')"))
        .isZero();
    assertThat(fx.delivered(id)).isEqualTo(20);

    var refused =
        fx.gw
            .http()
            .post(
                "/v1/tenants/t1/connections/" + id + "/reauthorize",
                new JsonObject().put("apiToken", "not-the-token"));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("apiToken");

    var r =
        fx.gw
            .http()
            .post(
                "/v1/tenants/t1/connections/" + id + "/reauthorize",
                new JsonObject().put("apiToken", newToken));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    String reauthAt = java.time.Instant.now().toString();
    assertThat(connection(id).getString("status")).isEqualTo("active");
    // Due at once, not after the 5-minute snooze.
    try {
      fx.awaitDelivered(id, 40, Duration.ofSeconds(60));
    } catch (AssertionError e) {
      var rows =
          fx.gw
              .http()
              .get("/v1/tenants/t1/matches?state=needs_review")
              .json()
              .getJsonArray("items");
      StringBuilder dbg = new StringBuilder();
      try (var c =
              java.sql.DriverManager.getConnection(
                  fx.db.url().jdbcUrl(), fx.db.url().user(), fx.db.url().password());
          var st = c.createStatement();
          var rs =
              st.executeQuery(
                  "SELECT to_char(created_at,'MI:SS.MS'), kind, record_id, outcome, vendor_message"
                      + " FROM delivery_log ORDER BY id")) {
        while (rs.next()) {
          dbg.append('\n')
              .append(rs.getString(1))
              .append(' ')
              .append(rs.getString(2))
              .append(' ')
              .append(rs.getString(3))
              .append(' ')
              .append(rs.getString(4))
              .append(' ')
              .append(rs.getString(5));
        }
      } catch (java.sql.SQLException x) {
        dbg.append(x);
      }
      throw new AssertionError(
          e.getMessage()
              + "; reviews: "
              + rows.encode()
              + "; re-authorised at "
              + reauthAt
              + "; delivery log:"
              + dbg,
          e);
    }
    String orgKey =
        fx.adminItems(company.companyId(), "organizationFields").stream()
            .filter(f -> "queast_id".equals(f.getString("field_name")))
            .findFirst()
            .orElseThrow()
            .getString("field_code");
    assertThat(fx.queastIds(company.companyId(), "organization", orgKey))
        .hasSize(40)
        .doesNotHaveDuplicates();
  }

  private JsonObject connection(String id) {
    return fx.gw.http().get("/v1/tenants/t1/connections/" + id).json();
  }

  private String rotate(long companyId) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            fx.sandbox.baseUrl()
                                + "/_sandbox/companies/"
                                + companyId
                                + "/api-token/rotate"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return new JsonObject(r.body()).getString("apiToken");
  }
}

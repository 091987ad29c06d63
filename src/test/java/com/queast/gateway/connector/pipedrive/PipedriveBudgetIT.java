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

/**
 * When Pipedrive's daily budget runs out behind the gateway's back (other integrations of the same
 * company spend it), the repeated 429s pause the lane until the reset with a clear connection
 * status, before Pipedrive's Cloudflare 403 block.
 */
@ExtendWith(PostgresExtension.class)
class PipedriveBudgetIT {

  private PipedriveFixture fx;
  private TestDatabase db;

  @BeforeEach
  void start(TestDatabase database) {
    db = database;
    // One batch in flight: with several, the later batches' duplicate-check searches can spend the
    // last 100 tokens before the first batch's creates (permits are counted against the budget
    // left, not against what batches already in flight will spend: a known limit, see
    // docs/connectors/pipedrive.md), and this test is about the pause, not about that race.
    fx = new PipedriveFixture(db, Map.of("GATEWAY_DELIVERY_BATCHES_IN_FLIGHT", "1"));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void repeated429sPauseTheLaneAsAnExhaustedBudgetAndNeverEarnThe403() throws Exception {
    CompanyCredentials company = fx.company(Plan.PREMIUM, 1);
    fx.tenant("t1");
    String id = fx.connectWithApiToken("t1", company).getString("connectionId");
    // The connection's own set-up (the CRM index listing) finishes first: its calls are paid from
    // the same budget, and left running they could spend the 100 tokens below before any create.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                db.count(
                        "SELECT count(*) FROM jobs WHERE state IN"
                            + " ('available','running','retryable')")
                    == 0);
    long budget = fx.sandbox.companySummary(company.companyId()).getLong("dailyBudget");
    // Someone else spent the budget: 100 tokens left, 20 organizations' worth.
    assertThat(
            fx.admin(
                "PUT",
                "/_sandbox/companies/" + company.companyId() + "/budget",
                new JsonObject().put("tokensUsed", budget - 100)))
        .isEqualTo(200);
    fx.ingest("t1", "companies", 200, PipedriveFixture::company);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              JsonObject c = fx.gw.http().get("/v1/tenants/t1/connections/" + id).json();
              return "paused".equals(c.getString("status")) && c.getJsonObject("lanePause") != null;
            });
    JsonObject conn = fx.gw.http().get("/v1/tenants/t1/connections/" + id).json();
    assertThat(conn.getString("statusReason")).startsWith(PipedriveConnector.BUDGET_EXHAUSTED);
    assertThat(conn.getJsonObject("lanePause")).isNotNull();
    assertThat(conn.getJsonObject("lanePause").getString("reason"))
        .startsWith(PipedriveConnector.BUDGET_EXHAUSTED);
    long rateLimited = fx.sandbox.rateLimitedCount();
    // At most 20 creates fit (fewer when the idle-search check before a first create ran).
    assertThat(fx.delivered(id)).isBetween(1L, 20L);
    assertThat(rateLimited).isBetween(1L, (long) PipedrivePacer.MAX_IN_FLIGHT + 1);
    assertThat(fx.sandbox.blockedCount()).isZero();
    // Nothing more goes out while the lane waits for the reset.
    long requests = fx.sandbox.companySummary(company.companyId()).getLong("tokensUsedToday");
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(3))
        .until(() -> fx.sandbox.rateLimitedCount() == rateLimited);
    assertThat(fx.sandbox.companySummary(company.companyId()).getLong("tokensUsedToday"))
        .isEqualTo(requests);
    assertThat(fx.sandbox.blockedCount()).isZero();
  }
}

package com.queast.gateway.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipedriveRateLimitIT {

  private Harness h;

  @AfterEach
  void stop() {
    h.close();
  }

  private long used() {
    return h.sandbox.tokensUsedToday(h.company.companyId());
  }

  @Test
  void eachEndpointChargesItsTokenCostAndSendsTheHeaders() {
    h = Harness.start();
    long org = h.createOrg("Acme");
    assertThat(used()).isEqualTo(5);
    h.get("/api/v2/organizations/" + org);
    assertThat(used()).isEqualTo(6);
    Harness.Resp list = h.get("/api/v2/organizations");
    assertThat(used()).isEqualTo(16);
    h.get("/api/v2/organizations/search?term=acme");
    assertThat(used()).isEqualTo(36);
    h.patch("/api/v2/organizations/" + org, new JsonObject().put("name", "Acme 2"));
    assertThat(used()).isEqualTo(41);
    h.delete("/api/v2/organizations/" + org);
    assertThat(used()).isEqualTo(44);
    h.get("/api/v1/users/me");
    assertThat(used()).isEqualTo(46);
    h.get("/api/v2/organizations/" + org);
    assertThat(used()).as("a 404 still costs its tokens").isEqualTo(47);

    assertThat(list.header("x-ratelimit-limit")).isEqualTo("40");
    assertThat(list.header("x-ratelimit-remaining")).isEqualTo("37");
    assertThat(Integer.parseInt(list.header("x-ratelimit-reset"))).isBetween(1, 2);
    assertThat(list.header("x-daily-requests-left")).isEqualTo("9999");
    JsonObject summary =
        h.admin(HttpMethod.GET, "/_sandbox/companies/" + h.company.companyId(), null).json();
    assertThat(summary.getLong("dailyBudget")).isEqualTo(300_000L);
    assertThat(summary.getLong("tokensUsedToday")).isEqualTo(47L);
  }

  @Test
  void burstWindowAnswers429UntilTheWindowRolls() {
    h = Harness.start(b -> b.plan(Plan.LITE, 1));
    for (int i = 0; i < 20; i++) {
      assertThat(h.get("/api/v2/persons").status()).isEqualTo(200);
    }
    Harness.Resp limited = h.get("/api/v2/persons");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json())
        .isEqualTo(
            new JsonObject()
                .put("success", false)
                .put("error", "Request over limit")
                .put("error_info", PdError.ERROR_INFO)
                .putNull("data")
                .putNull("additional_data"));
    assertThat(limited.header("x-ratelimit-remaining")).isEqualTo("0");
    assertThat(used()).as("a 429 costs nothing").isEqualTo(200);
    h.clock.advance(Duration.ofSeconds(2));
    assertThat(h.get("/api/v2/persons").status()).isEqualTo(200);
    assertThat(h.sandbox.rateLimitedCount()).isEqualTo(1);
  }

  @Test
  void searchHasItsOwnTenPerTwoSecondsLimit() {
    h = Harness.start();
    for (int i = 0; i < 10; i++) {
      assertThat(h.get("/api/v2/persons/search?term=ab").status()).isEqualTo(200);
    }
    Harness.Resp r = h.get("/api/v2/persons/search?term=ab");
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.header("x-ratelimit-limit")).isEqualTo("10");
    assertThat(h.get("/api/v2/persons").status()).as("other endpoints still pass").isEqualTo(200);
  }

  @Test
  void exhaustedDailyBudgetAnswers429UntilMidnight() {
    h = Harness.start(b -> b.plan(Plan.LITE, 2));
    String path = "/_sandbox/companies/" + h.company.companyId() + "/budget";
    h.admin(HttpMethod.PUT, path, new JsonObject().put("tokensUsed", 60_000 - 5));
    assertThat(h.get("/api/v2/persons").status()).isEqualTo(429);
    assertThat(h.get("/api/v2/persons/1").status()).as("1 token still fits").isEqualTo(404);
    h.clock.set(Instant.parse("2026-03-03T00:00:00Z"));
    assertThat(h.get("/api/v2/persons").status()).isEqualTo(200);
    assertThat(used()).isEqualTo(10);

    h.admin(
        HttpMethod.PUT,
        "/_sandbox/companies/" + h.company.companyId() + "/plan",
        new JsonObject().put("plan", "ultimate").put("seats", 3));
    assertThat(h.sandbox.companySummary(h.company.companyId()).getLong("dailyBudget"))
        .isEqualTo(630_000L);
  }

  @Test
  void clientsThatKeepGoingAfter429sGetTheCloudflare403() {
    h = Harness.start(b -> b.plan(Plan.LITE, 1).abuse403(true, false, 3, Duration.ofMinutes(1)));
    for (int i = 0; i < 20; i++) {
      h.get("/api/v2/persons");
    }
    for (int i = 0; i < 3; i++) {
      assertThat(h.get("/api/v2/persons").status()).isEqualTo(429);
    }
    Harness.Resp blocked = h.get("/api/v2/persons");
    assertThat(blocked.status()).isEqualTo(403);
    assertThat(blocked.header("content-type")).startsWith("text/html");
    assertThat(blocked.body()).contains("Cloudflare");
    JsonObject stats = h.admin(HttpMethod.GET, "/_sandbox/stats", null).json();
    assertThat(stats.getLong("rateLimited429")).isEqualTo(3L);
    assertThat(stats.getLong("blocked403")).isEqualTo(1L);
    h.clock.advance(Duration.ofMinutes(1));
    assertThat(h.get("/api/v2/persons").status()).isEqualTo(200);
  }
}

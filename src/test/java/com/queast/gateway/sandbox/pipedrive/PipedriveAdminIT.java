package com.queast.gateway.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PipedriveAdminIT {

  private Harness h;

  @BeforeEach
  void start() {
    h = Harness.start();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void scriptsCreateCompaniesWithoutClicking() {
    Harness.Resp r =
        h.admin(
            HttpMethod.POST,
            "/_sandbox/companies",
            new JsonObject().put("plan", "premium").put("seats", 2));
    assertThat(r.status()).isEqualTo(201);
    JsonObject c = r.json();
    assertThat(c.getString("apiDomain")).isEqualTo(h.sandbox.baseUrl());
    assertThat(c.getString("apiToken")).hasSize(40);
    Harness.Resp me = h.call(HttpMethod.GET, "/api/v1/users/me", null, c.getString("apiToken"));
    assertThat(me.json().getJsonObject("data").getLong("company_id"))
        .isEqualTo(c.getLong("companyId"));
    assertThat(me.header("x-ratelimit-limit")).isEqualTo("100");
    JsonArray all = new JsonArray(h.admin(HttpMethod.GET, "/_sandbox/companies", null).body());
    assertThat(all).hasSize(2);
    assertThat(all.getJsonObject(1).getLong("dailyBudget")).isEqualTo(300_000L);
    assertThat(
            h.admin(HttpMethod.POST, "/_sandbox/companies", new JsonObject().put("plan", "gold"))
                .status())
        .isEqualTo(400);
  }

  @Test
  void storedObjectsCountsAndTheRequestLogAreInspectable() {
    long org = h.createOrg("Acme");
    h.delete("/api/v2/organizations/" + org);
    h.createOrg("Beta");
    String base = "/_sandbox/companies/" + h.company.companyId();
    JsonObject stored = h.admin(HttpMethod.GET, base + "/organizations", null).json();
    assertThat(stored.getInteger("count")).isEqualTo(2);
    assertThat(stored.getJsonArray("items").getJsonObject(0).getBoolean("is_deleted")).isTrue();
    JsonObject summary = h.admin(HttpMethod.GET, base, null).json();
    assertThat(summary.getJsonObject("counts").getLong("organizations")).isEqualTo(1L);
    assertThat(summary.getLong("tokensUsedToday")).isEqualTo(13L);

    JsonArray log =
        h.admin(HttpMethod.GET, "/_sandbox/requests?limit=2", null).json().getJsonArray("items");
    assertThat(log).hasSize(2);
    JsonObject last = log.getJsonObject(1);
    assertThat(last.getString("method")).isEqualTo("POST");
    assertThat(last.getString("path")).isEqualTo("/api/v2/organizations");
    assertThat(last.getInteger("status")).isEqualTo(200);
    assertThat(last.getLong("companyId")).isEqualTo(h.company.companyId());
    assertThat(h.admin(HttpMethod.GET, "/_sandbox/companies/1/organizations", null).status())
        .isEqualTo(404);
  }

  @Test
  void userActionsChangeRecordsLikeTheUi() {
    String base = "/_sandbox/companies/" + h.company.companyId();
    Harness.Resp created =
        h.admin(HttpMethod.POST, base + "/persons", new JsonObject().put("name", "Jane Roe"));
    assertThat(created.status()).isEqualTo(201);
    long id = created.json().getLong("id");
    Harness.Resp updated =
        h.admin(
            HttpMethod.PATCH, base + "/persons/" + id, new JsonObject().put("name", "Jane Doe"));
    assertThat(updated.json().getString("last_name")).isEqualTo("Doe");
    assertThat(h.sandbox.tokensUsedToday(h.company.companyId()))
        .as("UI actions cost no tokens")
        .isZero();
    assertThat(h.admin(HttpMethod.DELETE, base + "/persons/" + id, null).status()).isEqualTo(200);
    assertThat(h.get("/api/v2/persons/" + id).status()).isEqualTo(404);
  }
}

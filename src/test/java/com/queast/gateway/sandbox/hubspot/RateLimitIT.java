package com.queast.gateway.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitIT {

  SandboxFixture fx;

  @BeforeEach
  void start() {
    fx = new SandboxFixture();
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void privateAppGetsHeadersThenTenSecondlyRolling429() {
    JsonObject p =
        fx.http.post("/_sandbox/portals", new JsonObject().put("tier", "5/10s,1000/day")).json();
    TestHttp api = fx.http.withToken(p.getString("privateAppToken"));
    for (int i = 0; i < 5; i++) {
      TestHttp.Res ok = api.get("/crm/v3/objects/companies");
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.header("X-HubSpot-RateLimit-Max")).isEqualTo("5");
      assertThat(ok.header("X-HubSpot-RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
      assertThat(ok.header("X-HubSpot-RateLimit-Interval-Milliseconds")).isEqualTo("10000");
      assertThat(ok.header("X-HubSpot-RateLimit-Daily")).isEqualTo("1000");
      assertThat(ok.header("X-HubSpot-RateLimit-Daily-Remaining"))
          .isEqualTo(Integer.toString(999 - i));
    }
    TestHttp.Res limited = api.get("/crm/v3/objects/companies");
    assertThat(limited.status()).isEqualTo(429);
    JsonObject body = limited.json();
    assertThat(body.getString("status")).isEqualTo("error");
    assertThat(body.getString("errorType")).isEqualTo("RATE_LIMIT");
    assertThat(body.getString("policyName")).isEqualTo("TEN_SECONDLY_ROLLING");
    assertThat(body.getString("message"))
        .isEqualTo("You have reached your ten_secondly_rolling limit.");
    assertThat(body.getString("correlationId")).isNotBlank();
    assertThat(limited.header("X-HubSpot-RateLimit-Remaining")).isEqualTo("0");

    JsonObject stats = fx.http.get("/_sandbox/stats").json().getJsonObject("rateLimited");
    assertThat(stats.getLong("total")).isEqualTo(1);
    assertThat(stats.getJsonObject("byPolicy").getLong("TEN_SECONDLY_ROLLING")).isEqualTo(1);

    fx.clock.advance(Duration.ofMillis(9_999));
    assertThat(api.get("/crm/v3/objects/companies").status()).isEqualTo(429);
    fx.clock.advance(Duration.ofMillis(1));
    assertThat(api.get("/crm/v3/objects/companies").status()).isEqualTo(200);
    assertThat(fx.sandbox.total429()).isEqualTo(2);
  }

  @Test
  void rollingWindowFreesSlotsOneByOne() {
    JsonObject p = fx.http.post("/_sandbox/portals", new JsonObject().put("tier", "3/10s")).json();
    TestHttp api = fx.http.withToken(p.getString("privateAppToken"));
    api.get("/crm/v3/objects/contacts");
    fx.clock.advance(Duration.ofSeconds(4));
    api.get("/crm/v3/objects/contacts");
    api.get("/crm/v3/objects/contacts");
    assertThat(api.get("/crm/v3/objects/contacts").status()).isEqualTo(429);
    fx.clock.advance(Duration.ofSeconds(6));
    TestHttp.Res freed = api.get("/crm/v3/objects/contacts");
    assertThat(freed.status()).isEqualTo(200);
    assertThat(freed.header("X-HubSpot-RateLimit-Remaining")).isEqualTo("0");
    assertThat(api.get("/crm/v3/objects/contacts").status()).isEqualTo(429);
  }

  @Test
  void dailyLimitAnswersDailyPolicy() {
    JsonObject p =
        fx.http.post("/_sandbox/portals", new JsonObject().put("tier", "100/10s,2/day")).json();
    TestHttp api = fx.http.withToken(p.getString("privateAppToken"));
    api.get("/crm/v3/objects/contacts");
    api.get("/crm/v3/objects/contacts");
    TestHttp.Res r = api.get("/crm/v3/objects/contacts");
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.json().getString("policyName")).isEqualTo("DAILY");
    assertThat(r.json().getString("message")).isEqualTo("You have reached your daily limit.");
    fx.clock.advance(Duration.ofDays(1));
    assertThat(api.get("/crm/v3/objects/contacts").status()).isEqualTo(200);
  }

  @Test
  void limitsAreKeptPerPortal() {
    TestHttp a =
        fx.http.withToken(
            fx.http
                .post("/_sandbox/portals", new JsonObject().put("tier", "1/10s"))
                .json()
                .getString("privateAppToken"));
    TestHttp b =
        fx.http.withToken(
            fx.http
                .post("/_sandbox/portals", new JsonObject().put("tier", "1/10s"))
                .json()
                .getString("privateAppToken"));
    assertThat(a.get("/crm/v3/objects/contacts").status()).isEqualTo(200);
    assertThat(a.get("/crm/v3/objects/contacts").status()).isEqualTo(429);
    assertThat(b.get("/crm/v3/objects/contacts").status()).isEqualTo(200);
  }

  @Test
  void dailyUsageEndpointReportsTheBudget() {
    JsonObject p =
        fx.http.post("/_sandbox/portals", new JsonObject().put("tier", "100/10s,500/day")).json();
    TestHttp api = fx.http.withToken(p.getString("privateAppToken"));
    api.get("/crm/v3/objects/contacts");
    JsonObject usage = api.get("/integrations/v1/limit/daily").array().getJsonObject(0);
    assertThat(usage.getString("name")).isEqualTo("api-calls-daily");
    assertThat(usage.getLong("usageLimit")).isEqualTo(500);
    assertThat(usage.getLong("currentUsage")).isEqualTo(2);
    assertThat(usage.getLong("resetsAt")).isGreaterThan(usage.getLong("collectedAt"));
  }

  @Test
  void accountInfoNamesThePortalOfTheCallingTokenOnly() {
    JsonObject a = fx.http.post("/_sandbox/portals", new JsonObject()).json();
    JsonObject b = fx.http.post("/_sandbox/portals", new JsonObject()).json();
    for (String path : new String[] {"/account-info/v3/details", "/account-info/2026-03/details"}) {
      JsonObject details = fx.http.withToken(b.getString("privateAppToken")).get(path).json();
      assertThat(details.getLong("portalId")).as(path).isEqualTo(b.getLong("portalId"));
      assertThat(details.getLong("portalId")).isNotEqualTo(a.getLong("portalId"));
      assertThat(details.getString("accountType")).isEqualTo("STANDARD");
      assertThat(details.fieldNames())
          .contains("timeZone", "companyCurrency", "utcOffset", "uiDomain", "dataHostingLocation");
    }
    assertThat(fx.http.withToken("pat-na1-forged").get("/account-info/v3/details").status())
        .isEqualTo(401);
  }
}

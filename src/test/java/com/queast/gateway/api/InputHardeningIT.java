package com.queast.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.support.Http;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import com.queast.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The audit's findings 3, 4, 5, 6 and 9 (issue 12): bad input is a clear 4xx, never a 500. */
@ExtendWith(PostgresExtension.class)
class InputHardeningIT {

  private static TestGateway gw;
  private static Http http;
  private static TestDatabase db;

  @BeforeAll
  static void start(TestDatabase database) {
    db = database;
    gw =
        TestGateway.start(
            database,
            Map.of(
                "GATEWAY_HTTP_MAX_BODY_BYTES", "200000", "GATEWAY_PG_APP_URL", database.appUrl()));
    http = gw.http();
    assertThat(http.put("/v1/tenants/ta", new JsonObject().put("name", "Tenant A")).status())
        .isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static void assertProblem(Http.Res r, int status, String... fields) {
    assertThat(r.status()).as("%s", r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    JsonObject p = r.json();
    assertThat(p.getInteger("status")).isEqualTo(status);
    for (String f : fields) {
      assertThat(p.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
          .as("problem names %s: %s", f, p)
          .contains(f);
    }
  }

  private static Http.Res putRaw(String path, String body) {
    return http.send("PUT", path, body, Map.of());
  }

  @Test
  void dotSegmentIdsAndPathsAreRefusedAndNeverRenameTheTenant() {
    JsonObject evil = new JsonObject().put("name", "Renamed");
    assertProblem(http.put("/v1/tenants/ta/companies/..", evil), 400);
    assertProblem(http.put("/v1/tenants/ta/companies/.", evil), 400);
    assertProblem(http.put("/v1/tenants/ta/companies/%2e%2E", evil), 400);
    assertProblem(http.put("/v1/tenants/ta/people/x/../..", evil), 400);
    assertProblem(http.get("/v1/tenants/../tenants/ta"), 400);
    assertThat(http.get("/v1/tenants/ta").json().getString("name")).isEqualTo("Tenant A");
  }

  @Test
  void nulBytesAreA400NamingTheField() {
    assertProblem(putRaw("/v1/tenants/ta/companies/n1", "{\"name\":\"a\\u0000b\"}"), 400, "name");
    assertProblem(
        putRaw("/v1/tenants/ta/people/n1", "{\"email\":\"a\\u0000b@x.com\"}"), 400, "email");
    assertProblem(putRaw("/v1/tenants/tn", "{\"name\":\"x\\u0000\"}"), 400, "name");
    assertProblem(
        http.send(
            "POST",
            "/v1/tenants/ta/matches/" + UUID.randomUUID() + "/relink",
            "{\"crmId\":\"1\\u00002\"}",
            Map.of()),
        400,
        "crmId");
    assertProblem(
        http.send(
            "POST",
            "/v1/tenants/ta/connections",
            "{\"crm\":\"hubspot\",\"accessToken\":\"pat-\\u0000\"}",
            Map.of()),
        400,
        "accessToken");
    assertProblem(http.get("/v1/tenants/a%00b/inbound-events"), 400, "tenantId");
    assertProblem(http.get("/v1/tenants/" + "x".repeat(300) + "/inbound-events"), 400, "tenantId");
    assertThat(db.count("SELECT count(*) FROM records WHERE record_id = 'n1'")).isZero();
  }

  @Test
  void bodiesAreNotReadBeforeAuthentication() {
    String big = "{\"name\":\"" + "x".repeat(300_000) + "\"}";
    Http.Res r = gw.anonymous().send("PUT", "/v1/tenants/ta/companies/big", big, Map.of());
    assertProblem(r, 401);
  }

  @Test
  void valuesThatCannotBeStoredFaithfullyAreRefused() {
    assertProblem(
        putRaw(
            "/v1/tenants/ta/companies/v1",
            "{\"name\":\"n\",\"employeeCount\":1180591620717411303424}"),
        400,
        "employeeCount");
    assertProblem(
        putRaw("/v1/tenants/ta/companies/v1", "{\"name\":\"n\",\"employeeCount\":1e400}"),
        400,
        "employeeCount");
    assertProblem(
        putRaw(
            "/v1/tenants/ta/signals/v1",
            "{\"companyId\":\"c\",\"type\":\"t\",\"title\":\"t\",\"score\":1e999,"
                + "\"occurredAt\":\"2026-01-01T00:00:00Z\"}"),
        400,
        "score");
    assertProblem(putRaw("/v1/tenants/ta/companies/v1", "{\"name\":\"a\\ud800b\"}"), 400, "name");
    assertProblem(
        putRaw("/v1/tenants/ta/companies/v1", "{\"name\":\"a\",\"name\":\"b\"}"), 400, "name");
    assertProblem(http.put("/v1/tenants/ta/companies/%FF", new JsonObject().put("name", "n")), 400);
    assertProblem(http.put("/v1/tenants/ta/companies/%FE", new JsonObject().put("name", "n")), 400);
    assertThat(
            db.count("SELECT count(*) FROM records WHERE tenant_id = 'ta' AND record_id <> 'ok'"))
        .isZero();
  }

  @Test
  void theContractIsAsStrictAsDocumented() {
    assertProblem(
        http.put(
            "/v1/tenants/ta/companies/w1",
            new JsonObject().put("name", "n").put("website", "javascript:alert(1)")),
        400,
        "website");
    assertProblem(
        http.send(
            "PUT",
            "/v1/tenants/ta/companies/w1",
            "{\"name\":\"n\"}",
            Map.of("Content-Type", "text/plain")),
        415);
    assertProblem(
        http.send(
            "PUT",
            "/v1/tenants/ta/companies/w1",
            "{\"name\":\"n\"}",
            Map.of("Content-Type", "application/jsonp")),
        415);
    assertThat(
            http.send(
                    "PUT",
                    "/v1/tenants/ta/companies/ok",
                    "{\"name\":\"n\",\"website\":\"ok.example\"}",
                    Map.of("Content-Type", "application/json; charset=utf-8"))
                .status())
        .isEqualTo(202);
    for (String bad : new String[] {"%C2%85", "%E2%80%A8", "%E2%80%8B"}) {
      assertProblem(
          http.put("/v1/tenants/ta/companies/a" + bad + "b", new JsonObject().put("name", "n")),
          400,
          "recordId");
    }
    assertProblem(
        http.put(
            "/v1/tenants/ta/signals/y1",
            new JsonObject()
                .put("companyId", "c")
                .put("type", "t")
                .put("title", "t")
                .put("occurredAt", "+99999-01-01T00:00:00Z")),
        400,
        "occurredAt");
    for (String list : new String[] {"deliveries", "inbound-events", "matches", "connections"}) {
      assertProblem(http.get("/v1/tenants/nobody/" + list), 404);
    }
  }
}

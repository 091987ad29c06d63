package com.queast.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.support.Http;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import com.queast.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class IngestApiIT {

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
    assertThat(http.put("/v1/tenants/acme", new JsonObject().put("name", "Acme")).status())
        .isEqualTo(201);
    assertThat(http.put("/v1/tenants/acme", new JsonObject().put("name", "Acme Inc")).status())
        .isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static void assertProblem(Http.Res r, int status, String... fields) {
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    JsonObject p = r.json();
    assertThat(p.getInteger("status")).isEqualTo(status);
    assertThat(p.getString("code")).isNotBlank();
    for (String f : fields) {
      assertThat(p.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
          .as("problem names %s: %s", f, p)
          .contains(f);
    }
  }

  @Test
  void withoutTheAdminTokenEveryV1CallIs401() {
    assertProblem(gw.anonymous().put("/v1/tenants/x", new JsonObject().put("name", "x")), 401);
    assertProblem(
        new Http("http://127.0.0.1:" + gw.gateway().httpPort(), "wrong").get("/v1/tenants/acme"),
        401);
    assertThat(gw.anonymous().get("/health/live").status()).isEqualTo(200);
  }

  @Test
  void badBodiesGetProblemsNamingTheField() {
    assertProblem(http.send("PUT", "/v1/tenants/acme/companies/c1", "", Map.of()), 400, "body");
    assertProblem(http.send("PUT", "/v1/tenants/acme/companies/c1", "{\"name\":", Map.of()), 400);
    assertProblem(
        http.send("PUT", "/v1/tenants/acme/companies/c1", "[1,2]", Map.of()), 400, "body");
    assertProblem(http.put("/v1/tenants/acme/companies/c1", new JsonObject()), 400, "name");
    assertProblem(
        http.put(
            "/v1/tenants/acme/companies/c1",
            new JsonObject()
                .put("name", 42)
                .put("employeeCount", -1)
                .put("tags", "x")
                .put("extra", true)),
        400,
        "name",
        "employeeCount",
        "tags",
        "extra");
    assertProblem(
        http.put(
            "/v1/tenants/acme/people/p1",
            new JsonObject().put("email", "not-an-email").put("linkedinUrl", "ftp://x y")),
        400,
        "email",
        "linkedinUrl");
    assertProblem(
        http.put(
            "/v1/tenants/acme/signals/s1",
            new JsonObject()
                .put("companyId", "c1")
                .put("type", "news")
                .put("title", "T")
                .put("occurredAt", "yesterday")),
        400,
        "occurredAt");
    assertProblem(
        http.put("/v1/tenants/acme/companies/" + "x".repeat(65), new JsonObject().put("name", "n")),
        400,
        "recordId");
    assertProblem(
        http.put(
            "/v1/tenants/acme/companies/c1", new JsonObject().put("id", "other").put("name", "n")),
        400,
        "id");
  }

  @Test
  void hugeBodiesAreRefusedWith413() {
    String big = new JsonObject().put("name", "n").put("description", "x".repeat(300_000)).encode();
    Http.Res r = http.send("PUT", "/v1/tenants/acme/companies/c1", big, Map.of());
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.contentType()).startsWith("application/problem+json");
  }

  @Test
  void unknownTenantIs404AndNothingIsStored() {
    assertProblem(
        http.put("/v1/tenants/nobody/companies/c1", new JsonObject().put("name", "n")), 404);
    assertThat(db.count("SELECT count(*) FROM records WHERE tenant_id = 'nobody'")).isZero();
  }

  @Test
  void aBatchWithBadItemsKeepsItsGoodOnesAndNamesEachBadField() {
    JsonArray items =
        new JsonArray()
            .add(new JsonObject().put("id", "b1").put("name", "Good One"))
            .add(new JsonObject().put("id", "b2"))
            .add("not an object")
            .add(new JsonObject().put("id", "b1").put("name", "Duplicate id"))
            .add(new JsonObject().put("name", "No id"))
            .add(
                new JsonObject()
                    .put("id", "b3")
                    .put("name", "Good Three")
                    .put("employeeCount", 12));
    Http.Res r =
        http.post("/v1/tenants/acme/companies:batch", new JsonObject().put("items", items));
    assertProblem(r, 400, "items[1].name", "items[2]", "items[3].id", "items[4].id");
    JsonObject p = r.json();
    assertThat(p.getInteger("accepted")).isEqualTo(2);
    assertThat(p.getInteger("rejected")).isEqualTo(4);
    assertThat(
            db.count(
                "SELECT count(*) FROM records WHERE tenant_id = 'acme' AND record_id IN ('b1','b3')"))
        .isEqualTo(2);
    assertThat(http.get("/v1/tenants/acme/companies/b3").json().getLong("employeeCount"))
        .isEqualTo(12);
  }

  @Test
  void batchSizeAndShapeAreChecked() {
    assertProblem(http.post("/v1/tenants/acme/companies:batch", new JsonObject()), 400, "items");
    assertProblem(
        http.post("/v1/tenants/acme/companies:batch", new JsonObject().put("items", "x")),
        400,
        "items");
    assertProblem(
        http.post(
            "/v1/tenants/acme/companies:batch", new JsonObject().put("items", new JsonArray())),
        400,
        "items");
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(new JsonObject().put("id", "m" + i).put("name", "n"));
    }
    assertProblem(
        http.post("/v1/tenants/acme/companies:batch", new JsonObject().put("items", tooMany)),
        400,
        "items");
    JsonArray max = new JsonArray();
    for (int i = 0; i < 1000; i++) {
      max.add(new JsonObject().put("id", "m" + i).put("name", "Name " + i));
    }
    Http.Res ok = http.post("/v1/tenants/acme/companies:batch", new JsonObject().put("items", max));
    assertThat(ok.status()).isEqualTo(202);
    assertThat(ok.json().getInteger("accepted")).isEqualTo(1000);
  }

  @Test
  void idempotencyKeyReplaysTheFirstAnswerAndRefusesReuse() {
    JsonObject body = new JsonObject().put("name", "Idem Co");
    Http.Res first =
        http.send(
            "PUT",
            "/v1/tenants/acme/companies/i1",
            body.encode(),
            Map.of("Idempotency-Key", "k-1"));
    assertThat(first.status()).isEqualTo(202);
    assertThat(first.json().getString("status")).isEqualTo("changed");
    Http.Res again =
        http.send(
            "PUT",
            "/v1/tenants/acme/companies/i1",
            body.encode(),
            Map.of("Idempotency-Key", "k-1"));
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json().getString("status")).isEqualTo("changed");
    assertThat(again.json().getBoolean("idempotentReplay")).isTrue();
    Http.Res reused =
        http.send(
            "PUT",
            "/v1/tenants/acme/companies/i1",
            new JsonObject().put("name", "Other").encode(),
            Map.of("Idempotency-Key", "k-1"));
    assertProblem(reused, 409);
    assertThat(http.get("/v1/tenants/acme/companies/i1").json().getString("name"))
        .isEqualTo("Idem Co");
  }

  @Test
  void everyRecordTypeIsAcceptedWithItsContract() {
    assertThat(
            http.put(
                    "/v1/tenants/acme/companies/full",
                    new JsonObject()
                        .put("name", "Full Co")
                        .put("domain", "full.example")
                        .put("website", "https://full.example")
                        .put("linkedinUrl", "https://www.linkedin.com/company/full")
                        .put("country", "FR")
                        .put("city", "Paris")
                        .put("industry", "Software")
                        .put("employeeCount", 120)
                        .put("description", "A company")
                        .put("tags", new JsonArray().add("icp")))
                .status())
        .isEqualTo(202);
    assertThat(
            http.put(
                    "/v1/tenants/acme/people/p1",
                    new JsonObject()
                        .put("firstName", "Ada")
                        .put("lastName", "Lovelace")
                        .put("email", "Ada@Full.example")
                        .put("phone", "+33 1 23 45 67 89")
                        .put("title", "CTO")
                        .put("companyId", "full"))
                .status())
        .isEqualTo(202);
    assertThat(http.get("/v1/tenants/acme/people/p1").json().getString("email"))
        .isEqualTo("ada@full.example");
    assertThat(
            http.put(
                    "/v1/tenants/acme/signals/s1",
                    new JsonObject()
                        .put("companyId", "full")
                        .put("personId", "p1")
                        .put("type", "funding")
                        .put("title", "Raised a Series A")
                        .put("summary", "EUR 10M")
                        .put("url", "https://news.example/a")
                        .put("score", 0.87)
                        .put("occurredAt", "2026-11-01T10:00:00+01:00"))
                .status())
        .isEqualTo(202);
    assertThat(http.get("/v1/tenants/acme/signals/s1").json().getString("occurredAt"))
        .isEqualTo("2026-11-01T09:00:00Z");
  }

  @Test
  void readinessReportsDatabaseAndListener() {
    Http.Res r = gw.anonymous().get("/health/ready");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getJsonObject("checks").getString("listen")).isEqualTo("UP");
    assertThat(gw.anonymous().get("/metrics").body()).contains("vertx_http_server_requests_total");
  }
}

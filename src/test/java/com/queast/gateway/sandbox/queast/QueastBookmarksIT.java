package com.queast.gateway.sandbox.queast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueastBookmarksIT {

  private static final String PATH = "/v1/tenants/t1/bookmarks/cmp-42";
  private Vertx vertx;
  private QueastSandbox sandbox;
  private WebClient http;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    sandbox =
        QueastSandbox.start(vertx, QueastSandboxOptions.defaults().withPort(0))
            .await()
            .atMost(Duration.ofSeconds(10));
    http = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    http.close();
    sandbox.close().await().atMost(Duration.ofSeconds(10));
    vertx.close().await().atMost(Duration.ofSeconds(10));
  }

  private HttpResponse<Buffer> call(HttpMethod m, String path, String token, JsonObject body) {
    var req = http.request(m, sandbox.port(), "127.0.0.1", path);
    if (token != null) {
      req.putHeader("authorization", "Bearer " + token);
    }
    return (body == null ? req.send() : req.sendJsonObject(body))
        .await()
        .atMost(Duration.ofSeconds(10));
  }

  private static JsonObject mark(String at) {
    return new JsonObject().put("source", "pipedrive").put("crmRecordId", "17").put("markedAt", at);
  }

  @Test
  void upsertIsIdempotentAndLatestMarkWins() {
    String token = "queast-sandbox-token";
    var created = call(HttpMethod.PUT, PATH, token, mark("2026-03-02T10:00:00Z"));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getInteger("version")).isEqualTo(1);

    var again = call(HttpMethod.PUT, PATH, token, mark("2026-03-02T10:00:00Z"));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getString("outcome")).isEqualTo("unchanged");
    assertThat(again.bodyAsJsonObject().getInteger("version")).isEqualTo(1);

    var newer = call(HttpMethod.PUT, PATH, token, mark("2026-03-02T11:00:00Z"));
    assertThat(newer.bodyAsJsonObject().getString("outcome")).isEqualTo("updated");
    assertThat(newer.bodyAsJsonObject().getInteger("version")).isEqualTo(2);

    var older = call(HttpMethod.PUT, PATH, token, mark("2026-03-02T09:00:00Z"));
    assertThat(older.bodyAsJsonObject().getString("outcome")).isEqualTo("unchanged");
    assertThat(older.bodyAsJsonObject().getString("markedAt")).isEqualTo("2026-03-02T11:00:00Z");

    assertThat(
            call(HttpMethod.GET, "/v1/tenants/t1/bookmarks", token, null)
                .bodyAsJsonObject()
                .getJsonArray("items"))
        .hasSize(1);
    assertThat(sandbox.bookmarks("t1")).hasSize(1);
    assertThat(sandbox.upsertCount()).isEqualTo(4);
    JsonObject admin = call(HttpMethod.GET, "/_sandbox/bookmarks", null, null).bodyAsJsonObject();
    assertThat(admin.getInteger("count")).isEqualTo(1);

    assertThat(call(HttpMethod.DELETE, PATH, token, null).statusCode()).isEqualTo(204);
    assertThat(call(HttpMethod.GET, PATH, token, null).statusCode()).isEqualTo(404);
  }

  @Test
  void tokensAreScopedToTheirTenant() {
    String t1 =
        call(HttpMethod.POST, "/_sandbox/tenants", null, new JsonObject().put("tenantId", "t1"))
            .bodyAsJsonObject()
            .getString("token");
    assertThat(call(HttpMethod.PUT, PATH, t1, mark("2026-03-02T10:00:00Z")).statusCode())
        .isEqualTo(201);
    assertThat(
            call(HttpMethod.PUT, "/v1/tenants/t2/bookmarks/x", t1, mark("2026-03-02T10:00:00Z"))
                .statusCode())
        .isEqualTo(403);
    assertThat(call(HttpMethod.PUT, PATH, null, mark("2026-03-02T10:00:00Z")).statusCode())
        .isEqualTo(401);
  }

  @Test
  void badBodiesGetProblemJsonNamingTheField() {
    var r = call(HttpMethod.PUT, PATH, "queast-sandbox-token", mark("yesterday"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.getHeader("content-type")).isEqualTo("application/problem+json");
    assertThat(r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("markedAt");
    var src =
        call(
            HttpMethod.PUT,
            PATH,
            "queast-sandbox-token",
            mark("2026-03-02T10:00:00Z").put("source", "salesforce"));
    assertThat(src.statusCode()).isEqualTo(400);
  }

  @Test
  void aDroppedResponseLeavesOneBookmarkAfterTheRetry() {
    call(
        HttpMethod.PUT, "/_sandbox/faults", null, new JsonObject().put("rateDropAfterCommit", 1.0));
    assertThatThrownBy(
            () -> call(HttpMethod.PUT, PATH, "queast-sandbox-token", mark("2026-03-02T10:00:00Z")))
        .isInstanceOf(io.vertx.core.http.HttpClosedException.class);
    call(HttpMethod.DELETE, "/_sandbox/faults", null, null);
    var retry = call(HttpMethod.PUT, PATH, "queast-sandbox-token", mark("2026-03-02T10:00:00Z"));
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(retry.bodyAsJsonObject().getString("outcome")).isEqualTo("unchanged");
    assertThat(sandbox.bookmarks("t1")).hasSize(1);
  }

  @Test
  void faultsAreReproducibleWithTheSeed() {
    JsonObject plan = new JsonObject().put("rate5xx", 0.5).put("seed", 3);
    call(HttpMethod.PUT, "/_sandbox/faults", null, plan);
    StringBuilder first = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      first
          .append(
              call(HttpMethod.GET, "/v1/tenants/t1/bookmarks", "queast-sandbox-token", null)
                  .statusCode())
          .append(',');
    }
    call(HttpMethod.PUT, "/_sandbox/faults", null, plan);
    StringBuilder second = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      second
          .append(
              call(HttpMethod.GET, "/v1/tenants/t1/bookmarks", "queast-sandbox-token", null)
                  .statusCode())
          .append(',');
    }
    assertThat(second.toString()).isEqualTo(first.toString()).contains("503").contains("200");
  }
}

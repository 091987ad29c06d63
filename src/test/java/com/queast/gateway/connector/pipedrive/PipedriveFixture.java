package com.queast.gateway.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.sandbox.pipedrive.CompanyCredentials;
import com.queast.gateway.sandbox.pipedrive.PipedriveSandbox;
import com.queast.gateway.sandbox.pipedrive.PipedriveSandboxOptions;
import com.queast.gateway.sandbox.pipedrive.Plan;
import com.queast.gateway.support.TestDatabase;
import com.queast.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** A Pipedrive sandbox and a gateway with the real Pipedrive connector, for the ITs. */
final class PipedriveFixture implements AutoCloseable {

  static final String CLIENT_ID = "pipedrive-sandbox-client";
  static final String CLIENT_SECRET = "pipedrive-sandbox-secret";

  final Vertx vertx;
  final PipedriveSandbox sandbox;
  final TestGateway gw;
  final TestDatabase db;

  PipedriveFixture(TestDatabase db, Map<String, String> extra) {
    this.db = db;
    db.exec("TRUNCATE tenants, jobs, lanes, delivery_log, idempotency_keys CASCADE");
    vertx = Vertx.vertx();
    sandbox =
        PipedriveSandbox.start(
                vertx,
                PipedriveSandboxOptions.defaults().toBuilder()
                    .port(0)
                    .oauthAutoConsent(true)
                    .requestLogSize(20_000)
                    .webhooks(1000, Duration.ofSeconds(1))
                    .build())
            .await()
            .atMost(Duration.ofSeconds(10));
    Map<String, String> o = new HashMap<>();
    o.put("GATEWAY_PIPEDRIVE_AUTH_URL", sandbox.baseUrl());
    o.put("GATEWAY_PIPEDRIVE_API_DOMAIN_PATTERN", "^http://127\\.0\\.0\\.1:\\d+$");
    o.put("GATEWAY_PIPEDRIVE_CLIENT_ID", CLIENT_ID);
    o.put("GATEWAY_PIPEDRIVE_CLIENT_SECRET", CLIENT_SECRET);
    o.put("GATEWAY_PIPEDRIVE_REDIRECT_URL", "http://127.0.0.1:1/v1/oauth/pipedrive/callback");
    o.put("GATEWAY_PIPEDRIVE_WEBHOOK_TARGET_URL", "http://127.0.0.1:9/v1/webhooks/pipedrive");
    o.put("GATEWAY_PIPEDRIVE_PLAN_MULTIPLIER", "5");
    o.put("GATEWAY_PIPEDRIVE_SEATS", "1");
    o.putAll(extra);
    gw = TestGateway.startWith(db, o, new PipedriveProvider());
  }

  CompanyCredentials company(Plan plan, int seats) {
    return sandbox.createCompany("Acme " + UUID.randomUUID(), plan, seats);
  }

  void tenant(String t) {
    assertThat(gw.http().put("/v1/tenants/" + t, new JsonObject().put("name", t)).status())
        .isBetween(200, 201);
  }

  JsonObject connectWithApiToken(String tenant, CompanyCredentials c) {
    var r =
        gw.http()
            .post(
                "/v1/tenants/" + tenant + "/connections",
                new JsonObject()
                    .put("crm", "pipedrive")
                    .put("auth", "api_token")
                    .put("apiToken", c.apiToken())
                    .put("apiDomain", c.apiDomain()));
    assertThat(r.status()).as(r.body()).isBetween(200, 201);
    return r.json();
  }

  /** Runs the OAuth install: connection, consent (auto), callback through the gateway. */
  JsonObject connectWithOAuth(String tenant, CompanyCredentials c) throws Exception {
    var created =
        gw.http()
            .post(
                "/v1/tenants/" + tenant + "/connections",
                new JsonObject().put("crm", "pipedrive").put("auth", "oauth"));
    assertThat(created.status()).as(created.body()).isBetween(200, 201);
    String authorize = created.json().getString("authorizeUrl");
    assertThat(authorize).startsWith(sandbox.baseUrl() + "/oauth/authorize?client_id=" + CLIENT_ID);
    HttpResponse<String> consent =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(authorize + "&company_id=" + c.companyId()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(consent.statusCode()).isEqualTo(302);
    URI back = URI.create(consent.headers().firstValue("location").orElseThrow());
    var cb = gw.anonymous().get("/v1/oauth/pipedrive/callback?" + back.getRawQuery());
    assertThat(cb.status()).as(cb.body()).isEqualTo(200);
    return gw.http()
        .get("/v1/tenants/" + tenant + "/connections/" + created.json().getString("connectionId"))
        .json();
  }

  void ingest(String tenant, String plural, int count, Function<Integer, JsonObject> make) {
    for (int from = 0; from < count; from += 1000) {
      JsonArray items = new JsonArray();
      for (int i = from; i < Math.min(count, from + 1000); i++) {
        items.add(make.apply(i));
      }
      var r =
          gw.http()
              .post(
                  "/v1/tenants/" + tenant + "/" + plural + ":batch",
                  new JsonObject().put("items", items));
      assertThat(r.status()).as(r.body()).isEqualTo(202);
    }
  }

  static JsonObject company(int i) {
    return new JsonObject()
        .put("id", "c" + i)
        .put("name", "Company " + i)
        .put("domain", "c" + i + ".example")
        .put("city", "Berlin")
        .put("country", "Germany");
  }

  static Function<Integer, JsonObject> person(int companies) {
    return i ->
        new JsonObject()
            .put("id", "p" + i)
            .put("firstName", "First" + i)
            .put("lastName", "Last" + i)
            .put("email", "p" + i + "@c" + (i % companies) + ".example")
            .put("phone", "+49 30 " + (100000 + i))
            .put("companyId", "c" + (i % companies));
  }

  static Function<Integer, JsonObject> signal(int companies, int people) {
    return i ->
        new JsonObject()
            .put("id", "s" + i)
            .put("companyId", "c" + (i % companies))
            .put("personId", "p" + (i % people))
            .put("type", "hiring")
            .put("title", "Signal " + i)
            .put("summary", "Something happened at company " + (i % companies))
            .put("occurredAt", "2026-11-01T10:00:00Z");
  }

  /** Job states and delivery-log codes, for failure messages. */
  String diagnostics() {
    StringBuilder b = new StringBuilder();
    for (String state :
        List.of("available", "running", "completed", "retryable", "snoozed", "dead")) {
      b.append(state)
          .append('=')
          .append(db.count("SELECT count(*) FROM jobs WHERE state::text = '" + state + "'"))
          .append(' ');
    }
    b.append("; available due in ")
        .append(
            db.count(
                "SELECT COALESCE(min(EXTRACT(EPOCH FROM run_at - now())), 0)::bigint FROM jobs"
                    + " WHERE state = 'available'"))
        .append("..")
        .append(
            db.count(
                "SELECT COALESCE(max(EXTRACT(EPOCH FROM run_at - now())), 0)::bigint FROM jobs"
                    + " WHERE state = 'available'"))
        .append(" s; lanes paused ")
        .append(db.count("SELECT count(*) FROM lanes WHERE paused_until > now()"))
        .append(", leased ")
        .append(db.count("SELECT count(*) FROM lanes WHERE lease_until > now()"))
        .append("; dead or available: ")
        .append(
            db.string(
                "SELECT string_agg(concat_ws(' ', state, kind, record_type, record_id, 'attempt',"
                    + " attempt, 'of', max_attempts, last_error::text), ' | ') FROM (SELECT * FROM"
                    + " jobs WHERE state IN ('dead', 'available') ORDER BY id LIMIT 12) j"));
    return b.toString();
  }

  /** Waits until n records of a connection are delivered, or fails with diagnostics. */
  void awaitDelivered(String connectionId, long n, Duration timeout) {
    try {
      org.awaitility.Awaitility.await().atMost(timeout).until(() -> delivered(connectionId) >= n);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "delivered "
              + delivered(connectionId)
              + " of "
              + n
              + "; jobs: "
              + diagnostics()
              + "; log: "
              + logSummary(),
          e);
    }
  }

  String logSummary() {
    StringBuilder b = new StringBuilder();
    try (var c =
            java.sql.DriverManager.getConnection(
                db.url().jdbcUrl(), db.url().user(), db.url().password());
        var st = c.createStatement();
        var rs =
            st.executeQuery(
                "SELECT outcome, coalesce(vendor_message,''), count(*) FROM delivery_log GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 12")) {
      while (rs.next()) {
        b.append(rs.getString(1))
            .append(':')
            .append(rs.getString(2))
            .append('=')
            .append(rs.getLong(3))
            .append("; ");
      }
    } catch (java.sql.SQLException e) {
      b.append(e);
    }
    return b.toString();
  }

  long delivered(String connectionId) {
    return db.count(
        "SELECT count(*) FROM deliveries WHERE crm_id IS NOT NULL AND connection_id = '"
            + connectionId
            + "'");
  }

  /** Values of the queast_id field over the company's live records of an entity. */
  List<String> queastIds(long companyId, String entity, String fieldKey) {
    return sandbox.records(companyId, entity).stream()
        .filter(r -> !r.getBoolean("is_deleted", false))
        .map(r -> r.getJsonObject("custom_fields", new JsonObject()).getString(fieldKey))
        .filter(v -> v != null)
        .toList();
  }

  /** Items of {@code GET /_sandbox/companies/{cid}/{what}} (admin API, deleted included). */
  List<JsonObject> adminItems(long companyId, String what) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            sandbox.baseUrl() + "/_sandbox/companies/" + companyId + "/" + what))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonArray items = new JsonObject(r.body()).getJsonArray("items");
    return items.stream().map(o -> (JsonObject) o).toList();
  }

  /** Sends an admin request to the sandbox. */
  int admin(String method, String path, JsonObject body) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                    .method(
                        method,
                        body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.encode()))
                    .header("Content-Type", "application/json")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return r.statusCode();
  }

  /**
   * Calls the sandbox's Pipedrive API with a company's API token.
   *
   * @return the answer's JSON (asserted 2xx)
   */
  JsonObject pipedriveApi(CompanyCredentials c, String method, String path, JsonObject body)
      throws Exception {
    return send(method, sandbox.baseUrl() + path, Map.of("x-api-token", c.apiToken()), body, null);
  }

  /**
   * A CRM user's action in the Pipedrive UI ({@code /_sandbox/companies/{cid}/...}: fires webhooks
   * with {@code change_source: "app"}).
   *
   * @return the record (the answer's {@code data}), or an empty object
   */
  JsonObject asUser(long companyId, String method, String path, JsonObject body, int status)
      throws Exception {
    JsonObject j =
        send(
            method,
            sandbox.baseUrl() + "/_sandbox/companies/" + companyId + path,
            Map.of(),
            body,
            status);
    return j.getValue("data") instanceof JsonObject d ? d : j;
  }

  private static JsonObject send(
      String method, String url, Map<String, String> headers, JsonObject body, Integer status)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.encode()));
    headers.forEach(b::header);
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (status == null ? r.statusCode() / 100 != 2 : r.statusCode() != status) {
      throw new AssertionError(
          method + " " + url + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body() == null || r.body().isBlank() ? new JsonObject() : new JsonObject(r.body());
  }

  double gatewayCounter(String name) {
    var c = gw.gateway().services().meters().find(name).counter();
    return c == null ? 0 : c.count();
  }

  @Override
  public void close() {
    gw.close();
    sandbox.close().await().atMost(Duration.ofSeconds(10));
    vertx.closeAndAwait();
  }
}

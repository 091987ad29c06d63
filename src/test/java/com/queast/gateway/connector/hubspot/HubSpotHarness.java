package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.sandbox.hubspot.HubSpotSandbox;
import com.queast.gateway.sandbox.hubspot.HubSpotSandboxOptions;
import com.queast.gateway.sandbox.hubspot.Portal;
import com.queast.gateway.support.Http;
import com.queast.gateway.support.SandboxProcess;
import com.queast.gateway.support.TestDatabase;
import com.queast.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A HubSpot sandbox and a gateway with the real HubSpot connector, wired to each other. */
final class HubSpotHarness implements AutoCloseable {

  static final String REDIRECT = "http://localhost/v1/oauth/hubspot/callback";

  final Vertx vertx;

  /** The sandbox in this JVM; null when it runs in a process of its own ({@link #external}). */
  final HubSpotSandbox sandbox;

  final SandboxProcess external;
  final TestGateway gw;

  HubSpotHarness(
      TestDatabase db, HubSpotSandboxOptions.Builder options, Map<String, String> extra) {
    this(db, Vertx.vertx(), options, extra);
  }

  private HubSpotHarness(
      TestDatabase db,
      Vertx vertx,
      HubSpotSandboxOptions.Builder options,
      Map<String, String> extra) {
    this(
        db,
        vertx,
        HubSpotSandbox.start(vertx, options.port(0).build()).await().atMost(Duration.ofSeconds(10)),
        null,
        extra);
  }

  /**
   * A gateway against the sandbox of another process (started with its default options).
   *
   * @param db test database
   * @param external the sandbox process; closed with the harness
   * @param extra more {@code GATEWAY_*} settings
   */
  HubSpotHarness(TestDatabase db, SandboxProcess external, Map<String, String> extra) {
    this(db, Vertx.vertx(), null, external, extra);
  }

  private HubSpotHarness(
      TestDatabase db,
      Vertx vertx,
      HubSpotSandbox sandbox,
      SandboxProcess external,
      Map<String, String> extra) {
    this.vertx = vertx;
    this.sandbox = sandbox;
    this.external = external;
    HubSpotSandboxOptions o =
        sandbox != null ? sandbox.options() : HubSpotSandboxOptions.builder().build();
    String baseUrl = sandbox != null ? sandbox.baseUrl() : external.hubspotUrl();
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_HUBSPOT_API_URL", baseUrl);
    env.put("GATEWAY_HUBSPOT_AUTH_URL", baseUrl);
    env.put("GATEWAY_HUBSPOT_CLIENT_ID", o.clientId());
    env.put("GATEWAY_HUBSPOT_CLIENT_SECRET", o.clientSecret());
    env.put("GATEWAY_HUBSPOT_APP_ID", Long.toString(o.appId()));
    env.put("GATEWAY_HUBSPOT_DEVELOPER_API_KEY", o.developerApiKey());
    env.put("GATEWAY_HUBSPOT_REDIRECT_URL", REDIRECT);
    env.putAll(extra);
    gw = TestGateway.startWith(db, env, new HubSpotProvider());
  }

  Http http() {
    return gw.http();
  }

  /** Installs the app by OAuth for a tenant into a portal, through the gateway's API. */
  JsonObject installByOAuth(String tenant, Portal portal) {
    return installByOAuth(tenant, portal.id());
  }

  /** Installs the app by OAuth for a tenant into a portal given by its id. */
  JsonObject installByOAuth(String tenant, long portal) {
    http().put("/v1/tenants/" + tenant, new JsonObject().put("name", tenant));
    Http.Res created =
        http()
            .post(
                "/v1/tenants/" + tenant + "/connections",
                new JsonObject().put("crm", "hubspot").put("auth", "oauth"));
    assertThat(created.status()).as(created.body()).isIn(200, 201);
    return consent(
        created.json().getString("authorizeUrl"),
        portal,
        tenant,
        created.json().getString("connectionId"));
  }

  /** Follows an authorize URL with automatic consent and completes the gateway's callback. */
  JsonObject consent(String authorizeUrl, Portal portal, String tenant, String connectionId) {
    return consent(authorizeUrl, portal.id(), tenant, connectionId);
  }

  private JsonObject consent(String authorizeUrl, long portal, String tenant, String connectionId) {
    String url = authorizeUrl + "&sandbox_auto_consent=true&portal_id=" + portal;
    String location;
    try {
      HttpResponse<String> r =
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NEVER)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(url)).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
      location = r.headers().firstValue("Location").orElseThrow();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    assertThat(location).startsWith(REDIRECT);
    Map<String, String> q = query(location.substring(location.indexOf('?') + 1));
    Http.Res cb =
        gw.anonymous()
            .get(
                "/v1/oauth/hubspot/callback?code="
                    + enc(q.get("code"))
                    + "&state="
                    + enc(q.get("state")));
    assertThat(cb.status()).as(cb.body()).isEqualTo(200);
    assertThat(cb.body()).contains("Connected");
    return http().get("/v1/tenants/" + tenant + "/connections/" + connectionId).json();
  }

  /** Ingests records of a type in pages of 1,000. */
  void ingest(String tenant, String plural, List<JsonObject> records) {
    for (int from = 0; from < records.size(); from += 1000) {
      JsonArray items = new JsonArray();
      records.subList(from, Math.min(records.size(), from + 1000)).forEach(items::add);
      Http.Res r =
          http()
              .post(
                  "/v1/tenants/" + tenant + "/" + plural + ":batch",
                  new JsonObject().put("items", items));
      assertThat(r.status()).as(r.body()).isEqualTo(202);
    }
  }

  static JsonObject company(String id) {
    return new JsonObject()
        .put("id", id)
        .put("name", word(id, 0) + " " + word(id, 1))
        .put("domain", "https://www." + id + ".example/about")
        .put("city", "Lyon")
        .put("employeeCount", 42)
        .put("tags", new JsonArray().add("saas").add("b2b"));
  }

  /**
   * A made-up word unique to an id, so test records never look alike to identity matching (no
   * shared name tokens, far apart in edit distance).
   */
  static String word(String id, int salt) {
    long h = (id.hashCode() * 0x9E3779B97F4A7C15L) ^ (salt * 0xC2B2AE3D27D4EB4FL);
    h ^= (h >>> 29);
    h *= 0xBF58476D1CE4E5B9L;
    h ^= (h >>> 32);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      b.append((char) ('a' + (int) Math.floorMod(h, 26L)));
      h = Math.floorDiv(h, 26L) * 31 + i;
    }
    b.setCharAt(0, Character.toUpperCase(b.charAt(0)));
    return b.toString();
  }

  static JsonObject person(String id, String companyId) {
    return new JsonObject()
        .put("id", id)
        .put("firstName", word(id, 2))
        .put("lastName", word(id, 3))
        .put("email", id + "@people.example")
        .put("companyId", companyId);
  }

  static JsonObject signal(String id, String companyId, String personId) {
    JsonObject s =
        new JsonObject()
            .put("id", id)
            .put("companyId", companyId)
            .put("type", "hiring")
            .put("title", "Signal " + id)
            .put("summary", "Something <happened> at " + companyId)
            .put("occurredAt", "2026-11-01T10:00:00Z");
    if (personId != null) {
      s.put("personId", personId);
    }
    return s;
  }

  private static Map<String, String> query(String q) {
    Map<String, String> out = new HashMap<>();
    for (String part : q.split("&")) {
      int eq = part.indexOf('=');
      out.put(
          URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    gw.close();
    if (sandbox != null) {
      sandbox.close().await().atMost(Duration.ofSeconds(5));
    }
    if (external != null) {
      external.close();
    }
    vertx.closeAndAwait();
  }
}

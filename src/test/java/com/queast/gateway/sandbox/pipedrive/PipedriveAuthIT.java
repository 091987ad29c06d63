package com.queast.gateway.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.MultiMap;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipedriveOAuthIT {

  private static final String REDIRECT = "http://localhost:9/callback";
  private Harness h;

  @AfterEach
  void stop() {
    h.close();
  }

  private String basic(String id, String secret) {
    return "Basic "
        + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private String authorize() {
    Harness.Resp r =
        Harness.send(
            h.request(
                HttpMethod.GET,
                "/oauth/authorize?client_id=pipedrive-sandbox-client&state=s1&redirect_uri="
                    + REDIRECT),
            null);
    assertThat(r.status()).isEqualTo(302);
    URI location = URI.create(r.header("location"));
    assertThat(location.getQuery()).contains("state=s1");
    return param(location, "code");
  }

  private static String param(URI uri, String name) {
    for (String kv : uri.getRawQuery().split("&")) {
      if (kv.startsWith(name + "=")) {
        return URLDecoder.decode(kv.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private Harness.Resp token(MultiMap form, String authorization) {
    var req = h.request(HttpMethod.POST, "/oauth/token");
    if (authorization != null) {
      req.putHeader("authorization", authorization);
    }
    var resp = req.sendForm(form).await().atMost(Duration.ofSeconds(10));
    return new Harness.Resp(resp.statusCode(), resp.headers(), resp.bodyAsString());
  }

  private Harness.Resp exchange(String code, String authorization) {
    return token(
        MultiMap.caseInsensitiveMultiMap()
            .add("grant_type", "authorization_code")
            .add("code", code)
            .add("redirect_uri", REDIRECT),
        authorization);
  }

  @Test
  void codeExchangeWithBasicClientAuthThenRefresh() {
    h = Harness.start(b -> b.oauthAutoConsent(true));
    Harness.Resp r =
        exchange(authorize(), basic("pipedrive-sandbox-client", "pipedrive-sandbox-secret"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonObject t = r.json();
    assertThat(t.getString("token_type")).isEqualTo("Bearer");
    assertThat(t.getLong("expires_in")).isEqualTo(3599L);
    assertThat(t.getString("api_domain")).isEqualTo(h.sandbox.baseUrl());
    assertThat(t.getString("scope")).contains("contacts:full");
    String access = t.getString("access_token");

    Harness.Resp me = h.bearer(HttpMethod.GET, "/api/v1/users/me", null, access);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().getJsonObject("data").getLong("company_id"))
        .isEqualTo(h.company.companyId());
    assertThat(me.header("x-ratelimit-limit")).isEqualTo("160");
    assertThat(me.header("x-daily-requests-left")).as("api_token requests only").isNull();

    h.clock.advance(Duration.ofSeconds(3600));
    assertThat(h.bearer(HttpMethod.GET, "/api/v1/users/me", null, access).status()).isEqualTo(401);

    Harness.Resp refreshed =
        token(
            MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "refresh_token")
                .add("refresh_token", t.getString("refresh_token")),
            basic("pipedrive-sandbox-client", "pipedrive-sandbox-secret"));
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(refreshed.json().getString("refresh_token")).isEqualTo(t.getString("refresh_token"));
    String access2 = refreshed.json().getString("access_token");
    assertThat(access2).isNotEqualTo(access);
    assertThat(h.bearer(HttpMethod.GET, "/api/v2/organizations", null, access2).status())
        .isEqualTo(200);
  }

  @Test
  void badClientsCodesAndFormsAreRefused() {
    h = Harness.start(b -> b.oauthAutoConsent(true));
    String code = authorize();
    Harness.Resp wrongSecret = exchange(code, basic("pipedrive-sandbox-client", "nope"));
    assertThat(wrongSecret.status()).isEqualTo(401);
    assertThat(wrongSecret.json().getString("error")).isEqualTo("invalid_client");
    assertThat(
            exchange(code, basic("pipedrive-sandbox-client", "pipedrive-sandbox-secret")).status())
        .as("a failed client authentication does not consume the code")
        .isEqualTo(200);
    Harness.Resp reused =
        exchange(code, basic("pipedrive-sandbox-client", "pipedrive-sandbox-secret"));
    assertThat(reused.status()).isEqualTo(400);
    assertThat(reused.json().getString("error")).isEqualTo("invalid_grant");

    String late = authorize();
    h.clock.advance(Duration.ofMinutes(5));
    assertThat(
            exchange(late, basic("pipedrive-sandbox-client", "pipedrive-sandbox-secret"))
                .json()
                .getString("error_description"))
        .contains("expired");

    Harness.Resp json =
        Harness.send(
            h.request(HttpMethod.POST, "/oauth/token")
                .putHeader(
                    "authorization", basic("pipedrive-sandbox-client", "pipedrive-sandbox-secret")),
            new JsonObject().put("grant_type", "authorization_code"));
    assertThat(json.status()).isEqualTo(400);
    assertThat(json.json().getString("error_description")).contains("x-www-form-urlencoded");
  }

  @Test
  void adminCanExpireAccessAndRevokeRefreshTokens() {
    h = Harness.start(b -> b.oauthAutoConsent(true));
    JsonObject t =
        exchange(authorize(), basic("pipedrive-sandbox-client", "pipedrive-sandbox-secret")).json();
    String access = t.getString("access_token");
    assertThat(
            h.admin(
                    HttpMethod.POST,
                    "/_sandbox/oauth/access-tokens/expire",
                    new JsonObject().put("token", access))
                .status())
        .isEqualTo(200);
    Harness.Resp expired = h.bearer(HttpMethod.GET, "/api/v2/persons", null, access);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.json().getString("error")).contains("access_token is invalid");

    h.admin(
        HttpMethod.POST,
        "/_sandbox/oauth/refresh-tokens/revoke",
        new JsonObject().put("token", t.getString("refresh_token")));
    Harness.Resp refused =
        token(
            MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "refresh_token")
                .add("refresh_token", t.getString("refresh_token")),
            basic("pipedrive-sandbox-client", "pipedrive-sandbox-secret"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().getString("error")).isEqualTo("invalid_grant");
  }

  @Test
  void consentPageApprovesThroughAForm() {
    h = Harness.start();
    Harness.Resp page =
        Harness.send(
            h.request(
                HttpMethod.GET,
                "/oauth/authorize?client_id=pipedrive-sandbox-client&redirect_uri=" + REDIRECT),
            null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Approve").contains("/oauth/authorize/decision");
    var resp =
        h.request(HttpMethod.POST, "/oauth/authorize/decision")
            .sendForm(
                MultiMap.caseInsensitiveMultiMap()
                    .add("client_id", "pipedrive-sandbox-client")
                    .add("redirect_uri", REDIRECT)
                    .add("company_id", String.valueOf(h.company.companyId()))
                    .add("decision", "approve"))
            .await()
            .atMost(Duration.ofSeconds(10));
    assertThat(resp.statusCode()).isEqualTo(302);
    String code = param(URI.create(resp.getHeader("location")), "code");
    assertThat(
            exchange(code, basic("pipedrive-sandbox-client", "pipedrive-sandbox-secret")).status())
        .isEqualTo(200);

    var denied =
        h.request(HttpMethod.POST, "/oauth/authorize/decision")
            .sendForm(
                MultiMap.caseInsensitiveMultiMap()
                    .add("client_id", "pipedrive-sandbox-client")
                    .add("redirect_uri", REDIRECT)
                    .add("decision", "deny"))
            .await()
            .atMost(Duration.ofSeconds(10));
    assertThat(denied.getHeader("location")).contains("error=user_denied");
  }

  @Test
  void tokensWithoutTheEndpointsScopeGet403ScopeMismatch() {
    h = Harness.start(b -> b.oauthAutoConsent(true).oauthScope("base,contacts:read"));
    String access =
        exchange(authorize(), basic("pipedrive-sandbox-client", "pipedrive-sandbox-secret"))
            .json()
            .getString("access_token");
    assertThat(h.bearer(HttpMethod.GET, "/api/v2/organizations", null, access).status())
        .isEqualTo(200);
    Harness.Resp write =
        h.bearer(
            HttpMethod.POST, "/api/v2/organizations", new JsonObject().put("name", "A"), access);
    assertThat(write.status()).isEqualTo(403);
    assertThat(write.json().getString("error")).isEqualTo("Scope and URL mismatch");
    assertThat(h.bearer(HttpMethod.GET, "/api/v1/webhooks", null, access).status()).isEqualTo(403);
    assertThat(h.sandbox.tokensUsedToday(h.company.companyId()))
        .as("refused before charging")
        .isEqualTo(10);
  }

  @Test
  void signalFieldListsNeedTheScopesOfTheirObjects() {
    h = Harness.start(b -> b.oauthAutoConsent(true).oauthScope("base,contacts:read"));
    String access =
        exchange(authorize(), basic("pipedrive-sandbox-client", "pipedrive-sandbox-secret"))
            .json()
            .getString("access_token");
    assertThat(h.bearer(HttpMethod.GET, "/api/v1/noteFields", null, access).status())
        .isEqualTo(200);
    Harness.Resp activities = h.bearer(HttpMethod.GET, "/api/v2/activityFields", null, access);
    assertThat(activities.status()).isEqualTo(403);
    assertThat(activities.json().getString("error")).isEqualTo("Scope and URL mismatch");
    assertThat(h.sandbox.tokensUsedToday(h.company.companyId()))
        .as("only the note fields were charged")
        .isEqualTo(20);
  }
}

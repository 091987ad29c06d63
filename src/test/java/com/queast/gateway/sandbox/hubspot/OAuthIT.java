package com.queast.gateway.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OAuthIT {

  static SandboxFixture fx;
  static final String REDIRECT = "http://localhost:9999/callback";
  static final String SCOPES =
      "oauth crm.objects.companies.read crm.objects.companies.write crm.objects.contacts.read"
          + " crm.objects.contacts.write crm.schemas.companies.read crm.schemas.companies.write"
          + " crm.schemas.contacts.read crm.schemas.contacts.write";

  @BeforeAll
  static void start() {
    fx = new SandboxFixture(b -> b.rotateRefreshTokens(false));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String authorizeUrl(String extra) {
    return "/oauth/authorize?client_id=sandbox-client-id&redirect_uri="
        + enc(REDIRECT)
        + "&scope="
        + enc(SCOPES)
        + "&state=xyz"
        + extra;
  }

  private static String codeFrom(TestHttp.Res redirect) {
    assertThat(redirect.status()).isEqualTo(302);
    String location = redirect.header("Location");
    assertThat(location).startsWith(REDIRECT + "?code=").endsWith("&state=xyz");
    Matcher m = Pattern.compile("code=([^&]+)").matcher(location);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static JsonObject exchange(String path, String code) {
    TestHttp.Res r =
        fx.http.form(
            path,
            "grant_type=authorization_code&client_id=sandbox-client-id"
                + "&client_secret=sandbox-client-secret&redirect_uri="
                + enc(REDIRECT)
                + "&code="
                + code);
    assertThat(r.status()).isEqualTo(200);
    return r.json();
  }

  @Test
  void codeTokenRefreshIntrospectRevokeAndExpiry() {
    long portal = fx.http.post("/_sandbox/portals", new JsonObject()).json().getLong("portalId");
    String code =
        codeFrom(fx.http.get(authorizeUrl("&sandbox_auto_consent=true&portal_id=" + portal)));
    JsonObject tokens = exchange("/oauth/v1/token", code);
    assertThat(tokens.getString("token_type")).isEqualTo("bearer");
    assertThat(tokens.getLong("expires_in")).isEqualTo(1800);
    String access = tokens.getString("access_token");
    String refresh = tokens.getString("refresh_token");
    assertThat(access.length()).isLessThanOrEqualTo(512);

    TestHttp api = fx.http.withToken(access);
    TestHttp.Res created =
        api.post(
            "/crm/v3/objects/companies",
            new JsonObject().put("properties", new JsonObject().put("name", "Via OAuth")));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("X-HubSpot-RateLimit-Max")).isEqualTo("110");
    assertThat(created.header("X-HubSpot-RateLimit-Daily")).isNull();

    JsonObject info = fx.http.get("/oauth/v1/access-tokens/" + access).json();
    assertThat(info.getLong("hub_id")).isEqualTo(portal);
    assertThat(info.getLong("app_id")).isEqualTo(1160452L);
    assertThat(info.getJsonArray("scopes")).contains("crm.objects.companies.write");
    assertThat(info.getLong("expires_in")).isEqualTo(1800);
    assertThat(info.getString("token_type")).isEqualTo("access");

    JsonObject dated =
        fx.http
            .form(
                "/oauth/2026-03/token/introspect",
                "client_id=sandbox-client-id&client_secret=sandbox-client-secret&token=" + access)
            .json();
    assertThat(dated.getBoolean("active")).isTrue();
    assertThat(dated.getLong("hub_id")).isEqualTo(portal);

    fx.clock.advance(Duration.ofSeconds(1801));
    TestHttp.Res expired = api.get("/crm/v3/objects/companies");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.json().getString("category")).isEqualTo("EXPIRED_AUTHENTICATION");
    assertThat(expired.json().getString("message"))
        .isEqualTo("The OAuth token used to make this call expired 1 second(s) ago.");
    assertThat(expired.json().getJsonObject("context").getJsonArray("expire time")).hasSize(1);

    TestHttp.Res refreshed =
        fx.http.form(
            "/oauth/2026-03/token",
            "grant_type=refresh_token"
                + "&client_id=sandbox-client-id&client_secret=sandbox-client-secret&refresh_token="
                + refresh);
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(refreshed.json().getString("refresh_token")).isEqualTo(refresh);
    String access2 = refreshed.json().getString("access_token");
    assertThat(fx.http.withToken(access2).get("/crm/v3/objects/companies").status()).isEqualTo(200);

    assertThat(fx.http.post("/_sandbox/oauth/access-tokens/" + access2 + "/expire", null).status())
        .isEqualTo(200);
    assertThat(
            fx.http
                .withToken(access2)
                .get("/crm/v3/objects/companies")
                .json()
                .getString("category"))
        .isEqualTo("EXPIRED_AUTHENTICATION");

    assertThat(fx.http.get("/oauth/v1/refresh-tokens/" + refresh).json().getLong("hub_id"))
        .isEqualTo(portal);
    assertThat(fx.http.delete("/oauth/v1/refresh-tokens/" + refresh).status()).isEqualTo(204);
    TestHttp.Res bad =
        fx.http.form(
            "/oauth/v1/token",
            "grant_type=refresh_token"
                + "&client_id=sandbox-client-id&client_secret=sandbox-client-secret&refresh_token="
                + refresh);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getString("status")).isEqualTo("BAD_REFRESH_TOKEN");
    TestHttp.Res badDated =
        fx.http.form(
            "/oauth/2026-03/token",
            "grant_type=refresh_token"
                + "&client_id=sandbox-client-id&client_secret=sandbox-client-secret&refresh_token="
                + refresh);
    assertThat(badDated.json().getString("error")).isEqualTo("invalid_grant");
  }

  @Test
  void rotationIssuesANewRefreshTokenAndRetiresTheOld() {
    SandboxFixture rot = new SandboxFixture(b -> b.rotateRefreshTokens(true).autoConsent(true));
    try {
      String code = codeFrom(rot.http.get(authorizeUrl("")));
      TestHttp.Res t =
          rot.http.form(
              "/oauth/v1/token",
              "grant_type=authorization_code"
                  + "&client_id=sandbox-client-id&client_secret=sandbox-client-secret&redirect_uri="
                  + enc(REDIRECT)
                  + "&code="
                  + code);
      String refresh = t.json().getString("refresh_token");
      String form =
          "grant_type=refresh_token&client_id=sandbox-client-id"
              + "&client_secret=sandbox-client-secret&refresh_token="
              + refresh;
      TestHttp.Res r1 = rot.http.form("/oauth/v1/token", form);
      assertThat(r1.json().getString("refresh_token")).isNotEqualTo(refresh);
      assertThat(rot.http.form("/oauth/v1/token", form).status()).isEqualTo(400);
      assertThat(
              rot.http
                  .form(
                      "/oauth/v1/token",
                      "grant_type=authorization_code"
                          + "&client_id=sandbox-client-id&client_secret=sandbox-client-secret&redirect_uri="
                          + enc(REDIRECT)
                          + "&code="
                          + code)
                  .json()
                  .getString("status"))
          .isEqualTo("BAD_AUTH_CODE");
    } finally {
      rot.close();
    }
  }

  @Test
  void consentPageApprovesThroughAFormPost() {
    long portal = fx.http.post("/_sandbox/portals", new JsonObject()).json().getLong("portalId");
    TestHttp.Res page = fx.http.get(authorizeUrl(""));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body()).contains("id=\"approve\"").contains("Portal " + portal);
    TestHttp.Res approved =
        fx.http.form(
            "/oauth/authorize/decision",
            "client_id=sandbox-client-id"
                + "&redirect_uri="
                + enc(REDIRECT)
                + "&state=xyz&scope="
                + enc(SCOPES)
                + "&portal_id="
                + portal
                + "&decision=approve");
    String code = codeFrom(approved);
    JsonObject tokens = exchange("/oauth/2026-03/token", code);
    assertThat(tokens.getLong("hub_id")).isEqualTo(portal);
    TestHttp.Res denied =
        fx.http.form(
            "/oauth/authorize/decision",
            "client_id=sandbox-client-id"
                + "&redirect_uri="
                + enc(REDIRECT)
                + "&state=xyz&decision=deny");
    assertThat(denied.header("Location")).contains("error=access_denied");
  }

  @Test
  void wrongClientSecretIsRejected() {
    TestHttp.Res r =
        fx.http.form(
            "/oauth/v1/token",
            "grant_type=authorization_code"
                + "&client_id=sandbox-client-id&client_secret=nope&code=x&redirect_uri="
                + enc(REDIRECT));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("status")).isEqualTo("BAD_CLIENT_SECRET");
  }

  @Test
  void missingScopeIsForbiddenWithHubSpotsBody() {
    JsonObject p =
        fx.http
            .post(
                "/_sandbox/portals",
                new JsonObject().put("scopes", new JsonArray().add("crm.objects.contacts.read")))
            .json();
    TestHttp api = fx.http.withToken(p.getString("privateAppToken"));
    assertThat(api.get("/crm/v3/objects/contacts").status()).isEqualTo(200);
    TestHttp.Res r = api.get("/crm/v3/objects/companies");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().getString("category")).isEqualTo("MISSING_SCOPES");
    assertThat(
            r.json()
                .getJsonArray("errors")
                .getJsonObject(0)
                .getJsonObject("context")
                .getJsonArray("requiredGranularScopes"))
        .contains("crm.objects.companies.read");
  }
}

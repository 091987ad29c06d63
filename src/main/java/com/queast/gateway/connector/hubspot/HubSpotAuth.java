package com.queast.gateway.connector.hubspot;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.connector.ConnectRequest;
import com.queast.gateway.connector.ConnectResult;
import com.queast.gateway.tenant.ConnectionStore;
import com.queast.gateway.tenant.TokenManager;
import io.micrometer.core.instrument.Counter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HubSpot authentication: the OAuth install (authorize URL, code exchange, introspection for the
 * portal id), token refresh for {@link TokenManager}, and private-app tokens.
 */
public final class HubSpotAuth {

  /** HubSpot's account-info API: the account the calling token belongs to. */
  static final String ACCOUNT_INFO_PATH = "/account-info/v3/details";

  /** Scopes the connector needs (vendor notes §4.4): objects, and schemas for setup. */
  public static final List<String> SCOPES =
      List.of(
          "oauth",
          "crm.objects.companies.read",
          "crm.objects.companies.write",
          "crm.objects.contacts.read",
          "crm.objects.contacts.write",
          "crm.schemas.companies.read",
          "crm.schemas.companies.write",
          "crm.schemas.contacts.read",
          "crm.schemas.contacts.write");

  private final HubSpotOptions cfg;
  private final HubSpotPaths paths;
  private final HubSpotHttp http;
  private final Clock clock;
  private final Counter refreshes;

  /**
   * Authentication for one gateway.
   *
   * @param cfg HubSpot settings
   * @param paths API paths
   * @param http HTTP client
   * @param clock time source
   * @param refreshes counter of successful refreshes
   */
  public HubSpotAuth(
      HubSpotOptions cfg, HubSpotPaths paths, HubSpotHttp http, Clock clock, Counter refreshes) {
    this.cfg = cfg;
    this.paths = paths;
    this.http = http;
    this.clock = clock;
    this.refreshes = refreshes;
  }

  /**
   * The consent URL.
   *
   * @param state the foundation's single-use state
   * @return URL on {@code authUrl}
   */
  public String authorizeUrl(String state) {
    String base =
        cfg.authUrl().endsWith("/")
            ? cfg.authUrl().substring(0, cfg.authUrl().length() - 1)
            : cfg.authUrl();
    return base
        + "/oauth/authorize?client_id="
        + enc(cfg.clientId())
        + "&scope="
        + enc(String.join(" ", SCOPES))
        + "&optional_scope="
        + enc(String.join(" ", CustomSignals.SCOPES))
        + "&redirect_uri="
        + enc(cfg.redirectUrl())
        + "&state="
        + enc(state);
  }

  /**
   * Exchanges an authorization code and introspects the token for the portal id.
   *
   * @param code the code
   * @return a Uni emitting the connection facts; fails with a 400/502 {@code GatewayException}
   */
  public Uni<ConnectResult> exchangeCode(String code) {
    Map<String, String> form = client();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", cfg.redirectUrl());
    return http.form(paths.token(), form)
        .chain(
            r -> {
              JsonObject j = r.json();
              if (r.status() != 200 || j == null || j.getString("access_token") == null) {
                throw new GatewayException(
                    "oauth_exchange_failed",
                    r.status() >= 400 && r.status() < 500 ? 400 : 502,
                    "HubSpot refused the authorization code: " + r.message());
              }
              return introspect(j.getString("access_token"))
                  .map(
                      info -> {
                        JsonObject creds = credentials(j);
                        JsonObject config =
                            new JsonObject()
                                .put("hubDomain", info.getString("hub_domain"))
                                .put("scopes", info.getValue("scopes", new JsonArray()));
                        return new ConnectResult(
                            String.valueOf(info.getValue("hub_id")), creds, expiry(j), config);
                      });
            });
  }

  private Uni<JsonObject> introspect(String accessToken) {
    Uni<HubSpotResponse> call;
    if (paths.legacy()) {
      call = http.json(HttpMethod.GET, paths.introspect() + enc(accessToken), null, null);
    } else {
      Map<String, String> form = client();
      form.put("token", accessToken);
      form.put("token_type_hint", "access_token");
      call = http.form(paths.introspect(), form);
    }
    return call.map(
        r -> {
          JsonObject j = r.json();
          if (r.status() != 200 || j == null || j.getValue("hub_id") == null) {
            throw new GatewayException(
                "oauth_introspection_failed",
                502,
                "HubSpot did not describe the token: " + r.message());
          }
          return j;
        });
  }

  /**
   * Refreshes an access token; the refresher handed to {@link TokenManager}.
   *
   * @param current current secrets ({@code refreshToken})
   * @return a Uni emitting new secrets (the refresh token HubSpot returns is always kept); fails
   *     with {@link TokenManager.ReauthRequired} when HubSpot refuses the refresh token
   */
  public Uni<ConnectionStore.Refreshed> refresh(JsonObject current) {
    String refreshToken = current.getString("refreshToken");
    if (refreshToken == null) {
      return Uni.createFrom().failure(new TokenManager.ReauthRequired("no refresh token stored"));
    }
    Map<String, String> form = client();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
    return http.form(paths.token(), form)
        .map(
            r -> {
              JsonObject j = r.json();
              if (r.status() == 200 && j != null && j.getString("access_token") != null) {
                refreshes.increment();
                JsonObject creds = credentials(j);
                if (creds.getString("refreshToken") == null) {
                  creds.put("refreshToken", refreshToken);
                }
                return new ConnectionStore.Refreshed(creds, expiry(j));
              }
              String status = j == null ? null : j.getString("status");
              String error = j == null ? null : j.getString("error");
              if (r.status() >= 400
                  && r.status() < 500
                  && ("BAD_REFRESH_TOKEN".equals(status) || "invalid_grant".equals(error))) {
                throw new TokenManager.ReauthRequired(r.message());
              }
              throw new GatewayException(
                  "token_refresh_failed", 502, "HubSpot token refresh failed: " + r.message());
            });
  }

  /**
   * Verifies a private-app token and learns its portal from HubSpot's account-info API, never from
   * the request: a token opens exactly one account, and only HubSpot can say which. A {@code
   * portalId} in the request is optional and, when given, must agree with what HubSpot says.
   *
   * @param request the connect request ({@code accessToken}, optional {@code portalId})
   * @return a Uni emitting the connection facts; fails with a 400 naming the bad field when the
   *     token is refused, the portal cannot be proven, or the given portal is another one
   */
  public Uni<ConnectResult> connectPrivateApp(ConnectRequest request) {
    Object tokenValue = request.body().getValue("accessToken");
    if (!(tokenValue instanceof String token) || token.isBlank()) {
      throw GatewayException.validation(
          "the connection is invalid",
          List.of(
              new FieldError(
                  "accessToken", "required", "accessToken (the private-app token) is required")));
    }
    Object given = request.body().getValue("portalId");
    String givenPortal = given == null ? null : String.valueOf(given);
    return http.json(HttpMethod.GET, ACCOUNT_INFO_PATH, token, null)
        .map(
            info -> {
              if (info.status() == 401) {
                throw invalidToken(info);
              }
              JsonObject j = info.json();
              Object proven = j == null ? null : j.getValue("portalId");
              if (info.status() != 200 || !(proven instanceof Number)) {
                throw GatewayException.validation(
                    "the portal cannot be proven",
                    List.of(
                        new FieldError(
                            "accessToken",
                            "portal_unproven",
                            "HubSpot's account-info API did not name the token's portal ("
                                + ACCOUNT_INFO_PATH
                                + " answered "
                                + info.status()
                                + "); the gateway learns the portal from the token only")));
              }
              String portal = String.valueOf(((Number) proven).longValue());
              if (givenPortal != null && !givenPortal.equals(portal)) {
                throw GatewayException.validation(
                    "the portal does not match the token",
                    List.of(
                        new FieldError(
                            "portalId",
                            "mismatch",
                            "portalId does not belong to this token; omit it, the portal is"
                                + " learned from the token")));
              }
              return portal;
            })
        .map(
            portal ->
                new ConnectResult(
                    portal,
                    new JsonObject().put("accessToken", token),
                    null,
                    new JsonObject().put("privateApp", true)));
  }

  private static GatewayException invalidToken(HubSpotResponse r) {
    return GatewayException.validation(
        "the token was refused",
        List.of(
            new FieldError("accessToken", "invalid", "HubSpot refused the token: " + r.message())));
  }

  private Map<String, String> client() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", cfg.clientId());
    form.put("client_secret", cfg.clientSecret());
    return form;
  }

  private static JsonObject credentials(JsonObject tokenResponse) {
    JsonObject c = new JsonObject().put("accessToken", tokenResponse.getString("access_token"));
    if (tokenResponse.getString("refresh_token") != null) {
      c.put("refreshToken", tokenResponse.getString("refresh_token"));
    }
    return c;
  }

  private Instant expiry(JsonObject tokenResponse) {
    long seconds = tokenResponse.getLong("expires_in", 1800L);
    return clock.instant().plusSeconds(seconds);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }
}

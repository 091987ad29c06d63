package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.common.GatewayException;
import com.queast.gateway.tenant.ConnectionStore;
import com.queast.gateway.tenant.TokenManager;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * Pipedrive's OAuth server (vendor notes §2.2): the consent URL, the code exchange and the refresh,
 * both form-encoded with the client credentials in HTTP Basic. The token answer's {@code
 * api_domain} is the company's API base URL.
 */
public final class PipedriveAuth {

  private final WebClient client;
  private final PipedriveOptions cfg;
  private final Clock clock;

  /**
   * An OAuth client.
   *
   * @param vertx Vert.x
   * @param cfg the {@code pipedrive} configuration
   * @param clock time source
   */
  public PipedriveAuth(Vertx vertx, PipedriveOptions cfg, Clock clock) {
    this.client = WebClient.create(vertx);
    this.cfg = cfg;
    this.clock = clock;
  }

  /**
   * The consent URL (no scope or PKCE parameters: Pipedrive takes the app's scopes).
   *
   * @param state the gateway's single-use state
   * @return the URL
   */
  public String authorizeUrl(String state) {
    return base()
        + "/oauth/authorize?client_id="
        + enc(cfg.clientId())
        + "&redirect_uri="
        + enc(cfg.redirectUrl())
        + "&state="
        + enc(state);
  }

  private String base() {
    String b = cfg.authUrl();
    return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }

  /**
   * Exchanges an authorization code.
   *
   * @param code the code
   * @return a Uni emitting credentials {@code accessToken, refreshToken, apiDomain} and their
   *     expiry; fails with a 400 {@link GatewayException} when Pipedrive refuses the code
   */
  public Uni<ConnectionStore.Refreshed> exchange(String code) {
    MultiMap form =
        MultiMap.caseInsensitiveMultiMap()
            .add("grant_type", "authorization_code")
            .add("code", code)
            .add("redirect_uri", cfg.redirectUrl());
    return token(form, new JsonObject())
        .onFailure(TokenManager.ReauthRequired.class)
        .transform(t -> new GatewayException("oauth_code_refused", 400, t.getMessage()));
  }

  /**
   * Refreshes an access token (the same refresh token comes back, its window extended).
   *
   * @param current current credentials
   * @return a Uni emitting the new credentials (other keys of {@code current} kept); fails with
   *     {@link TokenManager.ReauthRequired} when Pipedrive refuses the refresh token
   */
  public Uni<ConnectionStore.Refreshed> refresh(JsonObject current) {
    MultiMap form =
        MultiMap.caseInsensitiveMultiMap()
            .add("grant_type", "refresh_token")
            .add("refresh_token", current.getString("refreshToken", ""));
    return token(form, current.copy());
  }

  private Uni<ConnectionStore.Refreshed> token(MultiMap form, JsonObject keep) {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (cfg.clientId() + ":" + cfg.clientSecret()).getBytes(StandardCharsets.UTF_8));
    return client
        .postAbs(base() + "/oauth/token")
        .putHeader("Authorization", "Basic " + basic)
        .timeout(15_000)
        .sendForm(form)
        .map(
            r -> {
              JsonObject b;
              try {
                b = r.bodyAsJsonObject();
              } catch (RuntimeException e) {
                b = null;
              }
              if (r.statusCode() == 400 || r.statusCode() == 401) {
                String why = b == null ? "HTTP " + r.statusCode() : describe(b);
                throw new TokenManager.ReauthRequired(why);
              }
              if (r.statusCode() != 200 || b == null || b.getString("access_token") == null) {
                throw new GatewayException(
                    "pipedrive_oauth_unavailable",
                    502,
                    "Pipedrive's token endpoint answered HTTP " + r.statusCode());
              }
              JsonObject creds =
                  keep.put("accessToken", b.getString("access_token"))
                      .put(
                          "refreshToken",
                          b.getString("refresh_token", keep.getString("refreshToken")))
                      .put("apiDomain", b.getString("api_domain", keep.getString("apiDomain")))
                      .put("scope", b.getString("scope"));
              long expiresIn = b.getLong("expires_in", 3599L);
              return new ConnectionStore.Refreshed(creds, clock.instant().plusSeconds(expiresIn));
            });
  }

  private static String describe(JsonObject b) {
    String d = b.getString("error_description");
    if (d == null) {
      d = b.getString("message");
    }
    return d == null ? String.valueOf(b.getValue("error")) : d;
  }

  /** Closes the HTTP client. */
  public void close() {
    client.close();
  }
}

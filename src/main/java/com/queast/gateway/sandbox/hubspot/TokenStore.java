package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth state: authorization codes, access tokens (30 minutes by default) and refresh tokens (no
 * expiry; optionally rotated on refresh), plus bearer authentication of CRM calls by OAuth or
 * private-app token.
 */
public final class TokenStore {

  record Code(long portalId, Set<String> scopes, String redirectUri, Instant expiresAt) {}

  record Access(long portalId, Set<String> scopes, Instant expiresAt, String refreshToken) {}

  record Refresh(long portalId, Set<String> scopes) {}

  private final HubSpotSandboxOptions options;
  private final PortalRegistry portals;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Code> codes = new ConcurrentHashMap<>();
  private final Map<String, Access> access = new ConcurrentHashMap<>();
  private final Map<String, Refresh> refresh = new ConcurrentHashMap<>();

  /**
   * A store.
   *
   * @param options options (app credentials, lifetimes, rotation, clock)
   * @param portals the portals
   */
  public TokenStore(HubSpotSandboxOptions options, PortalRegistry portals) {
    this.options = options;
    this.portals = portals;
  }

  Instant now() {
    return options.clock().instant();
  }

  /**
   * Issues an authorization code for an approved install.
   *
   * @param portal installing portal
   * @param scopes granted scopes
   * @param redirectUri redirect URI the code is bound to
   * @return the code
   */
  public String issueCode(Portal portal, Set<String> scopes, String redirectUri) {
    String code = UUID.randomUUID().toString();
    codes.put(
        code,
        new Code(portal.id(), Set.copyOf(scopes), redirectUri, now().plus(options.authCodeTtl())));
    return code;
  }

  /**
   * Exchanges a code for tokens ({@code grant_type=authorization_code}).
   *
   * @param form the form parameters
   * @return the token response
   * @throws OAuthError on bad client credentials, code or redirect URI
   */
  public JsonObject exchangeCode(Map<String, String> form) {
    checkClient(form);
    String code = form.get("code");
    Code c = code == null ? null : codes.remove(code);
    if (c == null) {
      throw new OAuthError(400, "BAD_AUTH_CODE", "invalid_grant", "missing or unknown auth code");
    }
    if (c.expiresAt().isBefore(now())) {
      throw new OAuthError(400, "EXPIRED_AUTH_CODE", "invalid_grant", "auth code is expired");
    }
    if (c.redirectUri() != null && !c.redirectUri().equals(form.get("redirect_uri"))) {
      throw new OAuthError(
          400,
          "BAD_REDIRECT_URI",
          "invalid_grant",
          "redirect_uri does not match the one authorized");
    }
    String refreshToken = newRefreshToken(c.portalId(), c.scopes());
    return issueAccess(c.portalId(), c.scopes(), refreshToken);
  }

  /**
   * Refreshes ({@code grant_type=refresh_token}).
   *
   * @param form the form parameters
   * @return the token response
   * @throws OAuthError on bad client credentials or an unknown/revoked refresh token
   */
  public JsonObject refresh(Map<String, String> form) {
    checkClient(form);
    String token = form.get("refresh_token");
    Refresh r = token == null ? null : refresh.get(token);
    if (r == null) {
      throw new OAuthError(
          400,
          "BAD_REFRESH_TOKEN",
          "invalid_grant",
          "refresh token is invalid, expired or revoked");
    }
    String next = token;
    if (options.rotateRefreshTokens()) {
      refresh.remove(token);
      next = newRefreshToken(r.portalId(), r.scopes());
    }
    return issueAccess(r.portalId(), r.scopes(), next);
  }

  private String newRefreshToken(long portalId, Set<String> scopes) {
    String token = UUID.randomUUID().toString();
    refresh.put(token, new Refresh(portalId, scopes));
    return token;
  }

  private JsonObject issueAccess(long portalId, Set<String> scopes, String refreshToken) {
    byte[] b = new byte[96];
    random.nextBytes(b);
    String token = "C" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    access.put(
        token, new Access(portalId, scopes, now().plus(options.accessTokenTtl()), refreshToken));
    return new JsonObject()
        .put("token_type", "bearer")
        .put("refresh_token", refreshToken)
        .put("access_token", token)
        .put("expires_in", options.accessTokenTtl().toSeconds())
        .put("hub_id", portalId)
        .put("scopes", new JsonArray(new java.util.ArrayList<>(new TreeSet<>(scopes))));
  }

  private void checkClient(Map<String, String> form) {
    if (!options.clientId().equals(form.get("client_id"))) {
      throw new OAuthError(400, "BAD_CLIENT_ID", "invalid_client", "missing or invalid client_id");
    }
    if (!options.clientSecret().equals(form.get("client_secret"))) {
      throw new OAuthError(
          400, "BAD_CLIENT_SECRET", "invalid_client", "missing or invalid client_secret");
    }
  }

  /**
   * Authenticates a CRM call's bearer token.
   *
   * @param bearer the token (without {@code Bearer })
   * @return the principal
   * @throws HubSpotError 401 {@code EXPIRED_AUTHENTICATION} or {@code INVALID_AUTHENTICATION}
   */
  public Principal authenticate(String bearer) {
    if (bearer == null || bearer.isBlank()) {
      throw AuthErrors.missing();
    }
    Portal pa = portals.byPrivateToken(bearer).orElse(null);
    if (pa != null) {
      return new Principal(pa, pa.id() * 10 + 1, pa.privateAppScopes(), true, pa.privateAppTier());
    }
    Access a = access.get(bearer);
    if (a == null) {
      throw AuthErrors.invalid();
    }
    Instant now = now();
    if (!a.expiresAt().isAfter(now)) {
      throw AuthErrors.expired(a.expiresAt(), now);
    }
    Portal p = portals.find(a.portalId()).orElseThrow(AuthErrors::invalid);
    return new Principal(p, options.appId(), a.scopes(), false, options.oauthTier());
  }

  /**
   * The v1 access-token introspection body.
   *
   * @param token access token
   * @return body, or null when unknown or expired
   */
  public JsonObject introspectAccessV1(String token) {
    Access a = access.get(token);
    Instant now = now();
    if (a == null || !a.expiresAt().isAfter(now)) {
      return null;
    }
    long expiresIn = (a.expiresAt().toEpochMilli() - now.toEpochMilli()) / 1000;
    return new JsonObject()
        .put("token", token)
        .put("user", userEmail(a.portalId()))
        .put("hub_domain", hubDomain(a.portalId()))
        .put("scopes", new JsonArray(new java.util.ArrayList<>(new TreeSet<>(a.scopes()))))
        .put(
            "signed_access_token",
            new JsonObject()
                .put("expiresAt", a.expiresAt().toEpochMilli())
                .put("hubId", a.portalId())
                .put("userId", userId(a.portalId()))
                .put("appId", options.appId())
                .put("hublet", "na1")
                .put("isUserLevel", false))
        .put("hub_id", a.portalId())
        .put("app_id", options.appId())
        .put("expires_in", expiresIn)
        .put("user_id", userId(a.portalId()))
        .put("token_type", "access");
  }

  /**
   * The v1 refresh-token introspection body.
   *
   * @param token refresh token
   * @return body, or null when unknown or revoked
   */
  public JsonObject introspectRefreshV1(String token) {
    Refresh r = refresh.get(token);
    if (r == null) {
      return null;
    }
    return new JsonObject()
        .put("token", token)
        .put("user", userEmail(r.portalId()))
        .put("hub_domain", hubDomain(r.portalId()))
        .put("scopes", new JsonArray(new java.util.ArrayList<>(new TreeSet<>(r.scopes()))))
        .put("hub_id", r.portalId())
        .put("client_id", options.clientId())
        .put("user_id", userId(r.portalId()))
        .put("token_type", "refresh");
  }

  /**
   * The {@code /oauth/2026-03/token/introspect} body (RFC 7662 style).
   *
   * @param form form with client credentials and {@code token}
   * @return body with {@code active}
   */
  public JsonObject introspect(Map<String, String> form) {
    checkClient(form);
    String token = form.getOrDefault("token", "");
    JsonObject v1 = introspectAccessV1(token);
    if (v1 != null) {
      return new JsonObject()
          .put("active", true)
          .put("app_id", options.appId())
          .put("client_id", options.clientId())
          .put("expires_in", v1.getLong("expires_in"))
          .put("hub_id", v1.getLong("hub_id"))
          .put("hub_domain", v1.getString("hub_domain"))
          .put("scopes", v1.getJsonArray("scopes"))
          .put("token_use", "access_token")
          .put("user_id", v1.getLong("user_id"))
          .put("user", v1.getString("user"))
          .put("is_private_distribution", false);
    }
    JsonObject r = introspectRefreshV1(token);
    if (r != null) {
      return new JsonObject()
          .put("active", true)
          .put("app_id", options.appId())
          .put("client_id", options.clientId())
          .put("hub_id", r.getLong("hub_id"))
          .put("scopes", r.getJsonArray("scopes"))
          .put("token_use", "refresh_token")
          .put("user_id", r.getLong("user_id"));
    }
    return new JsonObject().put("active", false);
  }

  /**
   * Revokes a refresh token (and the access tokens minted from it stay valid until they expire, as
   * with HubSpot's v1 delete).
   *
   * @param token refresh token
   * @return true if it existed
   */
  public boolean revokeRefresh(String token) {
    return token != null && refresh.remove(token) != null;
  }

  /**
   * Revokes an access or refresh token (dated revoke endpoint).
   *
   * @param token token
   * @return true if it existed
   */
  public boolean revokeAny(String token) {
    return token != null && (access.remove(token) != null || refresh.remove(token) != null);
  }

  /**
   * Makes an access token expire now (admin action for tests).
   *
   * @param token access token
   * @return true if it existed
   */
  public boolean expireNow(String token) {
    Access a = access.get(token);
    if (a == null) {
      return false;
    }
    access.put(token, new Access(a.portalId(), a.scopes(), now(), a.refreshToken()));
    return true;
  }

  static long userId(long portalId) {
    return 50_000_000L + portalId % 10_000_000L;
  }

  static String userEmail(long portalId) {
    return "admin@portal" + portalId + ".sandbox.example";
  }

  static String hubDomain(long portalId) {
    return "portal" + portalId + ".sandbox.example";
  }
}

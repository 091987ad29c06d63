package com.queast.gateway.sandbox.pipedrive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization codes, access tokens and refresh tokens of the sandbox's OAuth server. Codes live 5
 * minutes and are single-use; access tokens live {@code accessTokenLifetime}; a refresh token lives
 * 60 days from its last use and is returned unchanged on refresh, as the vendor documents.
 * Thread-safe.
 */
final class OAuthStore {

  static final Duration REFRESH_IDLE = Duration.ofDays(60);

  record Code(long companyId, long userId, String clientId, String redirectUri, Instant expires) {}

  record Access(
      long companyId, long userId, String refreshToken, Instant expires, Set<String> scopes) {}

  static final class Refresh {
    final long companyId;
    final long userId;
    final String clientId;
    Instant lastUsed;
    boolean revoked;

    Refresh(long companyId, long userId, String clientId, Instant lastUsed) {
      this.companyId = companyId;
      this.userId = userId;
      this.clientId = clientId;
      this.lastUsed = lastUsed;
    }
  }

  private final Map<String, Code> codes = new ConcurrentHashMap<>();
  private final Map<String, Access> access = new ConcurrentHashMap<>();
  private final Map<String, Refresh> refresh = new ConcurrentHashMap<>();
  private final PipedriveSandboxOptions options;
  private final Clock clock;

  OAuthStore(PipedriveSandboxOptions options) {
    this.options = options;
    this.clock = options.clock();
  }

  String newCode(Company company, String clientId, String redirectUri) {
    String code = company.id + "." + Registry.randomHex(16);
    codes.put(
        code,
        new Code(
            company.id,
            company.userId,
            clientId,
            redirectUri,
            clock.instant().plus(options.authorizationCodeTtl())));
    return code;
  }

  /** Takes a code (single use); null when unknown or issued to another client. */
  Code redeem(String code, String clientId) {
    Code c = code == null ? null : codes.remove(code);
    return c == null || !c.clientId().equals(clientId) ? null : c;
  }

  boolean expired(Code c) {
    return !clock.instant().isBefore(c.expires());
  }

  String newRefresh(long companyId, long userId, String clientId) {
    String token = companyId + ":" + userId + ":" + Registry.randomHex(20);
    refresh.put(token, new Refresh(companyId, userId, clientId, clock.instant()));
    return token;
  }

  /** A live refresh token of this client, its idle window extended; null otherwise. */
  Refresh useRefresh(String token, String clientId) {
    Refresh r = token == null ? null : refresh.get(token);
    Instant now = clock.instant();
    if (r == null
        || r.revoked
        || !r.clientId.equals(clientId)
        || !now.isBefore(r.lastUsed.plus(REFRESH_IDLE))) {
      return null;
    }
    r.lastUsed = now;
    return r;
  }

  String newAccess(long companyId, long userId, String refreshToken) {
    String token = "v1u:" + Registry.randomHex(48);
    access.put(
        token,
        new Access(
            companyId,
            userId,
            refreshToken,
            clock.instant().plus(options.accessTokenLifetime()),
            Set.of(options.oauthScope().split(","))));
    return token;
  }

  /** A live access token; null when unknown, expired, or its refresh token was revoked. */
  Access access(String token) {
    Access a = access.get(token);
    if (a == null || !clock.instant().isBefore(a.expires())) {
      return null;
    }
    Refresh r = refresh.get(a.refreshToken());
    return r == null || r.revoked ? null : a;
  }

  boolean expireAccess(String token) {
    Access a = access.get(token);
    if (a == null) {
      return false;
    }
    access.put(
        token,
        new Access(a.companyId(), a.userId(), a.refreshToken(), clock.instant(), a.scopes()));
    return true;
  }

  boolean revokeRefresh(String token) {
    Refresh r = refresh.get(token);
    if (r == null) {
      return false;
    }
    r.revoked = true;
    return true;
  }

  boolean revokeAccess(String token) {
    return access.remove(token) != null;
  }
}

package com.queast.gateway.sandbox.pipedrive;

import com.queast.gateway.sandbox.common.RequestLog;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Consumer;

/**
 * Resolves the caller from {@code Authorization: Bearer} (OAuth), the {@code x-api-token} header or
 * the legacy {@code api_token} query parameter, and puts a {@link Caller} in the routing context;
 * answers the vendor's 401 otherwise.
 */
final class Authenticator implements Consumer<RoutingContext> {

  private final Registry registry;
  private final OAuthStore oauth;

  Authenticator(Registry registry, OAuthStore oauth) {
    this.registry = registry;
    this.oauth = oauth;
  }

  @Override
  public void accept(RoutingContext ctx) {
    Caller caller = resolve(ctx);
    ctx.put(Caller.KEY, caller);
    RequestLog.note(ctx, "companyId", caller.company().id);
    RequestLog.note(ctx, "auth", caller.oauth() ? "oauth" : "api_token");
    ctx.next();
  }

  /**
   * The caller of a request when its credentials are valid, else null (for answers that are given
   * before authentication, such as an injected fault).
   */
  Caller tryResolve(RoutingContext ctx) {
    try {
      return resolve(ctx);
    } catch (PdError e) {
      return null;
    }
  }

  private Caller resolve(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("authorization");
    if (authorization != null && !authorization.isBlank()) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw PdError.badRequest("Invalid request: malformed authorization header");
      }
      String token = authorization.substring(7).trim();
      OAuthStore.Access a = oauth.access(token);
      Company c = a == null ? null : registry.byId(a.companyId());
      if (c == null) {
        throw PdError.invalidAccessToken();
      }
      return new Caller(c, a.userId(), token, true, a.scopes());
    }
    String token = ctx.request().getHeader("x-api-token");
    if (token == null) {
      List<String> q = ctx.queryParam("api_token");
      token = q.isEmpty() ? null : q.get(0);
    }
    Company c = token == null ? null : registry.byApiToken(token);
    if (c == null) {
      throw PdError.unauthorized();
    }
    return new Caller(c, c.userId, token, false, null);
  }
}

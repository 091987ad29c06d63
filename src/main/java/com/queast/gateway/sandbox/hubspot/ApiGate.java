package com.queast.gateway.sandbox.hubspot;

import com.queast.gateway.sandbox.common.RequestLog;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.function.Consumer;

/**
 * Authenticates CRM API calls (OAuth access token or private-app token as {@code Bearer}) and
 * applies the rate limits, setting the {@code X-HubSpot-RateLimit-*} headers on every non-search
 * answer and answering HubSpot's 429 when a limit is hit.
 */
final class ApiGate implements Consumer<RoutingContext> {

  private final TokenStore tokens;
  private final RateLimiter limiter;
  private final boolean retryAfter;

  ApiGate(TokenStore tokens, RateLimiter limiter, boolean retryAfter) {
    this.tokens = tokens;
    this.limiter = limiter;
    this.retryAfter = retryAfter;
  }

  @Override
  public void accept(RoutingContext ctx) {
    Principal p;
    try {
      p = tokens.authenticate(bearer(ctx));
    } catch (HubSpotError e) {
      ctx.response().putHeader("x-hubspot-auth-failure", "401 Unauthorized");
      Http.reply(ctx, new Http.Reply(e.status(), e.toJson()));
      return;
    }
    RequestLog.noteAccount(ctx, Long.toString(p.portal().id()));
    ctx.put(Http.PRINCIPAL, p);
    boolean search =
        ctx.request().method() == HttpMethod.POST && ctx.normalizedPath().endsWith("/search");
    RateLimiter.Decision d = search ? limiter.search(p) : limiter.api(p);
    d.headers().forEach((k, v) -> ctx.response().putHeader(k, v));
    if (!d.allowed()) {
      if (retryAfter) {
        ctx.response().putHeader("Retry-After", search ? "1" : "10");
      }
      Http.reply(ctx, new Http.Reply(429, RateLimiter.body(d.policy(), p)));
      return;
    }
    ctx.next();
  }

  private static String bearer(RoutingContext ctx) {
    String h = ctx.request().getHeader("Authorization");
    if (h == null) {
      return null;
    }
    h = h.trim();
    return h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : null;
  }
}

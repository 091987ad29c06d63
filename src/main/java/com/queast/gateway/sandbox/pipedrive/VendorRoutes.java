package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Registers a vendor endpoint behind authentication, the OAuth scope check ({@link Scopes}) and the
 * rate limiter, charging the cost from {@link TokenCosts}. v1 endpoints are also served under the
 * legacy {@code /v1/...} prefix.
 */
final class VendorRoutes {

  private final Router router;
  private final Authenticator auth;
  private final RateLimiter limiter;

  VendorRoutes(Router router, Authenticator auth, RateLimiter limiter) {
    this.router = router;
    this.auth = auth;
    this.limiter = limiter;
  }

  void add(HttpMethod method, String template, Consumer<RoutingContext> handler) {
    int cost = TokenCosts.of(method.name(), template);
    Set<String> scopes = Scopes.required(method.name(), template);
    Consumer<RoutingContext> scopeCheck =
        ctx -> {
          Caller caller = ctx.get(Caller.KEY);
          if (!Scopes.allows(caller.scopes(), scopes)) {
            throw PdError.scopeMismatch();
          }
          ctx.next();
        };
    Consumer<RoutingContext> charge = limiter.charging(cost, template.endsWith("/search"));
    for (String path :
        template.startsWith("/api/v1/")
            ? List.of(template, template.substring(4))
            : List.of(template)) {
      router.route(method, path).handler(auth).handler(scopeCheck).handler(charge).handler(handler);
    }
  }
}

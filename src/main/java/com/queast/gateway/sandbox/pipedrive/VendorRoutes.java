package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.function.Consumer;

/**
 * Registers a vendor endpoint behind authentication and the rate limiter, charging the cost from
 * {@link TokenCosts}. v1 endpoints are also served under the legacy {@code /v1/...} prefix.
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
    boolean search = template.endsWith("/search");
    register(method, template, cost, search, handler);
    if (template.startsWith("/api/v1/")) {
      register(method, template.substring(4), cost, search, handler);
    }
  }

  private void register(
      HttpMethod method, String path, int cost, boolean search, Consumer<RoutingContext> h) {
    router.route(method, path).handler(auth).handler(limiter.charging(cost, search)).handler(h);
  }
}

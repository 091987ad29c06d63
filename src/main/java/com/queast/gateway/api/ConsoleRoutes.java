package com.queast.gateway.api;

import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.handler.StaticHandler;

/**
 * The operator console at {@code /console/}: a static page over the gateway's own {@code /v1} API
 * (connections with their live figures, pause / resume, backfill and replay; the review queue with
 * single and bulk decisions; the delivery log). It holds no data; every call carries the admin
 * token or tenant API key the operator types. Served with a strict content security policy
 * (same-origin scripts and styles only, no framing).
 */
public final class ConsoleRoutes implements RouteContributor {

  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
          + " img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  @Override
  public void mount(Router router) {
    // everything is public: the page holds no data, the API calls it makes are authenticated
  }

  @Override
  public void mountPublic(Router router) {
    router
        .route("/console/*")
        .handler(
            ctx -> {
              ctx.response()
                  .putHeader("Content-Security-Policy", CSP)
                  .putHeader("X-Content-Type-Options", "nosniff")
                  .putHeader("Referrer-Policy", "no-referrer")
                  .putHeader("X-Frame-Options", "DENY");
              ctx.next();
            })
        .handler(StaticHandler.create("console").setCachingEnabled(false));
  }
}

package com.queast.gateway.api;

import io.vertx.mutiny.ext.web.Router;

/**
 * A feature that adds routes to the API (connections, webhooks, matching review queue), so adding
 * one does not mean editing {@link ApiVerticle}.
 */
public interface RouteContributor {

  /**
   * Routes behind the admin/tenant authentication.
   *
   * @param router the router (a body handler is already in place for /v1)
   */
  void mount(Router router);

  /**
   * Routes before authentication (OAuth callbacks, CRM webhooks that authenticate themselves).
   *
   * @param router the router
   */
  default void mountPublic(Router router) {}
}

package com.queast.gateway.sandbox.common;

import io.vertx.mutiny.ext.web.RoutingContext;

/**
 * The vendor-specific part of fault injection: how one sandbox answers an injected 429 or 5xx, in
 * that vendor's own body shape and headers.
 */
public interface FaultResponder {

  /**
   * Answers the vendor's rate-limit response (status, headers, body) for an injected 429.
   *
   * @param ctx the request being faulted
   */
  void rateLimited(RoutingContext ctx);

  /**
   * Answers a vendor-shaped 5xx for an injected server error.
   *
   * @param ctx the request being faulted
   */
  void serverError(RoutingContext ctx);
}

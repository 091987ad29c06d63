package com.queast.gateway.sandbox.common;

import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.function.Consumer;

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

  /**
   * A responder from two handlers, for sandboxes whose answers are one-liners.
   *
   * @param rateLimited writes the injected 429
   * @param serverError writes the injected 5xx
   * @return the responder
   */
  static FaultResponder of(
      Consumer<RoutingContext> rateLimited, Consumer<RoutingContext> serverError) {
    return new FaultResponder() {
      @Override
      public void rateLimited(RoutingContext ctx) {
        rateLimited.accept(ctx);
      }

      @Override
      public void serverError(RoutingContext ctx) {
        serverError.accept(ctx);
      }
    };
  }
}

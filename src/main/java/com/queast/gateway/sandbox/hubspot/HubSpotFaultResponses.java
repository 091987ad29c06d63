package com.queast.gateway.sandbox.hubspot;

import com.queast.gateway.sandbox.common.FaultResponder;
import io.vertx.mutiny.ext.web.RoutingContext;

/** HubSpot-shaped answers for injected faults: the TEN_SECONDLY_ROLLING 429 and a 502. */
final class HubSpotFaultResponses implements FaultResponder {

  private final RateLimiter limiter;
  private final HubSpotSandboxOptions options;

  HubSpotFaultResponses(RateLimiter limiter, HubSpotSandboxOptions options) {
    this.limiter = limiter;
    this.options = options;
  }

  @Override
  public void rateLimited(RoutingContext ctx) {
    limiter.count("INJECTED");
    if (options.retryAfterOn429()) {
      ctx.response().putHeader("Retry-After", "10");
    }
    Http.reply(ctx, new Http.Reply(429, RateLimiter.body("TEN_SECONDLY_ROLLING", null)));
  }

  @Override
  public void serverError(RoutingContext ctx) {
    // 502 is what HubSpot documents for "processing limits hit"; clients must retry it.
    Http.reply(
        ctx,
        new Http.Reply(
            502,
            new HubSpotError(
                    502,
                    "INTERNAL_ERROR",
                    "The server encountered a temporary error and could not complete your request."
                        + " Please try again.",
                    null,
                    null,
                    null,
                    null)
                .toJson()));
  }
}

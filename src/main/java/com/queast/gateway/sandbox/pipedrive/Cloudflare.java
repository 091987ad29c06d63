package com.queast.gateway.sandbox.pipedrive;

import io.vertx.mutiny.ext.web.RoutingContext;

/** The HTML 403 page Cloudflare serves to clients that keep hammering after 429s. */
final class Cloudflare {

  private static final String PAGE =
      """
      <!DOCTYPE html>
      <html lang="en-US"><head><title>Access denied | api.pipedrive.com used Cloudflare to \
      restrict access</title></head>
      <body><div id="cf-wrapper"><div id="cf-error-details">
      <h1><span class="cf-error-type">Error</span> <span class="cf-error-code">1015</span></h1>
      <h2 class="cf-subheadline">You are being rate limited</h2>
      <p>The owner of this website (api.pipedrive.com) has banned you temporarily from accessing \
      this website.</p>
      <p>This error is produced by Cloudflare (sandbox imitation).</p>
      </div></div></body></html>
      """;

  private Cloudflare() {}

  static void answer403(RoutingContext ctx) {
    ctx.response()
        .setStatusCode(403)
        .putHeader("content-type", "text/html; charset=UTF-8")
        .putHeader("server", "cloudflare")
        .putHeader("cf-ray", Registry.randomHex(8) + "-SBX")
        .endAndForget(PAGE);
  }
}

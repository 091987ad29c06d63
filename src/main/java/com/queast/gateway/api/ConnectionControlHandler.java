package com.queast.gateway.api;

import io.vertx.mutiny.ext.web.Router;

/**
 * {@code POST /v1/tenants/{t}/connections/{c}/pause} and {@code .../resume}: an operator stops a
 * connection's deliveries (its jobs stay queued, no attempt is used) and lets them go again; {@code
 * GET .../connections/{c}/stats}: what the console shows per connection (jobs per state, attempts
 * of the last minute and per minute, the lane's pause, the pacer's share of the vendor's allowance
 * and the vendor's 429s).
 */
public final class ConnectionControlHandler implements RouteContributor {

  private static final int DEFAULT_MINUTES = 60;
  private static final int MAX_MINUTES = 24 * 60;

  private final ConnectionControlStore store;

  /**
   * A handler.
   *
   * @param store the pause switch and the figures
   */
  public ConnectionControlHandler(ConnectionControlStore store) {
    this.store = store;
  }

  @Override
  public void mount(Router router) {
    for (boolean pause : new boolean[] {true, false}) {
      router
          .post("/v1/tenants/:tenantId/connections/:connectionId/" + (pause ? "pause" : "resume"))
          .handler(
              ApiVerticle.json(
                  ctx ->
                      store
                          .setPaused(
                              Bodies.pathId(ctx, "tenantId"),
                              Bodies.pathUuid(ctx, "connectionId"),
                              pause)
                          .map(j -> new Reply(200, j))));
    }
    router
        .get("/v1/tenants/:tenantId/connections/:connectionId/stats")
        .handler(
            ApiVerticle.json(
                ctx ->
                    store
                        .stats(
                            Bodies.pathId(ctx, "tenantId"),
                            Bodies.pathUuid(ctx, "connectionId"),
                            Bodies.intParam(ctx, "minutes", DEFAULT_MINUTES, 1, MAX_MINUTES))
                        .map(j -> new Reply(200, j))));
  }
}

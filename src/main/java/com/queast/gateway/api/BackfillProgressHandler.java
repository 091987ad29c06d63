package com.queast.gateway.api;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /v1/tenants/{t}/backfills/{id}}: a backfill's progress (total, enqueued, delivered,
 * failed, rate in records/s over the last minute, eta in seconds or null while nothing moves), and
 * {@code GET /v1/tenants/{t}/backfills}: the newest backfill of each connection. Read-only; what
 * the console's and the demo's progress bars show.
 */
public final class BackfillProgressHandler implements RouteContributor {

  private final BackfillProgressStore store;

  /**
   * A handler.
   *
   * @param store progress queries
   */
  public BackfillProgressHandler(BackfillProgressStore store) {
    this.store = store;
  }

  @Override
  public void mount(Router router) {
    router
        .get("/v1/tenants/:tenantId/backfills")
        .handler(
            ApiVerticle.json(
                ctx -> store.latest(ctx.pathParam("tenantId")).map(j -> new Reply(200, j))));
    router.get("/v1/tenants/:tenantId/backfills/:backfillId").handler(ApiVerticle.json(this::one));
  }

  private Uni<Reply> one(RoutingContext ctx) {
    String raw = ctx.pathParam("backfillId");
    long id;
    try {
      id = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      return Uni.createFrom()
          .failure(
              GatewayException.validation(
                  "invalid backfill id",
                  List.of(
                      new FieldError("backfillId", "integer", "must be an integer, was " + raw))));
    }
    return store
        .get(ctx.pathParam("tenantId"), id)
        .map(
            o ->
                new Reply(
                    200,
                    o.orElseThrow(
                        () -> GatewayException.notFound("backfill", String.valueOf(id)))));
  }
}

package com.queast.gateway.api;

import com.queast.gateway.record.RecordType;
import com.queast.gateway.removal.Erasures;
import com.queast.gateway.removal.RecordDeletions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;

/**
 * Issue 16. {@code DELETE /v1/tenants/{t}/{companies|people|signals}/{id}}: 202 once the deletion
 * and its jobs are committed; a repeat answers 202 too; an unknown id 404. {@code POST
 * /v1/tenants/{t}/people/{id}:erase}: 202 with the erasure (a repeat answers the one in force);
 * {@code GET /v1/tenants/{t}/erasures/{erasureId}}: its state per connection; {@code POST
 * /v1/tenants/{t}/people/{id}:allow}: lets writes of an erased id in again.
 */
public final class RemovalHandler implements RouteContributor {

  private final RecordDeletions deletions;
  private final Erasures erasures;

  /**
   * A handler.
   *
   * @param deletions record deletions
   * @param erasures person erasures
   */
  public RemovalHandler(RecordDeletions deletions, Erasures erasures) {
    this.deletions = deletions;
    this.erasures = erasures;
  }

  @Override
  public void mount(Router router) {
    for (RecordType t : RecordType.values()) {
      router
          .deleteWithRegex("/v1/tenants/(?<tenantId>[^/]+)/" + t.plural() + "/(?<recordId>[^/:]+)")
          .handler(ApiVerticle.json(ctx -> delete(ctx, t)));
    }
    router
        .postWithRegex("/v1/tenants/(?<tenantId>[^/]+)/people/(?<recordId>[^/:]+):erase")
        .handler(ApiVerticle.json(this::erase));
    router
        .postWithRegex("/v1/tenants/(?<tenantId>[^/]+)/people/(?<recordId>[^/:]+):allow")
        .handler(
            ApiVerticle.json(
                ctx ->
                    erasures
                        .reallow(Bodies.pathId(ctx, "tenantId"), Bodies.pathId(ctx, "recordId"))
                        .map(e -> new Reply(200, e))));
    router
        .get("/v1/tenants/:tenantId/erasures/:erasureId")
        .handler(
            ApiVerticle.json(
                ctx ->
                    erasures
                        .get(Bodies.pathId(ctx, "tenantId"), Bodies.pathUuid(ctx, "erasureId"))
                        .map(e -> new Reply(200, e))));
  }

  private Uni<Reply> erase(RoutingContext ctx) {
    String tenantId = Bodies.pathId(ctx, "tenantId");
    String id = Bodies.pathId(ctx, "recordId");
    return erasures
        .erase(tenantId, id)
        .chain(
            started ->
                erasures.get(tenantId, started.id()).map(e -> e.put("created", started.created())))
        .map(e -> new Reply(202, e));
  }

  private Uni<Reply> delete(RoutingContext ctx, RecordType type) {
    String tenantId = Bodies.pathId(ctx, "tenantId");
    String id = Bodies.pathId(ctx, "recordId");
    return deletions
        .delete(tenantId, type, id)
        .map(
            d ->
                new Reply(
                    202,
                    new JsonObject()
                        .put("id", d.id())
                        .put("type", d.type().label())
                        .put("status", d.alreadyDeleted() ? "already_deleted" : "deleted")
                        .put("version", d.version())
                        .put("jobsEnqueued", d.jobsEnqueued())));
  }
}

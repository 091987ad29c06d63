package com.queast.gateway.api;

import com.queast.gateway.record.RecordType;
import com.queast.gateway.removal.RecordDeletions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;

/**
 * {@code DELETE /v1/tenants/{t}/{companies|people|signals}/{id}} (issue 16): 202 once the deletion
 * and its jobs are committed; a repeat answers 202 too; an unknown id 404.
 */
public final class RemovalHandler implements RouteContributor {

  private final RecordDeletions deletions;

  /**
   * A handler.
   *
   * @param deletions record deletions
   */
  public RemovalHandler(RecordDeletions deletions) {
    this.deletions = deletions;
  }

  @Override
  public void mount(Router router) {
    for (RecordType t : RecordType.values()) {
      router
          .deleteWithRegex("/v1/tenants/(?<tenantId>[^/]+)/" + t.plural() + "/(?<recordId>[^/:]+)")
          .handler(ApiVerticle.json(ctx -> delete(ctx, t)));
    }
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

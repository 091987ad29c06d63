package com.queast.gateway.api;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.matching.AliasLists;
import com.queast.gateway.matching.MatchRules;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Matching that learns (issue 15): {@code GET /v1/tenants/{t}/match-rules?kind=&limit=&before=},
 * {@code DELETE .../match-rules/{id}}; alias lists {@code POST|GET /v1/tenants/{t}/alias-lists}
 * (CSV or JSON), {@code DELETE .../alias-lists/{id}}, and the operator-wide ones under {@code
 * /v1/admin/alias-lists} (admin token).
 */
public final class MatchRulesHandler implements RouteContributor {

  private static final Set<String> KINDS = Set.of("name_alias", "domain_alias", "rejected_pair");

  private final MatchRules rules;
  private final AliasLists lists;

  /**
   * Routes.
   *
   * @param rules the rule store
   * @param lists alias lists
   */
  public MatchRulesHandler(MatchRules rules, AliasLists lists) {
    this.rules = rules;
    this.lists = lists;
  }

  @Override
  public void mount(Router router) {
    router
        .get("/v1/tenants/:tenantId/match-rules")
        .handler(
            ApiVerticle.json(
                ctx -> {
                  String tenantId = Bodies.pathId(ctx, "tenantId");
                  String kind = param(ctx, "kind");
                  if (kind != null && !KINDS.contains(kind)) {
                    throw GatewayException.validation(
                        "invalid kind",
                        List.of(
                            new FieldError(
                                "kind",
                                "enum",
                                "kind is name_alias, domain_alias or rejected_pair")));
                  }
                  int limit = Bodies.intParam(ctx, "limit", 100, 1, 1000);
                  Long before =
                      param(ctx, "before") == null
                          ? null
                          : (long) Bodies.intParam(ctx, "before", 0, 1, Integer.MAX_VALUE);
                  return rules.list(tenantId, kind, before, limit).map(j -> new Reply(200, j));
                }));
    router
        .delete("/v1/tenants/:tenantId/match-rules/:ruleId")
        .handler(
            ApiVerticle.json(
                ctx ->
                    rules
                        .delete(Bodies.pathId(ctx, "tenantId"), id(ctx, "ruleId", "match rule"))
                        .map(done -> gone(done, "match rule", ctx.pathParam("ruleId")))));
    router
        .post("/v1/tenants/:tenantId/alias-lists")
        .handler(ApiVerticle.json(ctx -> upload(ctx, Bodies.pathId(ctx, "tenantId"))));
    router
        .get("/v1/tenants/:tenantId/alias-lists")
        .handler(
            ApiVerticle.json(
                ctx -> lists.list(Bodies.pathId(ctx, "tenantId")).map(j -> new Reply(200, j))));
    router
        .delete("/v1/tenants/:tenantId/alias-lists/:listId")
        .handler(
            ApiVerticle.json(
                ctx ->
                    lists
                        .delete(Bodies.pathId(ctx, "tenantId"), id(ctx, "listId", "alias list"))
                        .map(done -> gone(done, "alias list", ctx.pathParam("listId")))));
    router.post("/v1/admin/alias-lists").handler(ApiVerticle.json(ctx -> upload(ctx, null)));
    router
        .get("/v1/admin/alias-lists")
        .handler(ApiVerticle.json(ctx -> lists.list(null).map(j -> new Reply(200, j))));
    router
        .delete("/v1/admin/alias-lists/:listId")
        .handler(
            ApiVerticle.json(
                ctx ->
                    lists
                        .delete(null, id(ctx, "listId", "alias list"))
                        .map(done -> gone(done, "alias list", ctx.pathParam("listId")))));
  }

  /** CSV ({@code text/csv}, the list's name in {@code ?name=}) or JSON. */
  private Uni<Reply> upload(RoutingContext ctx, String tenantId) {
    String type = ctx.request().getHeader("Content-Type");
    String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    Object name;
    JsonArray entries;
    if (media.equals("text/csv")) {
      String csv =
          ctx.body() == null || ctx.body().buffer() == null
              ? ""
              : ctx.body().buffer().getDelegate().toString(StandardCharsets.UTF_8);
      name = param(ctx, "name");
      entries = AliasLists.fromCsv(csv);
    } else {
      JsonObject body = Bodies.object(ctx);
      for (String k : body.fieldNames()) {
        if (!List.of("name", "entries").contains(k)) {
          throw GatewayException.validation(
              "invalid alias list", List.of(new FieldError(k, "unknown", "unknown field " + k)));
        }
      }
      name = body.getValue("name");
      Object e = body.getValue("entries");
      if (!(e instanceof JsonArray a)) {
        throw GatewayException.validation(
            "invalid alias list",
            List.of(new FieldError("entries", "type", "entries must be an array")));
      }
      entries = a;
    }
    return lists.load(tenantId, name, entries).map(j -> new Reply(201, j));
  }

  private static Reply gone(boolean done, String what, String id) {
    if (!done) {
      throw GatewayException.notFound(what, id);
    }
    return new Reply(204, null);
  }

  private static long id(RoutingContext ctx, String param, String what) {
    try {
      long v = Long.parseLong(ctx.pathParam(param));
      if (v < 1) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw GatewayException.notFound(what, ctx.pathParam(param));
    }
  }

  private static String param(RoutingContext ctx, String name) {
    var v = ctx.queryParam(name);
    return v.isEmpty() ? null : v.get(0);
  }
}

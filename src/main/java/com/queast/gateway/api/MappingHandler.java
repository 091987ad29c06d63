package com.queast.gateway.api;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.connector.ConnectorRegistry;
import com.queast.gateway.mapping.MappingService;
import com.queast.gateway.mapping.MappingSpec;
import com.queast.gateway.tenant.Connection;
import com.queast.gateway.tenant.ConnectionStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET/PUT /v1/tenants/{t}/connections/{c}/mapping}. A PUT body is a JSON merge patch over
 * the connector's defaults; the merged mapping is validated (structure, Queast fields, transforms,
 * and the CRM's actual property list when the connector can list it) and stored as the next
 * version, or refused whole with every bad field named. Re-delivering records under a new mapping
 * is {@code POST .../backfill}.
 */
public final class MappingHandler implements RouteContributor {

  private final MappingService mapping;
  private final ConnectionStore connections;
  private final ConnectorRegistry connectors;

  /**
   * A handler.
   *
   * @param mapping mapping service
   * @param connections connections
   * @param connectors connectors (CRM property lists)
   */
  public MappingHandler(
      MappingService mapping, ConnectionStore connections, ConnectorRegistry connectors) {
    this.mapping = mapping;
    this.connections = connections;
    this.connectors = connectors;
  }

  @Override
  public void mount(Router router) {
    router
        .get("/v1/tenants/:tenantId/connections/:connectionId/mapping")
        .handler(
            ApiVerticle.json(
                ctx -> connection(ctx).chain(mapping::describe).map(j -> new Reply(200, j))));
    router
        .put("/v1/tenants/:tenantId/connections/:connectionId/mapping")
        .handler(ApiVerticle.json(this::put));
  }

  private Uni<Reply> put(RoutingContext ctx) {
    JsonObject patch = Bodies.object(ctx);
    return connection(ctx)
        .chain(
            c -> {
              MappingSpec merged = mapping.validate(c, patch);
              return connectors
                  .require(c.crm())
                  .checkMapping(c, merged)
                  .chain(() -> checkAgainstCrm(c, merged))
                  .chain(() -> mapping.store(c, patch))
                  .chain(v -> mapping.describe(c))
                  .map(j -> new Reply(200, j));
            });
  }

  private Uni<Void> checkAgainstCrm(Connection c, MappingSpec merged) {
    Map<String, Set<String>> targets = merged.targets();
    if (c.accountId() == null || !Connection.ACTIVE.equals(c.status())) {
      return Uni.createFrom().voidItem();
    }
    return connectors
        .require(c.crm())
        .crmProperties(c, targets.keySet())
        .map(
            known -> {
              List<FieldError> errors = new ArrayList<>();
              for (var e : targets.entrySet()) {
                Set<String> props = known.get(e.getKey());
                if (props == null) {
                  continue;
                }
                for (String p : e.getValue()) {
                  if (!p.startsWith("custom:") && !props.contains(p)) {
                    errors.add(
                        new FieldError(
                            e.getKey() + ".properties." + p,
                            "unknown_property",
                            p
                                + " is not a property of "
                                + e.getKey()
                                + " in this "
                                + c.crm()
                                + " account"));
                  }
                }
              }
              if (!errors.isEmpty()) {
                throw GatewayException.validation(
                    "the mapping writes properties the CRM does not have; nothing was changed",
                    errors);
              }
              return null;
            });
  }

  private Uni<Connection> connection(RoutingContext ctx) {
    String tenantId = Bodies.pathId(ctx, "tenantId");
    var id = Bodies.pathUuid(ctx, "connectionId");
    return connections
        .get(tenantId, id)
        .map(c -> c.orElseThrow(() -> GatewayException.notFound("connection", id.toString())));
  }
}

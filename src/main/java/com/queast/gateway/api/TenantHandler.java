package com.queast.gateway.api;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.tenant.ApiKeyStore;
import com.queast.gateway.tenant.TenantStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/** {@code PUT/GET /v1/tenants/{tenantId}} and the tenant's API keys. */
public final class TenantHandler {

  private final TenantStore tenants;
  private final ApiKeyStore keys;
  private final java.util.Set<String> known = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * A handler.
   *
   * @param tenants store
   * @param keys tenant API keys
   */
  public TenantHandler(TenantStore tenants, ApiKeyStore keys) {
    this.tenants = tenants;
    this.keys = keys;
  }

  /**
   * The tenant of a live API key.
   *
   * @param token bearer token
   * @return a Uni emitting the tenant, or empty
   */
  Uni<java.util.Optional<String>> keyTenant(String token) {
    return keys.tenantOf(token);
  }

  /**
   * {@code POST /v1/tenants/{t}/api-keys {"name"}}: 201 with the key, shown once.
   *
   * @param ctx request
   * @return a Uni emitting the reply, 404 for an unknown tenant
   */
  public Uni<Reply> createKey(RoutingContext ctx) {
    String id = Bodies.pathId(ctx, "tenantId");
    JsonObject body = Bodies.object(ctx);
    List<FieldError> errors = new ArrayList<>();
    Object name = body.getValue("name");
    if (!(name instanceof String s) || s.isBlank() || s.length() > 255) {
      errors.add(new FieldError("name", "length", "name must be a string of 1 to 255 characters"));
    }
    for (String k : body.fieldNames()) {
      if (!k.equals("name")) {
        errors.add(new FieldError(k, "unknown", "unknown field " + k));
      }
    }
    if (!errors.isEmpty()) {
      throw GatewayException.validation("the API key is invalid", errors);
    }
    return exists(id)
        .chain(
            found -> {
              if (!found) {
                throw GatewayException.notFound("tenant", id);
              }
              return keys.create(id, ((String) name).trim());
            })
        .map(k -> new Reply(201, k));
  }

  /**
   * {@code GET /v1/tenants/{t}/api-keys}: the keys without secrets.
   *
   * @param ctx request
   * @return a Uni emitting the reply
   */
  public Uni<Reply> listKeys(RoutingContext ctx) {
    return keys.list(Bodies.pathId(ctx, "tenantId")).map(j -> new Reply(200, j));
  }

  /**
   * {@code DELETE /v1/tenants/{t}/api-keys/{id}}: revokes at once.
   *
   * @param ctx request
   * @return a Uni emitting 204, or failing with 404
   */
  public Uni<Reply> revokeKey(RoutingContext ctx) {
    String tenant = Bodies.pathId(ctx, "tenantId");
    java.util.UUID id = Bodies.pathUuid(ctx, "keyId");
    return keys.revoke(tenant, id)
        .map(
            done -> {
              if (!done) {
                throw GatewayException.notFound("API key", id.toString());
              }
              return new Reply(204, null);
            });
  }

  /**
   * Creates or updates a tenant: 201 when created, 200 when it existed.
   *
   * @param ctx request
   * @return a Uni emitting the reply
   */
  public Uni<Reply> put(RoutingContext ctx) {
    String id = Bodies.pathId(ctx, "tenantId");
    JsonObject body = Bodies.object(ctx);
    List<FieldError> errors = new ArrayList<>();
    Object name = body.getValue("name");
    if (name == null) {
      errors.add(new FieldError("name", "required", "name is required"));
    } else if (!(name instanceof String s)) {
      errors.add(new FieldError("name", "type", "name must be a string"));
    } else if (s.isBlank() || s.length() > 255) {
      errors.add(new FieldError("name", "length", "name must be 1 to 255 characters"));
    }
    for (String k : body.fieldNames()) {
      if (!k.equals("name")) {
        errors.add(new FieldError(k, "unknown", "unknown field " + k));
      }
    }
    if (!errors.isEmpty()) {
      throw GatewayException.validation("the tenant is invalid", errors);
    }
    return tenants
        .upsert(id, ((String) name).trim())
        .map(t -> new Reply(Boolean.TRUE.equals(t.remove("created")) ? 201 : 200, t));
  }

  /**
   * Reads a tenant.
   *
   * @param ctx request
   * @return a Uni emitting the tenant or failing with 404
   */
  public Uni<Reply> get(RoutingContext ctx) {
    String id = Bodies.pathId(ctx, "tenantId");
    return tenants
        .get(id)
        .map(t -> new Reply(200, t.orElseThrow(() -> GatewayException.notFound("tenant", id))));
  }

  /**
   * Whether a tenant exists. Tenants are never deleted, so a tenant once found is remembered and
   * later checks cost no database round trip.
   *
   * @param id tenant id
   * @return a Uni emitting true when it exists
   */
  public Uni<Boolean> exists(String id) {
    if (known.contains(id)) {
      return Uni.createFrom().item(true);
    }
    return tenants
        .get(id)
        .map(
            t -> {
              if (t.isPresent() && known.size() < 100_000) {
                known.add(id);
              }
              return t.isPresent();
            });
  }
}

package com.queast.gateway.tenant;

import com.queast.gateway.db.SqlStatements;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Optional;

/** Tenants: create-or-update and lookup. */
public final class TenantStore {

  /** Tenant and connection statements, for start-up verification. */
  public static final SqlStatements SQL = SqlStatements.load("/sql/tenants.sql");

  private final Pool pool;

  /**
   * A store.
   *
   * @param pool shared pool
   */
  public TenantStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Creates or renames a tenant (idempotent).
   *
   * @param id tenant id
   * @param name display name
   * @return a Uni emitting the tenant as JSON with {@code created} true on first creation
   */
  public Uni<JsonObject> upsert(String id, String name) {
    return pool.preparedQuery(SQL.get("upsert-tenant"))
        .execute(Tuple.of(id, name))
        .map(
            rows ->
                toJson(rows.iterator().next())
                    .put("created", rows.iterator().next().getBoolean("created")));
  }

  /**
   * Looks a tenant up.
   *
   * @param id tenant id
   * @return a Uni emitting the tenant or empty
   */
  public Uni<Optional<JsonObject>> get(String id) {
    return pool.preparedQuery(SQL.get("get-tenant"))
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(toJson(rows.iterator().next())));
  }

  private static JsonObject toJson(Row r) {
    return new JsonObject()
        .put("tenantId", r.getString("id"))
        .put("name", r.getString("name"))
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
        .put("updatedAt", r.getOffsetDateTime("updated_at").toInstant().toString());
  }
}

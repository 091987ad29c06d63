package com.queast.gateway.tenant;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Tenant-scoped API keys: {@code qgk_} + 256 random bits (base64url), shown once, stored as
 * SHA-256. A revoked key stops working at the next request (no cache).
 */
public final class ApiKeyStore {

  /** Prefix of every tenant key (lets the auth edge tell a key from the admin token). */
  public static final String PREFIX = "qgk_";

  private final Pool pool;
  private final SecureRandom random = new SecureRandom();

  /**
   * A store.
   *
   * @param pool the pool
   */
  public ApiKeyStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Creates a key.
   *
   * @param tenantId tenant
   * @param name label
   * @return a Uni emitting {@code {id, name, key, createdAt}}, the only time the key is shown
   */
  public Uni<JsonObject> create(String tenantId, String name) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    return pool.preparedQuery(TenantStore.SQL.get("insert-api-key"))
        .execute(Tuple.of(UUID.randomUUID(), tenantId, name, Buffer.buffer(hash(key))))
        .map(
            rows -> {
              Row r = rows.iterator().next();
              return new JsonObject()
                  .put("id", r.getUUID("id").toString())
                  .put("name", r.getString("name"))
                  .put("key", key)
                  .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
            });
  }

  /**
   * A tenant's keys, without secrets.
   *
   * @param tenantId tenant
   * @return a Uni emitting {@code {items: [{id, name, createdAt, revokedAt}]}}
   */
  public Uni<JsonObject> list(String tenantId) {
    return pool.preparedQuery(TenantStore.SQL.get("list-api-keys"))
        .execute(Tuple.of(tenantId))
        .map(
            rows -> {
              JsonArray items = new JsonArray();
              for (Row r : rows) {
                items.add(
                    new JsonObject()
                        .put("id", r.getUUID("id").toString())
                        .put("name", r.getString("name"))
                        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
                        .put(
                            "revokedAt",
                            r.getOffsetDateTime("revoked_at") == null
                                ? null
                                : r.getOffsetDateTime("revoked_at").toInstant().toString()));
              }
              return new JsonObject().put("items", items);
            });
  }

  /**
   * Revokes a key.
   *
   * @param tenantId tenant
   * @param id key id
   * @return a Uni emitting true when a live key of this tenant was revoked
   */
  public Uni<Boolean> revoke(String tenantId, UUID id) {
    return pool.preparedQuery(TenantStore.SQL.get("revoke-api-key"))
        .execute(Tuple.of(id, tenantId))
        .map(rows -> rows.rowCount() > 0);
  }

  /**
   * The tenant of a live key.
   *
   * @param key the bearer token
   * @return a Uni emitting the tenant, or empty for an unknown or revoked key
   */
  public Uni<Optional<String>> tenantOf(String key) {
    return pool.preparedQuery(TenantStore.SQL.get("api-key-tenant"))
        .execute(Tuple.of(Buffer.buffer(hash(key))))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getString("tenant_id")));
  }

  private static byte[] hash(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

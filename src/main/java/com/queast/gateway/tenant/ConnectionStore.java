package com.queast.gateway.tenant;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Connections and their encrypted credentials. Tenant-scoped reads take the tenant; the few lookups
 * without one (OAuth callback, webhook receipt, connectors holding a job) say so in their names.
 */
public final class ConnectionStore {

  private final Pool pool;
  private final CredentialVault vault;

  /**
   * A store.
   *
   * @param pool shared pool
   * @param vault credential encryption
   */
  public ConnectionStore(Pool pool, CredentialVault vault) {
    this.pool = pool;
    this.vault = vault;
  }

  /**
   * Inserts a connection.
   *
   * @param c the connection (credentials already sealed, or null)
   * @return a Uni completing when stored
   */
  public Uni<Void> insert(Connection c) {
    return pool.preparedQuery(TenantStore.SQL.get("insert-connection"))
        .execute(
            Tuple.tuple(
                java.util.Arrays.asList(
                    c.id(),
                    c.tenantId(),
                    c.crm(),
                    c.authType(),
                    c.status(),
                    c.statusReason(),
                    c.accountId(),
                    c.sealedCredentials() == null ? null : Buffer.buffer(c.sealedCredentials()),
                    at(c.tokenExpiresAt()),
                    c.config())))
        .replaceWithVoid();
  }

  /**
   * Seals credentials for a connection.
   *
   * @param connectionId connection
   * @param credentials secrets
   * @return the blob
   */
  public byte[] seal(UUID connectionId, JsonObject credentials) {
    return vault.seal(connectionId.toString(), credentials);
  }

  /**
   * Opens a connection's credentials.
   *
   * @param c connection
   * @return the secrets, or an empty object when none are stored
   */
  public JsonObject credentials(Connection c) {
    return c.sealedCredentials() == null
        ? new JsonObject()
        : vault.open(c.id().toString(), c.sealedCredentials());
  }

  /**
   * A tenant's connection.
   *
   * @param tenantId tenant
   * @param id connection
   * @return a Uni emitting it, or empty when it does not exist for this tenant
   */
  public Uni<Optional<Connection>> get(String tenantId, UUID id) {
    return one(TenantStore.SQL.get("get-connection"), Tuple.of(id, tenantId));
  }

  /**
   * A connection by id alone, for paths that learn the tenant from it (OAuth callback, webhooks,
   * delivery).
   *
   * @param id connection
   * @return a Uni emitting it or empty
   */
  public Uni<Optional<Connection>> getAnyTenant(UUID id) {
    return one(TenantStore.SQL.get("get-connection-any-tenant"), Tuple.of(id));
  }

  /**
   * A tenant's connections.
   *
   * @param tenantId tenant
   * @return a Uni emitting them, oldest first
   */
  public Uni<List<Connection>> list(String tenantId) {
    return pool.preparedQuery(TenantStore.SQL.get("list-connections"))
        .execute(Tuple.of(tenantId))
        .map(
            rows -> {
              List<Connection> out = new ArrayList<>();
              rows.forEach(r -> out.add(Connection.from(r)));
              return out;
            });
  }

  /**
   * Live connections to one CRM account (webhook routing).
   *
   * @param crm connector id
   * @param accountId CRM account
   * @return a Uni emitting them
   */
  public Uni<List<Connection>> byAccount(String crm, String accountId) {
    return pool.preparedQuery(TenantStore.SQL.get("connections-by-account"))
        .execute(Tuple.of(crm, accountId))
        .map(
            rows -> {
              List<Connection> out = new ArrayList<>();
              rows.forEach(r -> out.add(Connection.from(r)));
              return out;
            });
  }

  /**
   * Marks a connection active with its account and credentials.
   *
   * @param c connection
   * @param accountId CRM account learnt while connecting
   * @param credentials secrets to seal
   * @param expiresAt access-token expiry or null
   * @param config non-secret config to merge
   * @return a Uni completing when stored
   */
  public Uni<Void> activate(
      Connection c,
      String accountId,
      JsonObject credentials,
      Instant expiresAt,
      JsonObject config) {
    return pool.preparedQuery(TenantStore.SQL.get("activate-connection"))
        .execute(
            Tuple.tuple(
                java.util.Arrays.asList(
                    c.id(),
                    c.tenantId(),
                    accountId,
                    Buffer.buffer(seal(c.id(), credentials)),
                    at(expiresAt),
                    config == null ? new JsonObject() : config)))
        .replaceWithVoid();
  }

  /**
   * Sets a connection's status.
   *
   * @param tenantId tenant
   * @param id connection
   * @param status new status
   * @param reason why, or null
   * @return a Uni completing when stored
   */
  public Uni<Void> setStatus(String tenantId, UUID id, String status, String reason) {
    return pool.preparedQuery(TenantStore.SQL.get("set-status"))
        .execute(Tuple.of(id, tenantId, status, reason))
        .replaceWithVoid();
  }

  /**
   * Sets a connection's status only if its stored credentials are still the ones given (those a
   * refused call used): a re-authorisation that stored new credentials meanwhile wins.
   *
   * @param c the connection as the call saw it
   * @param status new status
   * @param reason shown with it
   * @return a Uni emitting whether the status was set
   */
  public Uni<Boolean> setStatusIfCredentials(Connection c, String status, String reason) {
    return pool.preparedQuery(TenantStore.SQL.get("set-status-if-credentials"))
        .execute(
            Tuple.of(
                c.id(),
                c.tenantId(),
                status,
                reason,
                c.sealedCredentials() == null ? null : Buffer.buffer(c.sealedCredentials())))
        .map(rows -> rows.rowCount() > 0);
  }

  /**
   * Merges non-secret config into a connection.
   *
   * @param tenantId tenant
   * @param id connection
   * @param config keys to set
   * @return a Uni completing when stored
   */
  public Uni<Void> mergeConfig(String tenantId, UUID id, JsonObject config) {
    return pool.preparedQuery(TenantStore.SQL.get("merge-config"))
        .execute(Tuple.of(id, tenantId, config))
        .replaceWithVoid();
  }

  /**
   * Sets one nested config value atomically.
   *
   * @param tenantId tenant
   * @param id connection
   * @param path key path, e.g. {@code ["index", "company"]} (parents must exist)
   * @param value the string to store there
   * @return a Uni emitting the whole config after the update
   */
  public Uni<JsonObject> setConfigPath(String tenantId, UUID id, List<String> path, String value) {
    return pool.preparedQuery(TenantStore.SQL.get("set-config-path"))
        .execute(Tuple.of(id, tenantId, path.toArray(new String[0]), value))
        .map(
            rows ->
                rows.size() == 0
                    ? new JsonObject()
                    : rows.iterator().next().getJsonObject("config"));
  }

  /**
   * Runs {@code refresh} while holding the connection's row lock, so across workers and instances
   * one refresh happens at a time; the function sees the freshest stored credentials and returns
   * new ones (or empty to keep them).
   *
   * @param id connection
   * @param refresh given the locked connection and its open credentials, emits new credentials and
   *     expiry or empty
   * @return a Uni emitting the credentials in force after the call
   */
  public Uni<JsonObject> withLockedCredentials(
      UUID id, Function<Locked, Uni<Optional<Refreshed>>> refresh) {
    return pool.withTransaction(
        (SqlConnection tx) ->
            tx.preparedQuery(TenantStore.SQL.get("lock-connection"))
                .execute(Tuple.of(id))
                .chain(
                    rows -> {
                      if (rows.size() == 0) {
                        return Uni.createFrom()
                            .failure(new IllegalStateException("connection " + id + " is gone"));
                      }
                      Connection c = Connection.from(rows.iterator().next());
                      JsonObject current = credentials(c);
                      return refresh
                          .apply(new Locked(c, current))
                          .chain(
                              r -> {
                                if (r.isEmpty()) {
                                  return Uni.createFrom().item(current);
                                }
                                return tx.preparedQuery(TenantStore.SQL.get("set-credentials"))
                                    .execute(
                                        Tuple.of(
                                            id,
                                            Buffer.buffer(seal(id, r.get().credentials())),
                                            at(r.get().expiresAt())))
                                    .replaceWith(r.get().credentials());
                              });
                    }));
  }

  private Uni<Optional<Connection>> one(String sql, Tuple args) {
    return pool.preparedQuery(sql)
        .execute(args)
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.<Connection>empty();
              }
              Row r = rows.iterator().next();
              return Optional.of(Connection.from(r));
            });
  }

  private static OffsetDateTime at(Instant i) {
    return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  /**
   * A connection under its row lock with its open credentials.
   *
   * @param connection the connection
   * @param credentials its current secrets
   */
  public record Locked(Connection connection, JsonObject credentials) {}

  /**
   * New credentials from a refresh.
   *
   * @param credentials secrets to store
   * @param expiresAt new access-token expiry
   */
  public record Refreshed(JsonObject credentials, Instant expiresAt) {}
}

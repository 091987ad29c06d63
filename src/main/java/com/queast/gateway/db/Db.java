package com.queast.gateway.db;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.util.List;
import java.util.Map;

/** Builds the shared connection pool and checks named statements against the live schema. */
public final class Db {

  /** The role cross-tenant work switches to (migration V43): no SUPERUSER, no BYPASSRLS. */
  public static final String SYSTEM_ROLE = "queast_gateway_system";

  /** How long opening one connection may take before the database counts as unreachable. */
  static final int CONNECT_TIMEOUT_MS = 5_000;

  private Db() {}

  /**
   * A pool for the URL.
   *
   * @param vertx the Vert.x instance
   * @param url database URL
   * @param size maximum connections
   * @return a lazily connecting pool
   */
  public static Pool pool(Vertx vertx, PgUrl url, int size) {
    return Pool.newInstance(corePool(vertx, url, size, "gateway-", url.connectOptions()));
  }

  /**
   * The pool the gateway works with: a {@link ScopedPool} over a system pool (connections start
   * with {@code gateway.tenant=*}) and a tenant pool (no default scope), both connecting as the
   * application role.
   *
   * @param vertx the Vert.x instance
   * @param url database URL of the application role (not the migrating user)
   * @param size maximum connections of the system pool (the tenant pool gets half, at least 2)
   * @param systemRole whether system connections switch to {@link #SYSTEM_ROLE} (when the gateway
   *     works as the application role; a superuser or the migrating user has no need to)
   * @return the scoped pool
   */
  public static Pool scopedPool(Vertx vertx, PgUrl url, int size, boolean systemRole) {
    io.vertx.sqlclient.Pool system =
        corePool(vertx, url, size, "gateway-system-", systemOptions(url, systemRole));
    io.vertx.sqlclient.Pool tenant =
        corePool(vertx, url, Math.max(2, size / 2), "gateway-tenant-", url.connectOptions());
    return Pool.newInstance(new ScopedPool(system, tenant));
  }

  /**
   * Connection options of the system scope: {@code gateway.tenant=*} and, as the application role,
   * a switch to {@link #SYSTEM_ROLE} at connect, whose row-level-security policy is {@code true}
   * (migration V43), so cross-tenant statements plan as if there were no wall.
   *
   * @param url database URL
   * @param systemRole whether to switch to the system role
   * @return new options
   */
  public static PgConnectOptions systemOptions(PgUrl url, boolean systemRole) {
    String options = "-c gateway.tenant=*" + (systemRole ? " -c role=" + SYSTEM_ROLE : "");
    return url.connectOptions().addProperty("options", options);
  }

  private static io.vertx.sqlclient.Pool corePool(
      Vertx vertx, PgUrl url, int size, String namePrefix, PgConnectOptions options) {
    DatabaseFailures.watch(url.host(), url.port());
    return PgBuilder.pool()
        .with(
            new PoolOptions()
                .setMaxSize(size)
                .setName(namePrefix + url.database())
                .setShared(false)
                // No pool-side acquisition timer: in vertx-sql-client 4.5 a failed acquisition
                // leaves that timer armed, and when it fires it fails an already completed
                // promise ("Result is already complete", eclipse-vertx/vertx-sql-client#1706), a
                // storm of unhandled exceptions during every outage. Connecting is bounded by the
                // connect timeout below instead, and refusals fail at once.
                .setConnectionTimeout(0))
        .connectingTo(options.setConnectTimeout(CONNECT_TIMEOUT_MS))
        .using(vertx.getDelegate())
        .build();
  }

  /**
   * Whether the pool's role bypasses row-level security (superuser or BYPASSRLS).
   *
   * @param pool the pool
   * @return a Uni emitting true when the walls are not enforced by the database
   */
  public static Uni<Boolean> bypassesRls(Pool pool) {
    return pool.query(
            "SELECT rolsuper OR rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user")
        .execute()
        .map(rows -> rows.iterator().next().getBoolean("bypass"));
  }

  /**
   * Prepares every statement of every file once, so a statement that no longer matches the schema
   * fails the start.
   *
   * @param pool the pool
   * @param files statement files
   * @return a Uni that completes when all statements prepared, or fails naming the first bad one
   */
  public static Uni<Void> verify(Pool pool, List<SqlStatements> files) {
    return pool.withConnection(
        conn ->
            Multi.createFrom()
                .iterable(files)
                .onItem()
                .transformToIterable(f -> f.all().entrySet())
                .onItem()
                .transformToUniAndConcatenate(
                    (Map.Entry<String, String> e) ->
                        conn.prepare(e.getValue())
                            .onItem()
                            .transformToUni(ps -> ps.close())
                            .onFailure()
                            .transform(
                                t ->
                                    new IllegalStateException(
                                        "SQL statement "
                                            + e.getKey()
                                            + " is invalid: "
                                            + t.getMessage(),
                                        t)))
                .collect()
                .last()
                .replaceWithVoid());
  }
}

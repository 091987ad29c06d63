package com.queast.gateway.db;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.List;
import java.util.Map;

/** Builds the shared connection pool and checks named statements against the live schema. */
public final class Db {

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
    DatabaseFailures.watch(url.host(), url.port());
    return PgBuilder.pool()
        .with(
            new PoolOptions()
                .setMaxSize(size)
                .setName("gateway-" + url.database())
                .setShared(false)
                // No pool-side acquisition timer: in vertx-sql-client 4.5 a failed acquisition
                // leaves that timer armed, and when it fires it fails an already completed
                // promise ("Result is already complete", eclipse-vertx/vertx-sql-client#1706), a
                // storm of unhandled exceptions during every outage. Connecting is bounded by the
                // connect timeout below instead, and refusals fail at once.
                .setConnectionTimeout(0))
        .connectingTo(url.connectOptions().setConnectTimeout(CONNECT_TIMEOUT_MS))
        .using(vertx)
        .build();
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

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
    return PgBuilder.pool()
        .with(
            new PoolOptions()
                .setMaxSize(size)
                .setName("gateway-" + url.database())
                .setShared(false))
        .connectingTo(url.connectOptions())
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

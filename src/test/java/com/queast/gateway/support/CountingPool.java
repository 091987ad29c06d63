package com.queast.gateway.support;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A pool that counts what a store sends to the database: statements run on the pool and connections
 * taken from it (a transaction takes one and may run any number of statements on it, so a test that
 * wants "one statement" asserts both: one statement and no connection). For tests that prove a
 * write is one statement per batch whatever the batch size.
 */
public final class CountingPool implements Pool {

  private final Pool delegate;
  private final AtomicInteger statements = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();

  /**
   * Counts what goes through a pool.
   *
   * @param delegate the real pool
   */
  public CountingPool(Pool delegate) {
    this.delegate = delegate;
  }

  /**
   * Statements run on the pool since the last reset.
   *
   * @return count
   */
  public int statements() {
    return statements.get();
  }

  /**
   * Connections taken (transactions included) since the last reset.
   *
   * @return count
   */
  public int connections() {
    return connections.get();
  }

  /** Starts counting again from zero. */
  public void reset() {
    statements.set(0);
    connections.set(0);
  }

  @Override
  public void getConnection(Handler<AsyncResult<SqlConnection>> handler) {
    getConnection().onComplete(handler);
  }

  @Override
  public Future<SqlConnection> getConnection() {
    connections.incrementAndGet();
    return delegate.getConnection();
  }

  @Override
  public Query<RowSet<Row>> query(String sql) {
    statements.incrementAndGet();
    return delegate.query(sql);
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
    statements.incrementAndGet();
    return delegate.preparedQuery(sql);
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
    statements.incrementAndGet();
    return delegate.preparedQuery(sql, options);
  }

  @Override
  public void close(Handler<AsyncResult<Void>> handler) {
    close().onComplete(handler);
  }

  @Override
  public Future<Void> close() {
    return delegate.close();
  }

  @Override
  public Pool connectHandler(Handler<SqlConnection> handler) {
    delegate.connectHandler(handler);
    return this;
  }

  @Override
  public Pool connectionProvider(Function<Context, Future<SqlConnection>> provider) {
    delegate.connectionProvider(provider);
    return this;
  }

  @Override
  public int size() {
    return delegate.size();
  }
}

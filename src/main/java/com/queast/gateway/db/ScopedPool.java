package com.queast.gateway.db;

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
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collector;

/**
 * The pool every store uses, routing each statement by {@link TenantScope}. Inside a tenant
 * request, a statement runs on the tenant pool in a transaction that first sets {@code
 * gateway.tenant} to that tenant ({@code set_config(..., true)}, transaction-local), and a
 * connection handed out is set for the tenant before use; row-level security then hides every other
 * tenant's rows even from a statement that forgot its {@code WHERE tenant_id}. Outside one
 * (workers, lane claims, maintenance, webhook receipt, authentication), statements run on the
 * system pool, whose connections carry {@code gateway.tenant=*} from their start: the explicit,
 * narrow path for work that spans tenants. Stores need no change.
 */
public final class ScopedPool implements Pool {

  private static final String SET = "SELECT set_config('gateway.tenant', $1, true)";
  private static final String SET_SESSION = "SELECT set_config('gateway.tenant', $1, false)";

  private final Pool system;
  private final Pool tenant;

  /**
   * A scoped pool.
   *
   * @param system connections with {@code gateway.tenant=*}
   * @param tenant connections without a default scope
   */
  public ScopedPool(Pool system, Pool tenant) {
    this.system = system;
    this.tenant = tenant;
  }

  @Override
  public void getConnection(Handler<AsyncResult<SqlConnection>> handler) {
    getConnection().onComplete(handler);
  }

  @Override
  public Future<SqlConnection> getConnection() {
    String t = TenantScope.current();
    if (t == null) {
      return system.getConnection();
    }
    return tenant
        .getConnection()
        .compose(
            conn ->
                conn.preparedQuery(SET_SESSION)
                    .execute(Tuple.of(t))
                    .map(conn)
                    .onFailure(e -> conn.close()));
  }

  @Override
  public Query<RowSet<Row>> query(String sql) {
    String t = TenantScope.current();
    return t == null ? system.query(sql) : new Scoped(t, sql);
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
    String t = TenantScope.current();
    return t == null ? system.preparedQuery(sql) : new Scoped(t, sql);
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
    String t = TenantScope.current();
    return t == null ? system.preparedQuery(sql, options) : new Scoped(t, sql);
  }

  @Override
  public void close(Handler<AsyncResult<Void>> handler) {
    close().onComplete(handler);
  }

  @Override
  public Future<Void> close() {
    return Future.join(system.close(), tenant.close()).mapEmpty();
  }

  @Override
  public Pool connectHandler(Handler<SqlConnection> handler) {
    system.connectHandler(handler);
    return this;
  }

  @Override
  public Pool connectionProvider(Function<Context, Future<SqlConnection>> provider) {
    throw new UnsupportedOperationException("connectionProvider is not supported by ScopedPool");
  }

  @Override
  public int size() {
    return system.size() + tenant.size();
  }

  /** A statement run in its own transaction under one tenant's scope. */
  private final class Scoped implements PreparedQuery<RowSet<Row>> {

    private final String scope;
    private final String sql;

    Scoped(String scope, String sql) {
      this.scope = scope;
      this.sql = sql;
    }

    private <T> Future<T> run(Function<SqlConnection, Future<T>> statement) {
      return tenant.withTransaction(
          conn ->
              conn.preparedQuery(SET).execute(Tuple.of(scope)).compose(x -> statement.apply(conn)));
    }

    @Override
    public void execute(Handler<AsyncResult<RowSet<Row>>> handler) {
      execute().onComplete(handler);
    }

    @Override
    public Future<RowSet<Row>> execute() {
      return run(conn -> conn.preparedQuery(sql).execute());
    }

    @Override
    public void execute(Tuple tuple, Handler<AsyncResult<RowSet<Row>>> handler) {
      execute(tuple).onComplete(handler);
    }

    @Override
    public Future<RowSet<Row>> execute(Tuple tuple) {
      return run(conn -> conn.preparedQuery(sql).execute(tuple));
    }

    @Override
    public void executeBatch(List<Tuple> batch, Handler<AsyncResult<RowSet<Row>>> handler) {
      executeBatch(batch).onComplete(handler);
    }

    @Override
    public Future<RowSet<Row>> executeBatch(List<Tuple> batch) {
      return run(conn -> conn.preparedQuery(sql).executeBatch(batch));
    }

    @Override
    public <R> PreparedQuery<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
      throw new UnsupportedOperationException("collecting is not supported under a tenant scope");
    }

    @Override
    public <U> PreparedQuery<RowSet<U>> mapping(Function<Row, U> mapper) {
      throw new UnsupportedOperationException("mapping is not supported under a tenant scope");
    }
  }
}

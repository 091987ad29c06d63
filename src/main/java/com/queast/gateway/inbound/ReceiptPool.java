package com.queast.gateway.inbound;

import com.queast.gateway.db.Db;
import com.queast.gateway.db.PgUrl;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;

/**
 * The connections reserved for webhook receipt ({@code inbound.poolSize}), apart from the shared
 * pool that delivery, backfills and the API use, so an acknowledgement never waits behind a lane's
 * database work. A request waits at most {@code inbound.acquireTimeoutMs} for one of them (then the
 * receiver answers 503 with {@code Retry-After}); at most {@code inbound.maxInFlight} requests wait
 * at all. Deployed as a verticle only so that undeploying the gateway closes the pool.
 */
public final class ReceiptPool extends AbstractVerticle {

  private final Pool pool;

  /**
   * Creates the pool (it connects lazily).
   *
   * @param vertx Vert.x
   * @param url database URL
   * @param size connections reserved for receipt
   * @param maxWaiting requests that may wait for a connection
   * @param acquireTimeoutMs longest wait for a connection
   * @param systemRole whether connections switch to the system role ({@link Db#systemOptions})
   */
  public ReceiptPool(
      Vertx vertx, PgUrl url, int size, int maxWaiting, long acquireTimeoutMs, boolean systemRole) {
    this.pool =
        PgBuilder.pool()
            .with(
                new PoolOptions()
                    .setMaxSize(size)
                    .setMaxWaitQueueSize(maxWaiting)
                    .setConnectionTimeout((int) Math.max(1, acquireTimeoutMs))
                    .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                    .setName("gateway-inbound-" + url.database())
                    .setShared(false))
            // Receipt spans tenants (it learns the tenant from the signed payload): the explicit
            // system scope of row-level security, as the application role.
            .connectingTo(Db.systemOptions(url, systemRole).setConnectTimeout(5_000))
            .using(vertx)
            .build();
  }

  /**
   * The reserved pool.
   *
   * @return the pool
   */
  public Pool pool() {
    return pool;
  }

  @Override
  public void stop(Promise<Void> done) {
    pool.getDelegate().close().onComplete(ignored -> done.complete());
  }
}

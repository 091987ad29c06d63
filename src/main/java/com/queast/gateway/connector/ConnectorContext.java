package com.queast.gateway.connector;

import com.queast.gateway.app.GatewayConfig;
import com.queast.gateway.tenant.ConnectionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Clock;

/**
 * What a connector gets from the gateway.
 *
 * @param vertx Vert.x (for web clients and timers)
 * @param config whole configuration (a connector reads its own section)
 * @param connections connections and credentials
 * @param pool shared pool, for connector-owned tables
 * @param clock time source
 * @param meters metrics registry
 * @param tokens fresh credentials with single-flight refresh
 * @param identity identity matching before first writes
 * @param mapping effective mapping per connection (defaults + tenant override)
 */
public record ConnectorContext(
    Vertx vertx,
    GatewayConfig config,
    ConnectionStore connections,
    Pool pool,
    Clock clock,
    MeterRegistry meters,
    com.queast.gateway.tenant.TokenManager tokens,
    IdentityResolver identity,
    com.queast.gateway.mapping.MappingService mapping) {}

package com.queast.gateway.connector;

import com.queast.gateway.mapping.MappingService;
import com.queast.gateway.tenant.ConnectionStore;
import com.queast.gateway.tenant.TokenManager;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * What a connector gets from the gateway.
 *
 * @param vertx Vert.x (for web clients and timers)
 * @param options each connector's {@code connectors.<crm>} configuration section, as data (a
 *     connector binds its own with {@link ConnectorOptions})
 * @param jobLease how long a claimed job's lease lasts (a connector bounds its batches below it)
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
    Map<String, JsonObject> options,
    Duration jobLease,
    ConnectionStore connections,
    Pool pool,
    Clock clock,
    MeterRegistry meters,
    TokenManager tokens,
    IdentityResolver identity,
    MappingService mapping) {

  /**
   * One connector's configuration section.
   *
   * @param crm connector id
   * @return its section, empty when the configuration has none
   */
  public JsonObject options(String crm) {
    JsonObject section = options.get(crm);
    return section == null ? new JsonObject() : section;
  }
}

package com.queast.gateway.mapping;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.db.SqlStatements;
import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mappings per connection: connector defaults plus the tenant's latest override (a JSON merge
 * patch, versioned, never half-applied: an override is stored only when the merged mapping
 * validates). Connectors ask for the effective mapping per batch; it is cached briefly so a change
 * reaches every instance within {@link #TTL}.
 */
public final class MappingService {

  /** The statement file, for start-up verification. */
  public static final SqlStatements SQL = SqlStatements.load("/sql/mapping.sql");

  /** How long an instance keeps an effective mapping before re-reading the override. */
  public static final Duration TTL = Duration.ofSeconds(5);

  private record Cached(EffectiveMapping mapping, Instant at) {}

  private final Pool pool;
  private final Clock clock;
  private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

  /**
   * A service.
   *
   * @param pool pool
   * @param clock time source
   */
  public MappingService(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /**
   * The mapping in force for a connection.
   *
   * @param c connection
   * @return a Uni emitting the effective mapping
   */
  public Uni<EffectiveMapping> forConnection(Connection c) {
    Cached hit = cache.get(c.id());
    if (hit != null && hit.at().plus(TTL).isAfter(clock.instant())) {
      return Uni.createFrom().item(hit.mapping());
    }
    return latest(c)
        .map(
            row -> {
              MappingSpec defaults = ConnectorDefaults.of(c.crm());
              EffectiveMapping m;
              if (row == null) {
                m = new EffectiveMapping(defaults, 0);
              } else {
                List<FieldError> errors = new ArrayList<>();
                MappingSpec merged = defaults.merge(row.getJsonObject("patch"), errors);
                // A stored override was valid against the defaults of its day; if a new release
                // made it invalid,
                // fall back to the defaults rather than deliver with a broken mapping.
                m =
                    merged == null
                        ? new EffectiveMapping(defaults, 0)
                        : new EffectiveMapping(merged, row.getInteger("version"));
              }
              cache.put(c.id(), new Cached(m, clock.instant()));
              return m;
            });
  }

  private Uni<Row> latest(Connection c) {
    return pool.preparedQuery(SQL.get("latest-override"))
        .execute(Tuple.of(c.id(), c.tenantId()))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
  }

  /**
   * The connection's mapping as the API shows it.
   *
   * @param c connection
   * @return a Uni emitting {@code {crm, version, defaults, override, effective}}
   */
  public Uni<JsonObject> describe(Connection c) {
    return latest(c)
        .chain(
            row ->
                forConnection(c)
                    .map(
                        eff ->
                            new JsonObject()
                                .put("connectionId", c.id().toString())
                                .put("crm", c.crm())
                                .put("version", row == null ? 0 : row.getInteger("version"))
                                .put("defaults", ConnectorDefaults.of(c.crm()).toJson())
                                .put(
                                    "override",
                                    row == null ? new JsonObject() : row.getJsonObject("patch"))
                                .put("effective", eff.spec().toJson())
                                .put(
                                    "transforms",
                                    new io.vertx.core.json.JsonArray(Transforms.known()))));
  }

  /**
   * Validates an override merged over the defaults, without storing it.
   *
   * @param c connection
   * @param patch the override
   * @return the merged spec
   * @throws GatewayException 400 naming every bad field when the merged mapping is invalid
   */
  public MappingSpec validate(Connection c, JsonObject patch) {
    List<FieldError> errors = new ArrayList<>();
    MappingSpec merged = ConnectorDefaults.of(c.crm()).merge(patch, errors);
    if (merged == null) {
      throw GatewayException.validation(
          "the mapping override is invalid; nothing was changed", errors);
    }
    return merged;
  }

  /**
   * Stores a validated override as the next version.
   *
   * @param c connection
   * @param patch the override (already validated)
   * @return a Uni emitting the new version
   */
  public Uni<Integer> store(Connection c, JsonObject patch) {
    return pool.preparedQuery(SQL.get("insert-override"))
        .execute(Tuple.of(c.id(), c.tenantId(), patch))
        .map(rows -> rows.iterator().next().getInteger("version"))
        .invoke(v -> cache.remove(c.id()));
  }
}

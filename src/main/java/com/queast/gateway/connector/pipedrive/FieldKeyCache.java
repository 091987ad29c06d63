package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.mapping.MappingSpec;
import com.queast.gateway.tenant.Connection;
import com.queast.gateway.tenant.ConnectionStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Custom-field hash keys per connection: from memory, else from the connection config (cached by
 * setup), else resolved through the fields API and merged into the config. Marked stale when
 * Pipedrive says a field is unknown (deleted by a user), which resolves them again.
 */
final class FieldKeyCache {

  private final ConnectionStore connections;
  private final Map<UUID, JsonObject> keys = new ConcurrentHashMap<>();
  private final Set<UUID> stale = ConcurrentHashMap.newKeySet();

  FieldKeyCache(ConnectionStore connections) {
    this.connections = connections;
  }

  void put(UUID connection, JsonObject fields) {
    if (fields != null) {
      keys.put(connection, fields);
      stale.remove(connection);
    }
  }

  void stale(UUID connection) {
    stale.add(connection);
    keys.remove(connection);
  }

  Uni<JsonObject> keys(PipedriveSession s, MappingSpec spec) {
    Connection c = s.connection();
    JsonObject known = keys.get(c.id());
    if (known != null && covers(known, spec)) {
      return Uni.createFrom().item(known);
    }
    JsonObject stored = c.config().getJsonObject("fields");
    if (!stale.contains(c.id()) && stored != null && covers(stored, spec)) {
      keys.put(c.id(), stored);
      return Uni.createFrom().item(stored);
    }
    return PipedriveSetup.fields(s, spec)
        .call(f -> connections.mergeConfig(c.tenantId(), c.id(), new JsonObject().put("fields", f)))
        .invoke(f -> put(c.id(), f));
  }

  private static boolean covers(JsonObject fields, MappingSpec spec) {
    for (ContactKind k : ContactKind.values()) {
      JsonObject f = fields.getJsonObject(k.configKey());
      if (f == null) {
        return false;
      }
      for (String name : PipedriveSetup.neededFields(k, spec)) {
        if (f.getString(name) == null) {
          return false;
        }
      }
    }
    return true;
  }
}

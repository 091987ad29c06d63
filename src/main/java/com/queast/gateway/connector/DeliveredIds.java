package com.queast.gateway.connector;

import com.queast.gateway.db.SqlStatements;
import com.queast.gateway.delivery.DeliveryStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The CRM ids of records already delivered to a connection, read from the gateway's delivered state
 * (no CRM call): how a connector finds the company of a person or a Signal.
 */
public final class DeliveredIds {

  private static final SqlStatements SQL = DeliveryStore.SQL;

  private final Pool pool;

  /**
   * A reader.
   *
   * @param pool shared pool
   */
  public DeliveredIds(Pool pool) {
    this.pool = pool;
  }

  /**
   * CRM ids by Queast id.
   *
   * @param connectionId connection
   * @param recordType Queast record type label, e.g. {@code company}
   * @param recordIds Queast ids
   * @return a Uni emitting the ids found (missing ones are absent)
   */
  public Uni<Map<String, String>> lookup(
      UUID connectionId, String recordType, Collection<String> recordIds) {
    if (recordIds.isEmpty()) {
      return Uni.createFrom().item(new HashMap<>());
    }
    return pool.preparedQuery(SQL.get("delivered-crm-ids"))
        .execute(Tuple.of(connectionId, recordType, recordIds.toArray(new String[0])))
        .map(
            rows -> {
              Map<String, String> out = new HashMap<>();
              rows.forEach(r -> out.put(r.getString("record_id"), r.getString("crm_id")));
              return out;
            });
  }
}

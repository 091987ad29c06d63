package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.db.SqlStatements;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads where other records of a connection landed in Pipedrive (their delivered CRM ids). */
public final class DeliveredIds {

  /** Named statements of the connector, verified at start. */
  public static final SqlStatements SQL = SqlStatements.load("/sql/pipedrive.sql");

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
   * CRM ids of records already delivered to a connection.
   *
   * @param connectionId connection
   * @param recordType {@code company} or {@code person}
   * @param recordIds Queast ids
   * @return a Uni emitting record id → CRM id for those delivered
   */
  public Uni<Map<String, String>> of(UUID connectionId, String recordType, Set<String> recordIds) {
    if (recordIds.isEmpty()) {
      return Uni.createFrom().item(new HashMap<>());
    }
    return pool.preparedQuery(SQL.get("delivered-crm-ids"))
        .execute(Tuple.of(connectionId, recordType, recordIds.toArray(new String[0])))
        .map(
            rows -> {
              Map<String, String> out = new HashMap<>();
              for (Row r : rows) {
                out.put(r.getString("record_id"), r.getString("crm_id"));
              }
              return out;
            });
  }
}

package com.queast.gateway.connector;

import com.queast.gateway.db.SqlStatements;
import com.queast.gateway.delivery.DeliveryStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
   * What a batch knows of the records it points to.
   *
   * @param ids CRM ids by Queast id, for records delivered and not deleted
   * @param deleted Queast ids of records Queast has deleted (no link to them, nothing waits)
   */
  public record Links(Map<String, String> ids, Set<String> deleted) {}

  /**
   * CRM ids by Queast id, and which of the wanted records Queast has deleted.
   *
   * @param connectionId connection
   * @param recordType Queast record type label, e.g. {@code company}
   * @param recordIds Queast ids
   * @return a Uni emitting the links found and the deleted ids
   */
  public Uni<Links> links(UUID connectionId, String recordType, Collection<String> recordIds) {
    if (recordIds.isEmpty()) {
      return Uni.createFrom().item(new Links(new HashMap<>(), new HashSet<>()));
    }
    return pool.preparedQuery(SQL.get("delivered-crm-ids"))
        .execute(Tuple.of(connectionId, recordType, recordIds.toArray(new String[0])))
        .map(
            rows -> {
              Map<String, String> ids = new HashMap<>();
              Set<String> deleted = new HashSet<>();
              rows.forEach(
                  r -> {
                    if (Boolean.TRUE.equals(r.getBoolean("deleted"))) {
                      deleted.add(r.getString("record_id"));
                    } else {
                      ids.put(r.getString("record_id"), r.getString("crm_id"));
                    }
                  });
              return new Links(ids, deleted);
            });
  }
}

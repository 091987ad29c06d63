package com.queast.gateway.matching;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every record of a batch is matched against the whole index: callers that come while the index is
 * loading wait for the load instead of matching against an empty index (the race that created a
 * duplicate "Vandelay Industries" in HubSpot when three records of one batch resolved together).
 */
@ExtendWith(PostgresExtension.class)
class ConnectionIndexesIT {

  @Test
  void concurrentCallersAllSeeTheWholeIndexOnFirstLoad(TestDatabase db) {
    UUID conn = UUID.randomUUID();
    db.exec("INSERT INTO tenants (id, name) VALUES ('t1', 't1')");
    db.exec(
        "INSERT INTO connections (id, tenant_id, crm, auth_type, status) VALUES ('"
            + conn
            + "', 't1', 'test', 'token', 'active')");
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      rows.append(i == 0 ? "" : ",")
          .append("('")
          .append(conn)
          .append("', 'company', 'crm-")
          .append(i)
          .append("', 'Company ")
          .append(i)
          .append(" Industries', 'pull', now())");
    }
    db.exec(
        "INSERT INTO crm_records (connection_id, kind, crm_id, name, source, updated_at) VALUES "
            + rows);
    Vertx vertx = Vertx.vertx();
    Pool pool = db.pool(vertx);
    try {
      ConnectionIndexes indexes =
          new ConnectionIndexes(vertx, pool, Clock.systemUTC(), Normalizers.defaults());
      List<Uni<Integer>> callers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        callers.add(indexes.index(conn).map(ix -> ix.size(RecordKind.COMPANY)));
      }
      List<Integer> sizes =
          Uni.join().all(callers).andFailFast().await().atMost(Duration.ofSeconds(60));
      assertThat(sizes).hasSize(8).containsOnly(5_000);
    } finally {
      pool.closeAndAwait();
      vertx.closeAndAwait();
    }
  }

  @Test
  void aPullThatDoesNotSeeTheQueastIdKeepsTheOneOurWriteRecorded(TestDatabase db) {
    UUID conn = UUID.randomUUID();
    db.exec("INSERT INTO tenants (id, name) VALUES ('t2', 't2')");
    db.exec(
        "INSERT INTO connections (id, tenant_id, crm, auth_type, status) VALUES ('"
            + conn
            + "', 't2', 'test', 'token', 'active')");
    Vertx vertx = Vertx.vertx();
    Pool pool = db.pool(vertx);
    try {
      ConnectionIndexes indexes =
          new ConnectionIndexes(vertx, pool, Clock.systemUTC(), Normalizers.defaults());
      CrmIndex index = indexes.index(conn).await().atMost(Duration.ofSeconds(10));
      indexes
          .add(
              conn,
              "write",
              List.of(CrmRecord.company("9", "Company 2", null, null, "DE").withQueastId("c2")))
          .await()
          .atMost(Duration.ofSeconds(10));
      // A later page of the CRM without the queast_id field (or before its key is known).
      indexes
          .add(conn, "pull", List.of(CrmRecord.company("9", "Company 2", null, null, "DE")))
          .await()
          .atMost(Duration.ofSeconds(10));
      assertThat(index.byCrmId(RecordKind.COMPANY, "9").record().queastId()).isEqualTo("c2");
      assertThat(db.count("SELECT count(*) FROM crm_records WHERE queast_id = 'c2'")).isEqualTo(1);
    } finally {
      pool.closeAndAwait();
      vertx.closeAndAwait();
    }
  }
}

package com.queast.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Webhook receipt notifies a lane at most once per interval (InboundStore.NUDGE_EVERY): a group
 * whose lane was just notified commits without a NOTIFY (which would serialise the receipt's
 * commits on the database-wide notify lock), and the lanes left out get exactly one trailing
 * notification, sent after their groups committed. Every event and job is stored either way.
 */
@ExtendWith(PostgresExtension.class)
class ReceiptNudgeIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration EVERY = Duration.ofMillis(1500);
  private static Vertx vertx;
  private static Pool pool;
  private static TestDatabase db;

  @BeforeAll
  static void start(TestDatabase database) {
    db = database;
    vertx = Vertx.vertx();
    pool = database.pool(vertx);
  }

  @AfterAll
  static void stop() {
    pool.closeAndAwait();
    vertx.closeAndAwait();
  }

  private static List<InboundEvent> group(UUID conn, int from) {
    List<InboundEvent> events = new ArrayList<>();
    for (int e = from; e < from + 5; e++) {
      events.add(
          new InboundEvent(
              "t1",
              conn,
              "test:portal",
              "test",
              "ev-" + e,
              "company",
              "crm-" + e,
              "change",
              "name",
              "N" + e,
              Instant.now(),
              new JsonObject().put("eventId", e)));
    }
    return events;
  }

  private static List<String> notifications(Connection listen, long waitMs) throws Exception {
    List<String> out = new ArrayList<>();
    long until = System.currentTimeMillis() + waitMs;
    while (System.currentTimeMillis() < until) {
      try (Statement s = listen.createStatement()) {
        s.execute("SELECT 1");
      }
      PGNotification[] got = listen.unwrap(PGConnection.class).getNotifications(100);
      if (got != null) {
        for (PGNotification n : got) {
          out.add(n.getParameter());
        }
      }
    }
    return out;
  }

  @Test
  void aLaneIsNotifiedOncePerIntervalAndOnceMoreForTheGroupsLeftOut() throws Exception {
    db.exec("INSERT INTO tenants (id, name) VALUES ('t1', 't1')");
    UUID conn = UUID.randomUUID();
    db.exec(
        "INSERT INTO connections (id, tenant_id, crm, auth_type, status, account_id) VALUES ('"
            + conn
            + "', 't1', 'test', 'token', 'active', 'portal')");
    InboundStore store = new InboundStore(pool, pool, Clock.systemUTC(), 6, EVERY);
    try (Connection listen =
            DriverManager.getConnection(db.url().jdbcUrl(), db.url().user(), db.url().password());
        Statement s = listen.createStatement()) {
      s.execute("LISTEN gateway_jobs");
      // The first group notifies its lane in its own statement.
      assertThat(store.acceptAll(List.of(group(conn, 0))).await().atMost(WAIT)).containsExactly(5);
      assertThat(notifications(listen, 300)).containsExactly("test:portal");
      // Two more groups within the interval: no notification of their own, one trailing one.
      assertThat(store.acceptAll(List.of(group(conn, 5))).await().atMost(WAIT)).containsExactly(5);
      assertThat(store.acceptAll(List.of(group(conn, 10))).await().atMost(WAIT)).containsExactly(5);
      assertThat(notifications(listen, 300)).isEmpty();
      assertThat(notifications(listen, EVERY.toMillis() + 1500)).containsExactly("test:portal");
      // A group of duplicates only (nothing new) owes nothing.
      assertThat(store.acceptAll(List.of(group(conn, 10))).await().atMost(WAIT)).containsExactly(0);
      assertThat(notifications(listen, EVERY.toMillis() + 500)).isEmpty();
    }
    assertThat(db.count("SELECT count(*) FROM inbound_events")).isEqualTo(15);
    assertThat(
            db.count("SELECT count(*) FROM jobs WHERE kind = 'inbound' AND lane = 'test:portal'"))
        .isEqualTo(15);
  }
}

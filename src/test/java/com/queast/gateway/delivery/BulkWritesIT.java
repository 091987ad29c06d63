package com.queast.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.connector.ItemResult;
import com.queast.gateway.inbound.InboundEvent;
import com.queast.gateway.inbound.InboundStore;
import com.queast.gateway.jobqueue.Backoff;
import com.queast.gateway.jobqueue.Job;
import com.queast.gateway.jobqueue.JobKinds;
import com.queast.gateway.jobqueue.JobStore;
import com.queast.gateway.jobqueue.NewJob;
import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.record.Backfills;
import com.queast.gateway.record.DeliveredState;
import com.queast.gateway.record.IncomingRecord;
import com.queast.gateway.record.RecordStore;
import com.queast.gateway.record.RecordType;
import com.queast.gateway.support.CountingPool;
import com.queast.gateway.support.MutableClock;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The bulk paths of issue 11, counted: a backfill page, a delivered batch's bookkeeping (delivery
 * log, delivered state, completions), an ingest call (records and their jobs) and a group of
 * webhook requests (events and their jobs) are one statement each, whatever their size.
 */
@ExtendWith(PostgresExtension.class)
class BulkWritesIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static Vertx vertx;
  private static Pool plain;
  private static CountingPool counting;
  private static Pool pool;
  private static TestDatabase db;
  private final MutableClock clock = MutableClock.atSystemNow();

  @BeforeAll
  static void start(TestDatabase database) {
    db = database;
    vertx = Vertx.vertx();
    plain = database.pool(vertx);
    counting = new CountingPool(plain.getDelegate());
    pool = Pool.newInstance(counting);
  }

  @AfterAll
  static void stop() {
    plain.closeAndAwait();
    vertx.closeAndAwait();
  }

  @BeforeEach
  void clean() {
    db.exec("TRUNCATE tenants, jobs, lanes, delivery_log, deliveries, backfills CASCADE");
    db.exec("INSERT INTO tenants (id, name) VALUES ('t1', 't1')");
  }

  private static UUID conn(String account) {
    UUID id = UUID.randomUUID();
    db.exec(
        "INSERT INTO connections (id, tenant_id, crm, auth_type, status, account_id) VALUES ('"
            + id
            + "', 't1', 'test', 'token', 'active', '"
            + account
            + "')");
    return id;
  }

  /** Companies c000000..c(n-1), people p000000.., raw rows (as a restore would write them). */
  private static void seed(int companies, int people) {
    db.exec(
        "INSERT INTO records (tenant_id, record_type, record_id, data, content_hash)"
            + " SELECT 't1', 'company', 'c' || lpad(g::text, 6, '0'),"
            + " jsonb_build_object('name', 'Company ' || g), 'h' || g"
            + " FROM generate_series(0, "
            + (companies - 1)
            + ") g;"
            + " INSERT INTO records (tenant_id, record_type, record_id, data, content_hash)"
            + " SELECT 't1', 'person', 'p' || lpad(g::text, 6, '0'),"
            + " jsonb_build_object('firstName', 'P' || g), 'h' || g"
            + " FROM generate_series(0, "
            + (people - 1)
            + ") g");
  }

  @Test
  void aBackfillPageIsOneStatementWhateverItsSize() {
    seed(1500, 20);
    Backfills backfills = new Backfills(pool, 7, clock);
    int[] sizes = {10, 100, 1000};
    for (int size : sizes) {
      db.exec("TRUNCATE jobs, backfills");
      UUID c = conn("acct-" + size);
      Backfills.Backfill b =
          backfills.start("t1", c, "test:acct-" + size, "api", size).await().atMost(WAIT);
      assertThat(backfills.claim("w1").await().atMost(WAIT)).isPresent();
      counting.reset();
      Optional<Backfills.Backfill> after = backfills.step(b.id(), "w1").await().atMost(WAIT);
      assertThat(counting.statements()).as("statements for a page of %d", size).isEqualTo(1);
      assertThat(counting.connections()).as("transactions for a page of %d", size).isZero();
      assertThat(after).isPresent();
      assertThat(after.get().enqueued()).isEqualTo(size);
      assertThat(db.count("SELECT count(*) FROM jobs WHERE connection_id = '" + c + "'"))
          .isEqualTo(size);
      assertThat(
              db.count(
                  "SELECT count(*) FROM jobs WHERE connection_id = '"
                      + c
                      + "' AND max_attempts = 7 AND priority = 30 AND kind = 'deliver'"
                      + " AND state = 'available' AND lane = 'test:acct-"
                      + size
                      + "'"))
          .isEqualTo(size);
      assertThat(db.count("SELECT count(*) FROM lanes WHERE lane = 'test:acct-" + size + "'"))
          .isEqualTo(1);
    }
  }

  @Test
  void aBackfillRunsToItsEndInKeysetOrderNudgingTheLaneAndCoalescingWithPendingJobs()
      throws Exception {
    seed(250, 30);
    UUID c = conn("acct");
    JobStore jobs = new JobStore(plain, clock, "w", Duration.ofSeconds(30), backoff());
    // A pending job of c000005 with an older hash and a used attempt (latest wins, the attempt
    // stays), and a running job of c000006 (left alone; the backfill adds a pending one after it).
    jobs.enqueue(plain, List.of(job(c, "c000005", "old"), job(c, "c000006", "h6")))
        .await()
        .atMost(WAIT);
    db.exec("UPDATE jobs SET attempt = 2 WHERE record_id = 'c000005'");
    db.exec("UPDATE jobs SET state = 'running', worker_id = 'x' WHERE record_id = 'c000006'");
    Backfills backfills = new Backfills(pool, 5, clock);
    try (Connection listen =
            DriverManager.getConnection(db.url().jdbcUrl(), db.url().user(), db.url().password());
        Statement s = listen.createStatement()) {
      s.execute("LISTEN gateway_jobs");
      Backfills.Backfill b = backfills.start("t1", c, "test:acct", "api", 100).await().atMost(WAIT);
      backfills.claim("w1").await().atMost(WAIT);
      counting.reset();
      Optional<Backfills.Backfill> end = backfills.runToEnd(b.id(), "w1").await().atMost(WAIT);
      // 280 records in pages of 100: 100, 100, 80 (short: done).
      assertThat(counting.statements()).isEqualTo(3);
      assertThat(end).isPresent();
      assertThat(end.get().state()).isEqualTo("done");
      assertThat(end.get().enqueued()).isEqualTo(280);
      assertThat(end.get().afterType()).isEqualTo("person");
      assertThat(end.get().afterId()).isEqualTo("p000029");
      s.execute("SELECT 1");
      PGNotification[] got = listen.unwrap(PGConnection.class).getNotifications(5000);
      assertThat(got).isNotNull();
      assertThat(got[0].getParameter()).isEqualTo("test:acct");
    }
    assertThat(db.count("SELECT count(*) FROM jobs WHERE state = 'available'")).isEqualTo(280);
    assertThat(
            db.count(
                "SELECT count(*) FROM jobs WHERE record_type = 'person' AND priority = 20"
                    + " AND state = 'available'"))
        .isEqualTo(30);
    assertThat(
            db.string(
                "SELECT content_hash || '/' || attempt FROM jobs WHERE record_id = 'c000005'"))
        .isEqualTo("h5/2");
    assertThat(db.count("SELECT count(*) FROM jobs WHERE record_id = 'c000006'")).isEqualTo(2);
    // A runner that lost its backfill writes nothing.
    Backfills.Backfill again =
        backfills.start("t1", c, "test:acct", "api", 100).await().atMost(WAIT);
    assertThat(backfills.step(again.id(), "nobody").await().atMost(WAIT)).isEmpty();
    assertThat(db.count("SELECT count(*) FROM jobs")).isEqualTo(281);
  }

  @Test
  void aBatchsLogDeliveredStateAndCompletionsAreOneStatementWhateverItsSize() {
    UUID c = conn("acct");
    JobStore jobs = new JobStore(plain, clock, "w", Duration.ofSeconds(30), backoff());
    DeliveryStore store = new DeliveryStore(pool, clock);
    for (int size : new int[] {1, 10, 100}) {
      List<NewJob> batch = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        batch.add(job(c, "s" + size + "-" + i, "h"));
      }
      jobs.enqueue(plain, batch).await().atMost(WAIT);
      List<Job> claimed = jobs.claimJobs("test:acct", size).await().atMost(WAIT);
      assertThat(claimed).hasSize(size);
      List<DeliveryStore.Logged> logged = new ArrayList<>();
      List<Long> complete = new ArrayList<>();
      for (Job j : claimed) {
        logged.add(
            new DeliveryStore.Logged(
                j,
                new ItemResult(
                    j.id(),
                    new Outcome.Complete(Outcome.Attempt.of("ok", "written"), "companies", "x"),
                    new DeliveredState(
                        "companies", "crm-" + j.recordId(), "h", new JsonObject()))));
        complete.add(j.id());
      }
      counting.reset();
      assertThat(store.settle("w", logged, complete).await().atMost(WAIT)).hasSize(size);
      assertThat(counting.statements()).as("statements for a batch of %d", size).isEqualTo(1);
      assertThat(counting.connections()).isZero();
    }
    assertThat(db.count("SELECT count(*) FROM delivery_log")).isEqualTo(111);
    assertThat(db.count("SELECT count(*) FROM deliveries")).isEqualTo(111);
    assertThat(db.count("SELECT count(*) FROM jobs WHERE state = 'completed'")).isEqualTo(111);
  }

  @Test
  void anIngestCallIsOneStatementWhateverItsSize() {
    UUID paused = conn("acct");
    db.exec("UPDATE connections SET status = 'paused' WHERE id = '" + paused + "'");
    UUID gone = conn("gone");
    db.exec("UPDATE connections SET status = 'disconnected' WHERE id = '" + gone + "'");
    RecordStore records = new RecordStore(pool, clock, 7);
    int total = 0;
    for (int size : new int[] {10, 100, 1000}) {
      List<IncomingRecord> batch = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        batch.add(
            new IncomingRecord(
                RecordType.COMPANY,
                "c" + size + "-" + i,
                new JsonObject().put("name", "Company " + i)));
      }
      counting.reset();
      RecordStore.IngestResult r = records.ingest("t1", batch).await().atMost(WAIT);
      assertThat(counting.statements()).as("statements for %d records", size).isEqualTo(1);
      assertThat(counting.connections()).as("transactions for %d records", size).isZero();
      assertThat(r.changedVersions()).hasSize(size);
      assertThat(r.jobsEnqueued()).isEqualTo(size);
      total += size;
    }
    // One job per record for the paused connection (it keeps them waiting), none for the gone one.
    assertThat(
            db.count(
                "SELECT count(*) FROM jobs WHERE connection_id = '"
                    + paused
                    + "' AND kind = 'deliver' AND state = 'available' AND max_attempts = 7"
                    + " AND priority = 30 AND lane = 'test:acct' AND content_hash IS NOT NULL"))
        .isEqualTo(total);
    assertThat(db.count("SELECT count(*) FROM jobs WHERE connection_id = '" + gone + "'")).isZero();
    // The same content again: nothing changes, nothing is enqueued; a change coalesces with the
    // pending job (latest hash wins) instead of adding one.
    List<IncomingRecord> again =
        List.of(
            new IncomingRecord(
                RecordType.COMPANY, "c10-0", new JsonObject().put("name", "Company 0")),
            new IncomingRecord(
                RecordType.COMPANY, "c10-1", new JsonObject().put("name", "Renamed")));
    RecordStore.IngestResult r = records.ingest("t1", again).await().atMost(WAIT);
    assertThat(r.changed(RecordType.COMPANY, "c10-0")).isFalse();
    assertThat(r.changed(RecordType.COMPANY, "c10-1")).isTrue();
    assertThat(r.jobsEnqueued()).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM jobs")).isEqualTo(total);
    assertThat(
            db.string(
                "SELECT j.content_hash = r.content_hash FROM jobs j JOIN records r"
                    + " ON r.record_id = j.record_id WHERE j.record_id = 'c10-1'"))
        .isEqualTo("t");
    // Delivered with this hash already: a re-ingest of other content and back enqueues nothing new
    // for a record whose delivered hash is the new one.
    db.exec(
        "INSERT INTO deliveries (tenant_id, connection_id, record_type, record_id, crm_object_type,"
            + " crm_id, delivered_hash, delivered_props) SELECT 't1', connection_id, record_type,"
            + " record_id, 'companies', 'x', content_hash, '{}' FROM jobs WHERE record_id = 'c10-2'");
    db.exec("DELETE FROM jobs WHERE record_id = 'c10-2'");
    db.exec("UPDATE records SET content_hash = 'stale' WHERE record_id = 'c10-2'");
    r =
        records
            .ingest(
                "t1",
                List.of(
                    new IncomingRecord(
                        RecordType.COMPANY, "c10-2", new JsonObject().put("name", "Company 2"))))
            .await()
            .atMost(WAIT);
    assertThat(r.changed(RecordType.COMPANY, "c10-2")).isTrue();
    assertThat(r.jobsEnqueued()).isZero();
  }

  @Test
  void aGroupOfWebhookRequestsIsOneStatementWithOneJobPerRecord() throws Exception {
    UUID c = conn("portal");
    InboundStore inbound = new InboundStore(pool, clock, 6);
    java.time.Instant at = clock.instant();
    List<List<InboundEvent>> requests = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      List<InboundEvent> events = new ArrayList<>();
      for (int e = 0; e < 10; e++) {
        // Requests 0 and 1 carry the same ten events (a vendor retry racing its original); every
        // event names one of five records.
        int key = r == 1 ? e : r * 10 + e;
        events.add(
            new InboundEvent(
                "t1",
                c,
                "test:portal",
                "test",
                "ev-" + key,
                "company",
                "crm-" + (key % 5),
                "change",
                "name",
                "N" + key,
                at,
                new JsonObject().put("eventId", key)));
      }
      requests.add(events);
    }
    try (Connection listen =
            DriverManager.getConnection(db.url().jdbcUrl(), db.url().user(), db.url().password());
        Statement s = listen.createStatement()) {
      s.execute("LISTEN gateway_jobs");
      counting.reset();
      List<Integer> fresh = inbound.acceptAll(requests).await().atMost(WAIT);
      assertThat(counting.statements()).isEqualTo(1);
      assertThat(counting.connections()).isZero();
      assertThat(fresh).containsExactly(10, 0, 10);
      s.execute("SELECT 1");
      PGNotification[] got = listen.unwrap(PGConnection.class).getNotifications(5000);
      assertThat(got).isNotNull();
      assertThat(got[0].getParameter()).isEqualTo("test:portal");
    }
    assertThat(db.count("SELECT count(*) FROM inbound_events")).isEqualTo(20);
    assertThat(
            db.count(
                "SELECT count(*) FROM jobs WHERE kind = 'inbound' AND state = 'available'"
                    + " AND priority = 50 AND max_attempts = 6 AND lane = 'test:portal'"))
        .isEqualTo(5);
    assertThat(db.count("SELECT count(*) FROM lanes WHERE lane = 'test:portal'")).isEqualTo(1);
    // The same group again (all duplicates): nothing new, no job added.
    counting.reset();
    assertThat(inbound.acceptAll(requests).await().atMost(WAIT)).containsExactly(0, 0, 0);
    assertThat(counting.statements()).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM jobs")).isEqualTo(5);
  }

  private NewJob job(UUID conn, String recordId, String hash) {
    return new NewJob(
        "t1",
        conn,
        "test:acct",
        JobKinds.DELIVER,
        "company",
        recordId,
        hash,
        new JsonObject(),
        5,
        30,
        clock.instant());
  }

  private static Backoff backoff() {
    return new Backoff(1000, 60_000, () -> 0.5);
  }
}

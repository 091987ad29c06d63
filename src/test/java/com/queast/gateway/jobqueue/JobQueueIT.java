package com.queast.gateway.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.support.MutableClock;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class JobQueueIT {

  private static Vertx vertx;
  private static Pool pool;
  private static TestDatabase db;
  private final MutableClock clock = MutableClock.atSystemNow();
  private final Backoff backoff = new Backoff(1000, 60_000, () -> 0.5);

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

  @BeforeEach
  void clean() {
    db.exec("TRUNCATE jobs, lanes, connections CASCADE");
    db.exec("INSERT INTO tenants (id, name) VALUES ('t1', 't1') ON CONFLICT DO NOTHING");
  }

  /** An active connection row: claims only take jobs of active connections. */
  private static UUID conn() {
    UUID id = UUID.randomUUID();
    db.exec(
        "INSERT INTO connections (id, tenant_id, crm, auth_type, status, account_id) VALUES ('"
            + id
            + "', 't1', 'test', 'token', 'active', 'acct')");
    return id;
  }

  private JobStore store(String worker) {
    return new JobStore(pool, clock, worker, Duration.ofSeconds(30), backoff);
  }

  private NewJob job(String lane, UUID conn, String recordId, String hash) {
    return new NewJob(
        "t1",
        conn,
        lane,
        JobKinds.DELIVER,
        "company",
        recordId,
        hash,
        new JsonObject(),
        3,
        0,
        clock.instant());
  }

  private void enqueue(JobStore s, List<NewJob> jobs) {
    s.enqueue(pool, jobs).await().indefinitely();
  }

  @Test
  void theQueueTablesAreVacuumedAfterASmallShareOfDeadRows() {
    // V73: where autovacuum runs, the churning tables are vacuumed and analysed long before the
    // default 20 % of dead rows fills their partial indexes.
    assertThat(
            db.string(
                "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = 'jobs'::regclass"))
        .contains("autovacuum_vacuum_scale_factor=0.01", "autovacuum_vacuum_cost_delay=0");
    for (String table : List.of("inbound_events", "lanes", "backfills")) {
      assertThat(
              db.string(
                  "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = '"
                      + table
                      + "'::regclass"))
          .as(table)
          .contains("autovacuum_vacuum_threshold=", "autovacuum_vacuum_cost_delay=0");
    }
  }

  @Test
  void twoWorkersRacingNeverHoldTheSameJob() throws Exception {
    JobStore a = store("worker-a");
    JobStore b = store("worker-b");
    UUID conn = conn();
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      jobs.add(job("lane-1", conn, "r" + i, "h"));
    }
    enqueue(a, jobs);
    Set<Long> seenA = new HashSet<>();
    Set<Long> seenB = new HashSet<>();
    for (int round = 0; round < 20; round++) {
      CompletableFuture<List<Job>> fa = a.claimJobs("lane-1", 37).subscribeAsCompletionStage();
      CompletableFuture<List<Job>> fb = b.claimJobs("lane-1", 41).subscribeAsCompletionStage();
      fa.get().forEach(j -> assertThat(seenA.add(j.id())).isTrue());
      fb.get().forEach(j -> assertThat(seenB.add(j.id())).isTrue());
    }
    assertThat(seenA).isNotEmpty();
    assertThat(seenB).isNotEmpty();
    assertThat(seenA).doesNotContainAnyElementsOf(seenB);
    assertThat(seenA.size() + seenB.size()).isEqualTo(1000);
    assertThat(db.count("SELECT count(DISTINCT worker_id) FROM jobs WHERE state = 'running'"))
        .isEqualTo(2);
  }

  @Test
  void racingWorkersClaimDifferentLanes() throws Exception {
    JobStore a = store("worker-a");
    JobStore b = store("worker-b");
    UUID conn = conn();
    enqueue(a, List.of(job("lane-1", conn, "r1", "h"), job("lane-2", conn, "r2", "h")));
    var fa = a.claimLane(Set.of()).subscribeAsCompletionStage();
    var fb = b.claimLane(Set.of()).subscribeAsCompletionStage();
    String la = fa.get().orElseThrow().lane();
    String lb = fb.get().orElseThrow().lane();
    assertThat(la).isNotEqualTo(lb);
    assertThat(store("worker-c").claimLane(Set.of()).await().indefinitely()).isEmpty();
  }

  @Test
  void aKilledWorkersJobIsRescuedWhenItsLeaseEnds() {
    JobStore dead = store("worker-dead");
    UUID conn = conn();
    enqueue(dead, List.of(job("lane-1", conn, "r1", "h")));
    assertThat(dead.claimLane(Set.of()).await().indefinitely()).isPresent();
    List<Job> held = dead.claimJobs("lane-1", 10).await().indefinitely();
    assertThat(held).hasSize(1);
    // The worker dies here: no outcome, no release.
    JobStore alive = store("worker-alive");
    assertThat(alive.rescue().await().indefinitely()).isEmpty();
    assertThat(alive.claimLane(Set.of()).await().indefinitely()).isEmpty();

    clock.advance(Duration.ofSeconds(31));
    assertThat(alive.rescue().await().indefinitely()).contains("lane-1");
    assertThat(alive.claimLane(Set.of()).await().indefinitely()).isPresent();
    List<Job> again = alive.claimJobs("lane-1", 10).await().indefinitely();
    assertThat(again).extracting(Job::id).containsExactly(held.get(0).id());
    assertThat(again.get(0).attempt()).isEqualTo(2);
    // The dead worker's late outcome does not overwrite the new holder's claim.
    assertThat(
            dead.finish(held.get(0), Outcome.complete(Outcome.Attempt.of("ok", "late")))
                .await()
                .indefinitely())
        .isNull();
    assertThat(
            db.count(
                "SELECT count(*) FROM jobs WHERE state = 'running' AND worker_id = 'worker-alive'"))
        .isEqualTo(1);
  }

  @Test
  void retriesBackOffAndStopAtTheLimit() {
    JobStore s = store("w");
    enqueue(s, List.of(job("lane-1", conn(), "r1", "h")));
    Outcome retry = new Outcome.Retry(Outcome.Attempt.of("vendor_5xx", "boom"), null);
    List<Long> waits = new ArrayList<>();
    JobState last = null;
    for (int i = 1; i <= 3; i++) {
      List<Job> claimed = s.claimJobs("lane-1", 1).await().indefinitely();
      assertThat(claimed).as("attempt %d", i).hasSize(1);
      assertThat(claimed.get(0).attempt()).isEqualTo(i);
      last = s.finish(claimed.get(0), retry).await().indefinitely();
      long wait =
          db.count("SELECT (extract(epoch FROM run_at) * 1000)::bigint FROM jobs")
              - clock.instant().toEpochMilli();
      waits.add(wait);
      if (last == JobState.RETRYABLE) {
        assertThat(s.claimJobs("lane-1", 1).await().indefinitely()).as("not due yet").isEmpty();
        clock.advance(Duration.ofMillis(wait + 1));
      }
    }
    assertThat(last).isEqualTo(JobState.DEAD);
    // Full jitter fixed at 0.5: attempt 1 waits 750 ms of [500, 1000], attempt 2 waits 1500 ms of
    // [1000, 2000].
    assertThat(waits.get(0)).isBetween(740L, 760L);
    assertThat(waits.get(1)).isBetween(1490L, 1510L);
    assertThat(
            db.count("SELECT count(*) FROM jobs WHERE state = 'dead' AND finished_at IS NOT NULL"))
        .isEqualTo(1);
    assertThat(s.claimJobs("lane-1", 1).await().indefinitely()).isEmpty();
  }

  @Test
  void vendorRetryAfterIsHonoured() {
    JobStore s = store("w");
    enqueue(s, List.of(job("lane-1", conn(), "r1", "h")));
    Job j = s.claimJobs("lane-1", 1).await().indefinitely().get(0);
    s.finish(
            j, new Outcome.Retry(Outcome.Attempt.of("rate_limited", "429"), Duration.ofSeconds(42)))
        .await()
        .indefinitely();
    long wait =
        db.count("SELECT (extract(epoch FROM run_at) * 1000)::bigint FROM jobs")
            - clock.instant().toEpochMilli();
    assertThat(wait).isBetween(41_900L, 42_100L);
  }

  @Test
  void aClaimSkipsARecordWhoseEarlierJobIsStillInFlight() {
    // Pipelined lanes claim the next batch while the previous one is at the CRM: a newer version of
    // a record that is in flight must wait for it (at most one job in flight per record).
    JobStore s = store("w");
    UUID conn = conn();
    enqueue(s, List.of(job("lane-1", conn, "r1", "h1")));
    Job running = s.claimJobs("lane-1", 10).await().indefinitely().get(0);
    enqueue(s, List.of(job("lane-1", conn, "r1", "h2"), job("lane-1", conn, "r2", "h1")));
    List<Job> next = s.claimJobs("lane-1", 10).await().indefinitely();
    assertThat(next).extracting(Job::recordId).containsExactly("r2");
    s.finish(running, new Outcome.Complete(Outcome.Attempt.of("ok", "ok"), "companies", "1"))
        .await()
        .indefinitely();
    List<Job> after = s.claimJobs("lane-1", 10).await().indefinitely();
    assertThat(after).extracting(Job::recordId).containsExactly("r1");
    assertThat(after.get(0).contentHash()).isEqualTo("h2");
  }

  @Test
  void aRetriedJobWhoseRecordWasEnqueuedAgainWhileItRanHandsItsAttemptsToTheNewerJob() {
    JobStore s = store("w");
    UUID conn = conn();
    enqueue(s, List.of(job("lane-1", conn, "r1", "h1")));
    Job running = s.claimJobs("lane-1", 1).await().indefinitely().get(0);
    enqueue(s, List.of(job("lane-1", conn, "r1", "h2")));
    JobState state =
        s.finish(running, new Outcome.Retry(Outcome.Attempt.of("no_response", "reset"), null))
            .await()
            .indefinitely();
    assertThat(state).isEqualTo(JobState.CANCELLED);
    assertThat(db.count("SELECT count(*) FROM jobs WHERE state IN ('available', 'retryable')"))
        .isEqualTo(1);
    clock.advance(Duration.ofSeconds(2));
    Job next = s.claimJobs("lane-1", 1).await().indefinitely().get(0);
    assertThat(next.contentHash()).isEqualTo("h2");
    // The ambiguous first attempt stays known: this is the second attempt at the record.
    assertThat(next.attempt()).isEqualTo(2);
  }

  @Test
  void aSnoozedJobWhoseRecordWasEnqueuedAgainWhileItRanLeavesOneJob() {
    JobStore s = store("w");
    UUID conn = conn();
    enqueue(s, List.of(job("lane-1", conn, "r1", "h1")));
    Job running = s.claimJobs("lane-1", 1).await().indefinitely().get(0);
    enqueue(s, List.of(job("lane-1", conn, "r1", "h2")));
    s.finish(
            running,
            new Outcome.Snooze(Outcome.Attempt.of("waiting_for_company", "c1"), Duration.ZERO))
        .await()
        .indefinitely();
    Job next = s.claimJobs("lane-1", 1).await().indefinitely().get(0);
    assertThat(next.contentHash()).isEqualTo("h2");
    assertThat(next.attempt()).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM jobs WHERE state = 'cancelled'")).isEqualTo(1);
  }

  @Test
  void aSnoozeRacingAnEnqueueOfTheSameRecordHandsOverInsteadOfFailing() throws Exception {
    JobStore s = store("w");
    UUID conn = conn();
    enqueue(s, List.of(job("lane-1", conn, "r1", "h1")));
    Job running = s.claimJobs("lane-1", 1).await().indefinitely().get(0);
    // Another instance enqueues the record again and has not committed when the snooze runs: the
    // snooze cannot see that job, and the unique index makes it wait for the commit.
    try (java.sql.Connection other =
        java.sql.DriverManager.getConnection(
            db.url().jdbcUrl(), db.url().user(), db.url().password())) {
      other.setAutoCommit(false);
      try (java.sql.Statement st = other.createStatement()) {
        st.executeUpdate(
            "INSERT INTO jobs (tenant_id, connection_id, lane, kind, record_type, record_id,"
                + " content_hash, payload, max_attempts, priority, run_at, created_at, updated_at)"
                + " VALUES ('t1', '"
                + conn
                + "', 'lane-1', 'deliver', 'company', 'r1', 'h2', '{}', 3, 0, '"
                + clock.instant().minusSeconds(1)
                + "', now(), now())");
      }
      java.util.concurrent.CompletableFuture<JobState> snoozed =
          s.finish(
                  running,
                  new Outcome.Snooze(Outcome.Attempt.of("lane_paused", "budget"), Duration.ZERO))
              .subscribeAsCompletionStage();
      // The snooze waits on the unique index for the other transaction.
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  db.count(
                          "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                              + " AND datname = current_database()")
                      >= 1);
      assertThat(snoozed).isNotDone();
      other.commit();
      snoozed.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    assertThat(db.count("SELECT count(*) FROM jobs WHERE state = 'cancelled'")).isEqualTo(1);
    Job next = s.claimJobs("lane-1", 1).await().indefinitely().get(0);
    assertThat(next.contentHash()).isEqualTo("h2");
  }

  @Test
  void jobsSnoozedForReauthorisationAfterTheConnectionWasReactivatedAreWokenByTheWorker() {
    JobStore s = store("w");
    UUID conn = conn();
    enqueue(s, List.of(job("lane-1", conn, "r1", "h1")));
    Job running = s.claimJobs("lane-1", 1).await().indefinitely().get(0);
    db.exec("UPDATE connections SET status = 'needs_reauth' WHERE id = '" + conn + "'");
    s.finish(
            running,
            new Outcome.Snooze(Outcome.Attempt.of("needs_reauth", "401"), Duration.ofMinutes(5)))
        .await()
        .indefinitely();
    // Still waiting for the user: nothing to wake.
    assertThat(s.wakeIfReauthorized(List.of(conn)).await().indefinitely()).isZero();
    assertThat(s.claimJobs("lane-1", 1).await().indefinitely()).isEmpty();
    // Re-authorised (the activation's own wake may have run before the snooze was written).
    db.exec("UPDATE connections SET status = 'active' WHERE id = '" + conn + "'");
    assertThat(s.wakeIfReauthorized(List.of(conn)).await().indefinitely()).isEqualTo(1);
    assertThat(s.claimJobs("lane-1", 1).await().indefinitely()).hasSize(1);
  }

  @Test
  void anExpiredJobWhoseRecordWasEnqueuedAgainIsRescuedIntoTheNewerJob() {
    JobStore dead = store("worker-dead");
    UUID conn = conn();
    enqueue(dead, List.of(job("lane-1", conn, "r1", "h1"), job("lane-1", conn, "r2", "h1")));
    assertThat(dead.claimLane(Set.of()).await().indefinitely()).isPresent();
    assertThat(dead.claimJobs("lane-1", 10).await().indefinitely()).hasSize(2);
    enqueue(dead, List.of(job("lane-1", conn, "r1", "h2")));
    clock.advance(Duration.ofSeconds(31));
    JobStore alive = store("worker-alive");
    // One record with a pending newer version must not stop the rescue of the others.
    assertThat(alive.rescue().await().indefinitely()).contains("lane-1");
    assertThat(db.count("SELECT count(*) FROM jobs WHERE state = 'running'")).isZero();
    assertThat(alive.claimLane(Set.of()).await().indefinitely()).isPresent();
    List<Job> again = alive.claimJobs("lane-1", 10).await().indefinitely();
    assertThat(again).extracting(Job::recordId).containsExactlyInAnyOrder("r1", "r2");
    assertThat(again).allSatisfy(j -> assertThat(j.attempt()).isEqualTo(2));
  }

  @Test
  void aJobWaitingForItsCompanyLongerThanTheBoundIsDeadNamingItAndReplayable() {
    JobStore s =
        new JobStore(pool, clock, "w", Duration.ofSeconds(30), backoff, Duration.ofHours(1));
    enqueue(s, List.of(job("lane-1", conn(), "p1", "h")));
    Outcome waiting =
        new Outcome.Snooze(
            Outcome.Attempt.of("waiting_for_company", "its company c7 is not in HubSpot yet"),
            Duration.ofSeconds(5),
            true);
    Outcome lanePaused =
        new Outcome.Snooze(Outcome.Attempt.of("rate_limited", "429"), Duration.ofSeconds(5));
    Job first = s.claimJobs("lane-1", 1).await().indefinitely().get(0);
    assertThat(first.waitingSince()).isNull();
    assertThat(s.bounded(first, waiting)).isSameAs(waiting);
    s.finish(first, waiting).await().indefinitely();
    Instant firstWait = clock.instant();

    clock.advance(Duration.ofMinutes(59));
    Job second = s.claimJobs("lane-1", 1).await().indefinitely().get(0);
    assertThat(second.attempt()).isEqualTo(1);
    assertThat(second.waitingSince().toEpochMilli()).isEqualTo(firstWait.toEpochMilli());
    assertThat(s.bounded(second, waiting)).isSameAs(waiting);
    s.finish(second, waiting).await().indefinitely();

    clock.advance(Duration.ofMinutes(2));
    Job third = s.claimJobs("lane-1", 1).await().indefinitely().get(0);
    // Only dependency waits are bounded: a paused lane is not the record's problem.
    assertThat(s.bounded(third, lanePaused)).isSameAs(lanePaused);
    Outcome bounded = s.bounded(third, waiting);
    assertThat(bounded).isInstanceOf(Outcome.Fail.class);
    assertThat(bounded.attempt().code()).isEqualTo("dependency_never_delivered");
    assertThat(bounded.attempt().message())
        .startsWith("never delivered: its company c7 is not in HubSpot yet after waiting 61 min");
    assertThat(s.finish(third, bounded).await().indefinitely()).isEqualTo(JobState.DEAD);

    assertThat(s.replayJob("t1", third.id()).await().indefinitely()).isTrue();
    Job replayed = s.claimJobs("lane-1", 1).await().indefinitely().get(0);
    assertThat(replayed.waitingSince()).isNull();
    assertThat(s.bounded(replayed, waiting)).isSameAs(waiting);
  }

  @Test
  void snoozeDoesNotUseAnAttempt() {
    JobStore s = store("w");
    enqueue(s, List.of(job("lane-1", conn(), "r1", "h")));
    Job j = s.claimJobs("lane-1", 1).await().indefinitely().get(0);
    s.finish(j, new Outcome.Snooze(Outcome.Attempt.of("waiting_for_company", "c1"), Duration.ZERO))
        .await()
        .indefinitely();
    Job again = s.claimJobs("lane-1", 1).await().indefinitely().get(0);
    assertThat(again.attempt()).isEqualTo(1);
  }

  @Test
  void deadJobsReplayOneByOneOrByConnectionWindow() {
    JobStore s = store("w");
    UUID conn = conn();
    enqueue(s, List.of(job("lane-1", conn, "r1", "h"), job("lane-1", conn, "r2", "h")));
    for (Job j : s.claimJobs("lane-1", 10).await().indefinitely()) {
      s.finish(j, new Outcome.Fail(Outcome.Attempt.of("vendor_validation", "bad")))
          .await()
          .indefinitely();
    }
    assertThat(db.count("SELECT count(*) FROM jobs WHERE state = 'dead'")).isEqualTo(2);
    long first = db.count("SELECT min(id) FROM jobs");
    assertThat(s.replayJob("other-tenant", first).await().indefinitely()).isFalse();
    assertThat(s.replayJob("t1", first).await().indefinitely()).isTrue();
    assertThat(s.replayJob("t1", first).await().indefinitely()).isFalse();
    assertThat(
            s.replayDead("t1", conn, clock.instant().plusSeconds(10), null).await().indefinitely())
        .isZero();
    assertThat(
            s.replayDead(
                    "t1", conn, clock.instant().minusSeconds(10), clock.instant().plusSeconds(1))
                .await()
                .indefinitely())
        .isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM jobs WHERE state = 'available' AND attempt = 0"))
        .isEqualTo(2);
  }

  @Test
  void aNewerVersionReplacesItsPendingJob() {
    JobStore s = store("w");
    UUID conn = conn();
    enqueue(s, List.of(job("lane-1", conn, "r1", "v1")));
    enqueue(s, List.of(job("lane-1", conn, "r1", "v2")));
    enqueue(s, List.of(job("lane-1", conn, "r1", "v3"), job("lane-1", conn, "r1", "v4")));
    assertThat(db.count("SELECT count(*) FROM jobs")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM jobs WHERE content_hash = 'v4'")).isEqualTo(1);
    // A retryable job keeps its attempts when a newer (or the same) version coalesces into it: the
    // next attempt must still know that an earlier one may have written.
    Job first = s.claimJobs("lane-1", 1).await().indefinitely().get(0);
    s.finish(first, new Outcome.Retry(Outcome.Attempt.of("reset", "connection reset"), null))
        .await()
        .indefinitely();
    enqueue(s, List.of(job("lane-1", conn, "r1", "v4")));
    assertThat(db.count("SELECT attempt FROM jobs WHERE state = 'retryable'")).isEqualTo(1);
    clock.advance(Duration.ofMinutes(1));
    // A running job is not replaced: the new version gets its own pending job.
    Job running = s.claimJobs("lane-1", 1).await().indefinitely().get(0);
    enqueue(s, List.of(job("lane-1", conn, "r1", "v5")));
    assertThat(
            db.count("SELECT count(*) FROM jobs WHERE state = 'available' AND content_hash = 'v5'"))
        .isEqualTo(1);
    assertThat(running.contentHash()).isEqualTo("v4");
  }

  @Test
  void pausedLaneIsNotClaimedUntilThePauseEnds() {
    JobStore s = store("w");
    enqueue(s, List.of(job("lane-1", conn(), "r1", "h")));
    s.pauseLane("lane-1", clock.instant().plusSeconds(10), "rate_limited").await().indefinitely();
    assertThat(s.claimLane(Set.of()).await().indefinitely()).isEmpty();
    clock.advance(Duration.ofSeconds(11));
    assertThat(s.claimLane(Set.of()).await().indefinitely()).isPresent();
  }

  @Test
  void leastRecentlyServedLaneGoesFirst() {
    JobStore s = store("w");
    UUID conn = conn();
    List<NewJob> big = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      big.add(job("big", conn, "r" + i, "h"));
    }
    enqueue(s, big);
    var first = s.claimLane(Set.of()).await().indefinitely().orElseThrow();
    assertThat(first.lane()).isEqualTo("big");
    s.claimJobs("big", 100).await().indefinitely();
    s.releaseLane("big", new JsonObject().put("tokens", 3), null, null).await().indefinitely();
    clock.advance(Duration.ofMillis(5));
    enqueue(s, List.of(job("small", conn(), "x", "h")));
    var next = s.claimLane(Set.of()).await().indefinitely().orElseThrow();
    assertThat(next.lane()).isEqualTo("small");
    s.releaseLane("small", null, null, null).await().indefinitely();
    var back = s.claimLane(Set.of("small")).await().indefinitely().orElseThrow();
    assertThat(back.lane()).isEqualTo("big");
    assertThat(back.limiterState()).isEqualTo(new JsonObject().put("tokens", 3));
  }

  @Test
  void oneClaimTakesSeveralWaitingLanesLeastRecentlyServedFirstAndNeverALaneTwice() {
    JobStore a = store("worker-a");
    JobStore b = store("worker-b");
    for (String lane : List.of("l1", "l2", "l3")) {
      enqueue(a, List.of(job(lane, conn(), "r-" + lane, "h")));
      a.claimLane(Set.of()).await().indefinitely().orElseThrow();
      a.releaseLane(lane, null, null, null).await().indefinitely();
      clock.advance(Duration.ofMillis(5));
    }
    // Served in the order l1, l2, l3: two slots take the two least recently served.
    List<JobStore.LaneClaim> two = a.claimLanes(Set.of(), 2).await().indefinitely();
    assertThat(two).extracting(JobStore.LaneClaim::lane).containsExactlyInAnyOrder("l1", "l2");
    // Another worker gets only what is left; nobody gets a held lane.
    assertThat(b.claimLanes(Set.of(), 5).await().indefinitely())
        .extracting(JobStore.LaneClaim::lane)
        .containsExactly("l3");
    assertThat(a.claimLanes(Set.of(), 5).await().indefinitely()).isEmpty();
    assertThat(a.claimLanes(Set.of(), 0).await().indefinitely()).isEmpty();
  }
}

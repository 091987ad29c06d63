package com.queast.gateway.jobqueue;

import com.queast.gateway.db.SqlStatements;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The Postgres job queue: enqueue (in the caller's transaction, with a NOTIFY nudge), lane and job
 * claims with {@code FOR UPDATE SKIP LOCKED} and leases, typed outcomes, rescue of expired leases,
 * replay. Every statement is in {@code /sql/jobs.sql}. Times come from the injected {@link Clock}.
 */
public final class JobStore {

  /** The statement file, for start-up verification. */
  public static final SqlStatements SQL = SqlStatements.load("/sql/jobs.sql");

  /** The NOTIFY channel; the payload is the lane that has new work. */
  public static final String CHANNEL = "gateway_jobs";

  private final Pool pool;
  private final Clock clock;
  private final String workerId;
  private final Duration lease;
  private final Backoff backoff;
  private final Duration dependencyMaxWait;

  /** The default of {@code queue.dependencyMaxWaitMs}: one day. */
  public static final Duration DEFAULT_DEPENDENCY_MAX_WAIT = Duration.ofHours(24);

  /**
   * A store for one worker identity.
   *
   * @param pool shared pool
   * @param clock time source for leases, due times and backoff
   * @param workerId this worker's id, written into leases
   * @param lease how long a claim belongs to this worker
   * @param backoff retry policy
   */
  public JobStore(Pool pool, Clock clock, String workerId, Duration lease, Backoff backoff) {
    this(pool, clock, workerId, lease, backoff, DEFAULT_DEPENDENCY_MAX_WAIT);
  }

  /**
   * A store for one worker identity with a bound on dependency waits.
   *
   * @param pool shared pool
   * @param clock time source for leases, due times and backoff
   * @param workerId this worker's id, written into leases
   * @param lease how long a claim belongs to this worker
   * @param backoff retry policy
   * @param dependencyMaxWait how long in total a job may snooze waiting for another record ({@code
   *     queue.dependencyMaxWaitMs}) before it is dead
   */
  public JobStore(
      Pool pool,
      Clock clock,
      String workerId,
      Duration lease,
      Backoff backoff,
      Duration dependencyMaxWait) {
    this.dependencyMaxWait = dependencyMaxWait;
    this.pool = pool;
    this.clock = clock;
    this.workerId = workerId;
    this.lease = lease;
    this.backoff = backoff;
  }

  /**
   * Bounds dependency waits: a snooze for a dependency of a job that has waited for dependencies
   * for {@code queue.dependencyMaxWaitMs} or longer becomes a {@link Outcome.Fail} (dead,
   * replayable) whose message names what never arrived. Other outcomes are returned unchanged.
   *
   * @param job the job as claimed
   * @param outcome the connector's outcome
   * @return the outcome to apply and log
   */
  public Outcome bounded(Job job, Outcome outcome) {
    if (outcome instanceof Outcome.Snooze s
        && s.dependency()
        && job.waitingSince() != null
        && !clock.instant().isBefore(job.waitingSince().plus(dependencyMaxWait))) {
      return new Outcome.Fail(
          Outcome.Attempt.of(
              "dependency_never_delivered",
              "never delivered: "
                  + s.attempt().message()
                  + " after waiting "
                  + Duration.between(job.waitingSince(), clock.instant()).toMinutes()
                  + " min (queue.dependencyMaxWaitMs); replay the job once it is"));
    }
    return outcome;
  }

  /**
   * This worker's id.
   *
   * @return the id written into leases
   */
  public String workerId() {
    return workerId;
  }

  /**
   * Enqueues jobs inside the caller's transaction (so they commit with the data they are about) and
   * nudges listeners with one NOTIFY per lane, which Postgres delivers only at commit. Record jobs
   * coalesce with a pending job for the same record (latest wins), and duplicates inside {@code
   * jobs} collapse to the last.
   *
   * @param client the transaction's connection (or the pool for a standalone enqueue)
   * @param jobs jobs to enqueue
   * @return a Uni emitting one result per job row written (inserted or replaced)
   */
  public Uni<List<Enqueued>> enqueue(SqlClient client, List<NewJob> jobs) {
    if (jobs.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    Map<Object, NewJob> unique = new LinkedHashMap<>();
    int anon = 0;
    for (NewJob j : jobs) {
      Object key = j.coalesceKey() != null ? j.coalesceKey() : Integer.valueOf(anon++);
      unique.remove(key);
      unique.put(key, j);
    }
    List<NewJob> list = new ArrayList<>(unique.values());
    int n = list.size();
    String[] tenants = new String[n];
    UUID[] connections = new UUID[n];
    String[] lanes = new String[n];
    String[] kinds = new String[n];
    String[] types = new String[n];
    String[] ids = new String[n];
    String[] hashes = new String[n];
    JsonObject[] payloads = new JsonObject[n];
    Integer[] maxAttempts = new Integer[n];
    Integer[] priorities = new Integer[n];
    OffsetDateTime[] runAts = new OffsetDateTime[n];
    OffsetDateTime now = now();
    for (int i = 0; i < n; i++) {
      NewJob j = list.get(i);
      tenants[i] = j.tenantId();
      connections[i] = j.connectionId();
      lanes[i] = j.lane();
      kinds[i] = j.kind();
      types[i] = j.recordType();
      ids[i] = j.recordId();
      hashes[i] = j.contentHash();
      payloads[i] = j.payload() == null ? new JsonObject() : j.payload();
      maxAttempts[i] = j.maxAttempts();
      priorities[i] = j.priority();
      runAts[i] = j.runAt() == null ? now : at(j.runAt());
    }
    Set<String> distinctLanes = new TreeSet<>(Arrays.asList(lanes));
    Tuple args =
        Tuple.tuple(
            List.of(
                tenants,
                connections,
                lanes,
                kinds,
                types,
                ids,
                hashes,
                payloads,
                maxAttempts,
                priorities,
                runAts,
                now));
    return client
        .preparedQuery(SQL.get("ensure-lanes"))
        .execute(Tuple.of(distinctLanes.toArray(new String[0])))
        .chain(() -> client.preparedQuery(SQL.get("enqueue")).execute(args))
        .chain(
            rows -> {
              List<Enqueued> out = new ArrayList<>(rows.size());
              for (Row r : rows) {
                out.add(
                    new Enqueued(r.getLong("id"), r.getString("lane"), r.getBoolean("inserted")));
              }
              return notifyLanes(client, distinctLanes).replaceWith(out);
            });
  }

  private Uni<Void> notifyLanes(SqlClient client, Set<String> lanes) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (String lane : lanes) {
      chain =
          chain.chain(
              () ->
                  client
                      .preparedQuery(SQL.get("notify"))
                      .execute(Tuple.of(lane))
                      .replaceWithVoid());
    }
    return chain;
  }

  /**
   * Claims the least recently served lane that has due work and is neither leased nor paused.
   *
   * @param exclude lanes this worker already serves
   * @return a Uni emitting the claimed lane, or empty when no lane has work
   */
  public Uni<Optional<LaneClaim>> claimLane(Set<String> exclude) {
    return claimLanes(exclude, 1).map(l -> l.stream().findFirst());
  }

  /**
   * Claims up to {@code max} lanes at once, the least recently served first, each with due work and
   * neither leased nor paused: one statement however many lanes are waiting, so ten small tenants'
   * lanes do not wait for ten round trips in a row.
   *
   * @param exclude lanes this worker already serves
   * @param max at most this many (the worker's free lane slots)
   * @return a Uni emitting the claimed lanes (none when no lane has work)
   */
  public Uni<List<LaneClaim>> claimLanes(Set<String> exclude, int max) {
    if (max <= 0) {
      return Uni.createFrom().item(List.of());
    }
    OffsetDateTime now = now();
    return pool.preparedQuery(SQL.get("claim-lane"))
        .execute(
            Tuple.of(
                workerId,
                now,
                at(clock.instant().plus(lease)),
                exclude.toArray(new String[0]),
                max))
        .map(
            rows -> {
              List<LaneClaim> out = new ArrayList<>(rows.size());
              for (Row r : rows) {
                Object state = r.getValue("limiter_state");
                out.add(
                    new LaneClaim(r.getString("lane"), state instanceof JsonObject j ? j : null));
              }
              return out;
            });
  }

  /**
   * Claims up to {@code limit} due jobs of a lane this worker holds.
   *
   * @param lane the lane
   * @param limit at most this many (what the lane's bucket can send now)
   * @return a Uni emitting the claimed jobs in priority order (possibly none)
   */
  public Uni<List<Job>> claimJobs(String lane, int limit) {
    if (limit <= 0) {
      return Uni.createFrom().item(List.of());
    }
    OffsetDateTime now = now();
    return pool.preparedQuery(SQL.get("claim-jobs"))
        .execute(Tuple.of(lane, workerId, now, at(clock.instant().plus(lease)), limit))
        .map(JobStore::jobs);
  }

  /**
   * Gives a lane back, storing its limiter snapshot and an optional not-before time.
   *
   * @param lane the lane
   * @param limiterState snapshot for the next holder, or null
   * @param notBefore earliest next claim, or null
   * @param reason why it waits, or null
   * @return a Uni completing when released
   */
  public Uni<Void> releaseLane(
      String lane, JsonObject limiterState, Instant notBefore, String reason) {
    return pool.preparedQuery(SQL.get("release-lane"))
        .execute(
            Tuple.of(
                lane, workerId, limiterState, notBefore == null ? null : at(notBefore), reason))
        .replaceWithVoid();
  }

  /**
   * How long a claim (of a lane or a job) belongs to this worker.
   *
   * @return the lease
   */
  public Duration lease() {
    return lease;
  }

  /**
   * Extends this worker's lease on a lane.
   *
   * @param lane the lane
   * @return a Uni emitting false when the lease was lost (rescued by another worker)
   */
  public Uni<Boolean> extendLane(String lane) {
    return pool.preparedQuery(SQL.get("extend-lane"))
        .execute(Tuple.of(lane, workerId, at(clock.instant().plus(lease))))
        .map(rows -> rows.size() > 0);
  }

  /**
   * Pauses a whole lane (429 window, exhausted budget): its jobs wait without using attempts.
   *
   * @param lane the lane
   * @param until when it may run again
   * @param reason shown in status
   * @return a Uni completing when stored
   */
  public Uni<Void> pauseLane(String lane, Instant until, String reason) {
    return pool.preparedQuery(SQL.get("pause-lane"))
        .execute(Tuple.of(lane, at(until), reason))
        .replaceWithVoid();
  }

  /**
   * Lifts a lane pause.
   *
   * @param lane the lane
   * @return a Uni completing when stored
   */
  public Uni<Void> resumeLane(String lane) {
    return pool.preparedQuery(SQL.get("resume-lane")).execute(Tuple.of(lane)).replaceWithVoid();
  }

  /**
   * Applies a worker's outcome to a job it holds.
   *
   * @param job the job, as claimed
   * @param outcome what happened
   * @return a Uni emitting the job's new state, or empty-state {@code null} when this worker no
   *     longer held it (its lease was rescued meanwhile)
   */
  public Uni<JobState> finish(Job job, Outcome outcome) {
    OffsetDateTime now = now();
    JsonObject error = errorJson(outcome);
    if (outcome instanceof Outcome.Complete) {
      return update("complete", Tuple.of(job.id(), workerId, now), JobState.COMPLETED);
    }
    if (outcome instanceof Outcome.Retry r) {
      Duration wait = backoff.delay(job.attempt(), r.after());
      Tuple args = Tuple.of(job.id(), workerId, at(clock.instant().plus(wait)), error, now);
      return againAfterPendingRace(
          () ->
              pool.preparedQuery(SQL.get("retry"))
                  .execute(args)
                  .map(
                      rows ->
                          rows.size() == 0
                              ? null
                              : JobState.fromDb(rows.iterator().next().getString(0))));
    }
    if (outcome instanceof Outcome.Snooze s) {
      Tuple args =
          Tuple.tuple(
              java.util.Arrays.asList(
                  job.id(),
                  workerId,
                  at(clock.instant().plus(s.after())),
                  error,
                  now,
                  s.dependency()));
      return againAfterPendingRace(() -> update("snooze", args, JobState.AVAILABLE));
    }
    if (outcome instanceof Outcome.Fail) {
      return update("dead", Tuple.of(job.id(), workerId, error, now), JobState.DEAD);
    }
    return update("cancel", Tuple.of(job.id(), workerId, error, now), JobState.CANCELLED);
  }

  /**
   * Makes jobs snoozed for re-authorisation due now when their connection is active again: a round
   * that ran while a user re-authorised writes its snoozes after the activation woke the
   * connection's jobs, so the worker checks once more after writing them.
   *
   * @param connectionIds connections whose jobs were just snoozed for needs_reauth
   * @return a Uni emitting how many jobs were woken
   */
  public Uni<Integer> wakeIfReauthorized(java.util.Collection<java.util.UUID> connectionIds) {
    return pool.preparedQuery(SQL.get("wake-if-reauthorized"))
        .execute(Tuple.of(connectionIds.toArray(new java.util.UUID[0]), now()))
        .map(rows -> rows.rowCount());
  }

  /**
   * Runs a statement that puts a running job back to pending again when it lost a race with an
   * enqueue of the same record. Retry, snooze and rescue hand over to a pending newer job they see;
   * one inserted by a transaction that commits while the statement runs is not in its snapshot, so
   * the unique index {@code jobs_pending_record} refuses the statement when that insert commits.
   * Run again, the statement sees the newer job and hands over to it. (Found by the Pipedrive
   * budget test: a connect-time backfill enqueued the records whose running jobs a paused lane
   * snoozed.)
   */
  static <T> Uni<T> againAfterPendingRace(java.util.function.Supplier<Uni<? extends T>> statement) {
    return Uni.createFrom().deferred(statement).onFailure(JobStore::pendingRace).retry().atMost(3);
  }

  /**
   * Whether a failure is the unique index on pending jobs per record refusing a statement.
   *
   * @param t the failure
   * @return true for a {@code jobs_pending_record} unique violation
   */
  static boolean pendingRace(Throwable t) {
    return t instanceof io.vertx.pgclient.PgException p
        && "23505".equals(p.getSqlState())
        && String.valueOf(p.getMessage()).contains("jobs_pending_record");
  }

  private Uni<JobState> update(String stmt, Tuple args, JobState next) {
    return pool.preparedQuery(SQL.get(stmt))
        .execute(args)
        .map(rows -> rows.rowCount() == 0 ? null : next);
  }

  private static JsonObject errorJson(Outcome o) {
    if (o instanceof Outcome.Complete) {
      return null;
    }
    Outcome.Attempt a = o.attempt();
    JsonObject e = new JsonObject().put("code", a.code()).put("message", a.message());
    if (a.httpStatus() != null) {
      e.put("httpStatus", a.httpStatus());
    }
    if (a.vendorCode() != null) {
      e.put("vendorCode", a.vendorCode());
    }
    return e;
  }

  /**
   * Moves running jobs whose lease ended back to retryable (or dead at the limit) and frees expired
   * lane leases.
   *
   * @return a Uni emitting the lanes that got work back
   */
  public Uni<Set<String>> rescue() {
    OffsetDateTime now = now();
    return againAfterPendingRace(() -> pool.preparedQuery(SQL.get("rescue")).execute(Tuple.of(now)))
        .chain(
            rows -> {
              Set<String> lanes = new TreeSet<>();
              rows.forEach(r -> lanes.add(r.getString("lane")));
              return pool.preparedQuery(SQL.get("release-expired-lanes"))
                  .execute(Tuple.of(now))
                  .map(
                      freed -> {
                        freed.forEach(r -> lanes.add(r.getString("lane")));
                        return lanes;
                      });
            });
  }

  /**
   * Deletes completed and cancelled jobs finished before the cut-off (dead jobs are kept).
   *
   * @param retention how long finished jobs are kept
   * @return a Uni emitting the number deleted (at most 10,000 per call)
   */
  public Uni<Integer> deleteFinished(Duration retention) {
    return pool.preparedQuery(SQL.get("delete-finished"))
        .execute(Tuple.of(at(clock.instant().minus(retention))))
        .map(RowSet::rowCount);
  }

  /**
   * Replays one dead or cancelled job of a tenant.
   *
   * @param tenantId tenant (a job of another tenant is not found)
   * @param jobId the job
   * @return a Uni emitting whether a job was replayed
   */
  public Uni<Boolean> replayJob(String tenantId, long jobId) {
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(SQL.get("replay-job"))
                .execute(Tuple.of(jobId, tenantId, now()))
                .chain(rows -> nudge(tx, rows).replaceWith(rows.size() > 0)));
  }

  /**
   * Replays every dead job of a connection, optionally only those that died within a window.
   *
   * @param tenantId tenant
   * @param connectionId connection
   * @param from window start (inclusive) or null
   * @param to window end (exclusive) or null
   * @return a Uni emitting the number of jobs replayed
   */
  public Uni<Integer> replayDead(String tenantId, UUID connectionId, Instant from, Instant to) {
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(SQL.get("replay-dead"))
                .execute(
                    Tuple.of(
                        tenantId,
                        connectionId,
                        from == null ? null : at(from),
                        to == null ? null : at(to),
                        now()))
                .chain(rows -> nudge(tx, rows).replaceWith(rows.size())));
  }

  private Uni<Void> nudge(SqlClient tx, RowSet<Row> rows) {
    Set<String> lanes = new TreeSet<>();
    rows.forEach(r -> lanes.add(r.getString("lane")));
    return notifyLanes(tx, lanes);
  }

  /**
   * Reads one job of a tenant with its last error.
   *
   * @param tenantId tenant
   * @param jobId job
   * @return a Uni emitting the job as JSON, or empty when it does not exist for this tenant
   */
  public Uni<Optional<JsonObject>> get(String tenantId, long jobId) {
    return pool.preparedQuery(SQL.get("get-job"))
        .execute(Tuple.of(jobId, tenantId))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.<JsonObject>empty();
              }
              Row r = rows.iterator().next();
              Job j = Job.from(r);
              JsonObject out =
                  new JsonObject()
                      .put("id", j.id())
                      .put(
                          "connectionId",
                          j.connectionId() == null ? null : j.connectionId().toString())
                      .put("lane", j.lane())
                      .put("kind", j.kind())
                      .put("recordType", j.recordType())
                      .put("recordId", j.recordId())
                      .put("state", j.state().db())
                      .put("attempt", j.attempt())
                      .put("maxAttempts", j.maxAttempts())
                      .put("runAt", j.runAt().toString())
                      .put("createdAt", j.createdAt().toString())
                      .put("lastError", r.getJsonObject("last_error"));
              return Optional.of(out);
            });
  }

  /**
   * Queue depth by state and lane, for metrics.
   *
   * @return a Uni emitting rows {@code (state, lane, count)}
   */
  public Uni<List<Depth>> depth() {
    return pool.preparedQuery(SQL.get("depth"))
        .execute()
        .map(
            rows -> {
              List<Depth> out = new ArrayList<>();
              rows.forEach(r -> out.add(new Depth(r.getString(0), r.getString(1), r.getLong(2))));
              return out;
            });
  }

  private static List<Job> jobs(RowSet<Row> rows) {
    List<Job> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(Job.from(r)));
    out.sort(
        (a, b) ->
            a.priority() != b.priority()
                ? Integer.compare(b.priority(), a.priority())
                : Long.compare(a.id(), b.id()));
    return out;
  }

  private OffsetDateTime now() {
    return at(clock.instant());
  }

  private static OffsetDateTime at(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  /**
   * One row written by enqueue.
   *
   * @param id job id
   * @param lane its lane
   * @param inserted false when it replaced a pending job's version
   */
  public record Enqueued(long id, String lane, boolean inserted) {}

  /**
   * A lane this worker now holds.
   *
   * @param lane the lane key
   * @param limiterState the snapshot the previous holder left, or null
   */
  public record LaneClaim(String lane, JsonObject limiterState) {}

  /**
   * Queue depth of one state in one lane.
   *
   * @param state job state label
   * @param lane lane key
   * @param count jobs
   */
  public record Depth(String state, String lane, long count) {}
}

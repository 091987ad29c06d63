package com.queast.gateway.delivery;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.queast.gateway.bus.EventBusAddresses;
import com.queast.gateway.connector.BatchResult;
import com.queast.gateway.connector.DeliveryBatch;
import com.queast.gateway.connector.ItemResult;
import com.queast.gateway.connector.PaceDecision;
import com.queast.gateway.connector.PaceRequest;
import com.queast.gateway.jobqueue.Job;
import com.queast.gateway.jobqueue.JobHandlers;
import com.queast.gateway.jobqueue.JobKinds;
import com.queast.gateway.jobqueue.JobStore;
import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.record.DeliveryItem;
import com.queast.gateway.record.Lanes;
import com.queast.gateway.record.RecordStore;
import com.queast.gateway.tenant.Connection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.eventbus.EventBus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one round of one lane this worker holds: asks the lane's connector how many jobs it may
 * send now, claims at most that many, hands them over as one batch, applies the per-job outcomes
 * and gives the lane back. Plain class; the {@link DeliveryVerticle} decides which lanes to serve.
 */
public final class LaneWorker {

  private static final Logger LOG = LoggerFactory.getLogger(LaneWorker.class);
  private static final String ROUND_FAILED = "lane round failed";
  private static final String NOT_DELIVERED = "job not delivered";
  private static final String CONNECTOR_FAILED =
      "connector failed a whole batch; retrying its jobs";
  private static final Duration NO_CONNECTOR_WAIT = Duration.ofSeconds(30);
  private static final Duration ERROR_WAIT = Duration.ofSeconds(1);

  /** How long a holding lasts at most while this worker has no free lane slot (fairness). */
  static final Duration SHARE_WHEN_BUSY = Duration.ofSeconds(1);

  /** How long a holding lasts at most in any case (the limiter snapshot is stored at release). */
  static final Duration MAX_HOLD = Duration.ofSeconds(30);

  /**
   * The longest pacer wait a holding sits out itself, with a timer, instead of giving the lane back
   * with a not-before: a lane released for a wait of a few hundred milliseconds came back only at
   * the next poll or notification (up to {@code queue.pollIntervalMs}) and spent two more
   * statements on the release and the claim, which cost a HubSpot lane at 110 requests/10 s about
   * 3% of its allowance.
   */
  static final Duration WAIT_IN_HOLDING = Duration.ofSeconds(2);

  /** Timers of the pacer waits a holding sits out. */
  private final io.vertx.mutiny.core.Vertx vertx;

  private final EventBus bus;
  private final JobStore jobs;
  private final RecordStore records;
  private final DeliveryStore deliveries;
  private final Clock clock;
  private final int maxBatch;
  private final int inFlightLimit;
  private final long callTimeoutMs;
  private final MeterRegistry meters;
  private final JobHandlers<ItemResult> handlers;

  /**
   * A lane worker.
   *
   * @param vertx the Vert.x instance (event bus to reach connectors, timers for pacer waits)
   * @param jobs job queue
   * @param records record store
   * @param deliveries delivery bookkeeping
   * @param clock time source
   * @param maxBatch most jobs per round
   * @param inFlightLimit batches one lane may have in flight at once (at least 1)
   * @param callTimeoutMs how long a connector may take for a batch (below the lease)
   * @param meters metrics registry
   * @param handlers the handlers of the kinds that run alone in the lane (index pages, webhook
   *     events, pulls); every other kind is delivered to the connector
   */
  public LaneWorker(
      io.vertx.mutiny.core.Vertx vertx,
      JobStore jobs,
      RecordStore records,
      DeliveryStore deliveries,
      Clock clock,
      int maxBatch,
      int inFlightLimit,
      long callTimeoutMs,
      MeterRegistry meters,
      JobHandlers<ItemResult> handlers) {
    this.handlers = handlers;
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.jobs = jobs;
    this.records = records;
    this.deliveries = deliveries;
    this.clock = clock;
    this.maxBatch = maxBatch;
    this.inFlightLimit = Math.max(1, inFlightLimit);
    this.callTimeoutMs = callTimeoutMs;
    this.meters = meters;
  }

  /**
   * Serves a claimed lane and releases it: rounds are pipelined (see {@link Session}).
   *
   * @param claim the lane this worker holds
   * @return a Uni emitting the number of jobs handled; never fails (failures release the lane with
   *     a short wait)
   */
  public Uni<Integer> serve(JobStore.LaneClaim claim) {
    return serve(claim, () -> true);
  }

  /**
   * Serves a claimed lane with up to {@code delivery.batchesInFlight} batches in flight and
   * releases it when the lane has nothing due, its pacer says wait, a batch paused the lane, or
   * {@code yieldNow} says other lanes may be waiting for this worker (then after {@link
   * #SHARE_WHEN_BUSY}).
   *
   * @param claim the lane this worker holds
   * @param yieldNow true when the worker has no free lane slot (other lanes may be waiting)
   * @return a Uni emitting the number of jobs handled; never fails (failures release the lane with
   *     a short wait)
   */
  public Uni<Integer> serve(JobStore.LaneClaim claim, BooleanSupplier yieldNow) {
    return Uni.createFrom()
        .<Integer>emitter(e -> new Session(claim, yieldNow, e::complete).next())
        .onFailure()
        .recoverWithUni(t -> failed(claim.lane(), t));
  }

  /**
   * One holding of a lane. The next batch is paced and claimed while earlier ones are at the CRM,
   * up to {@code delivery.batchesInFlight} at once; each batch settles its outcomes on its own (one
   * statement for completions, delivered states and log rows). The lane is given back, with the
   * limiter snapshot of the last connector reply, only once nothing is in flight, so the pacer
   * stays in one place. Single-threaded by construction (callbacks on the verticle's context); the
   * methods are synchronized anyway because connector replies may arrive on another thread.
   */
  private final class Session {
    private final String lane;
    private final String crm;
    private final DeliveryOptions opts;
    private final BooleanSupplier yieldNow;
    private final java.util.function.Consumer<Integer> done;
    private final java.time.Instant started;
    private java.time.Instant extendedAt;
    private JsonObject limiterState;
    private boolean first = true;
    private boolean claiming;
    private boolean waiting;
    private boolean pacedWait;
    private boolean stopping;
    private boolean finished;
    private int inFlight;
    private int handled;
    private java.time.Instant notBefore;
    private String reason;
    private Throwable failure;

    Session(
        JobStore.LaneClaim claim,
        BooleanSupplier yieldNow,
        java.util.function.Consumer<Integer> done) {
      this.lane = claim.lane();
      this.crm = Lanes.crmOf(lane);
      this.opts =
          new DeliveryOptions().setCodecName(EventBusAddresses.CODEC).setSendTimeout(callTimeoutMs);
      this.yieldNow = yieldNow;
      this.done = done;
      this.limiterState = claim.limiterState();
      this.started = clock.instant();
      this.extendedAt = started;
    }

    /** Claims the next batch when the pipeline has room, or ends the session when it is idle. */
    synchronized void next() {
      if (finished || claiming || waiting) {
        return;
      }
      if (!stopping) {
        Duration held = Duration.between(started, clock.instant());
        if (held.compareTo(MAX_HOLD) >= 0
            || (held.compareTo(SHARE_WHEN_BUSY) >= 0 && yieldNow.getAsBoolean())) {
          stopping = true;
        }
      }
      if (stopping) {
        if (inFlight == 0) {
          release();
        }
        return;
      }
      if (inFlight >= inFlightLimit) {
        return;
      }
      claiming = true;
      Timer.Sample sample = Timer.start(meters);
      keepLease()
          .chain(
              held -> {
                if (!held) {
                  return Uni.createFrom().item((List<Job>) null);
                }
                return bus.<PaceDecision>request(
                        EventBusAddresses.pace(crm),
                        // The pacer is restored from the lane's snapshot once per holding; after
                        // that it lives in the connector's memory, which in-flight calls update.
                        new PaceRequest(lane, first ? limiterState : null, maxBatch),
                        opts)
                    .map(m -> m.body())
                    .chain(
                        decision -> {
                          first = false;
                          if (decision.permits() <= 0) {
                            synchronized (this) {
                              notBefore = clock.instant().plus(decision.retryIn());
                              reason = decision.reason();
                              pacedWait = waitsInHolding(decision);
                            }
                            return Uni.createFrom().item((List<Job>) null);
                          }
                          return jobs.claimJobs(lane, Math.min(decision.permits(), maxBatch))
                              .invoke(
                                  claimed ->
                                      sample.stop(
                                          meters.timer("gateway.queue.claim.latency", "crm", crm)));
                        });
              })
          .subscribe()
          .with(this::claimed, this::fail);
    }

    private Uni<Boolean> keepLease() {
      java.time.Instant now = clock.instant();
      if (Duration.between(extendedAt, now).compareTo(jobs.lease().dividedBy(3)) < 0) {
        return Uni.createFrom().item(true);
      }
      extendedAt = now;
      return jobs.extendLane(lane);
    }

    /**
     * Whether the holding sits out a pacer's wait itself: a short wait for the window or the burst
     * to free a slot, while the holding may go on (not past {@link #MAX_HOLD}, and not past {@link
     * #SHARE_WHEN_BUSY} while other lanes wait for this worker). A longer wait, an open circuit or
     * a spent budget gives the lane back with its not-before, so the slot serves other lanes.
     */
    private boolean waitsInHolding(PaceDecision decision) {
      Duration held = Duration.between(started, clock.instant());
      Duration wait = decision.retryIn();
      return wait != null
          && wait.compareTo(WAIT_IN_HOLDING) <= 0
          && !"circuit_open".equals(decision.reason())
          && held.plus(wait).compareTo(MAX_HOLD) < 0
          && !(held.plus(wait).compareTo(SHARE_WHEN_BUSY) >= 0 && yieldNow.getAsBoolean());
    }

    private synchronized void claimed(List<Job> claimed) {
      claiming = false;
      if (claimed == null && pacedWait) {
        pacedWait = false;
        waiting = true;
        long ms = Math.max(1, Duration.between(clock.instant(), notBefore).toMillis());
        notBefore = null;
        reason = null;
        vertx.setTimer(
            ms,
            id -> {
              synchronized (this) {
                waiting = false;
              }
              next();
            });
        return;
      }
      if (claimed == null || claimed.isEmpty()) {
        stopping = true;
        next();
        return;
      }
      boolean indexing = claimed.stream().anyMatch(LaneWorker.this::indexingJob);
      if (indexing) {
        // Index pages, webhook events and pulls keep their round to themselves: no further claim in
        // this holding.
        stopping = true;
      }
      inFlight++;
      deliver(lane, crm, claimed, opts, this::replied)
          .subscribe()
          .with(
              batch -> settled(claimed.size(), batch),
              t -> {
                LOG.warn(ROUND_FAILED, kv("lane", lane), kv("error", t.toString()));
                synchronized (this) {
                  inFlight--;
                  stopping = true;
                  notBefore = clock.instant().plus(ERROR_WAIT);
                  reason = "lane_error";
                }
                next();
              });
      next();
    }

    private void settled(int n, Round batch) {
      synchronized (this) {
        inFlight--;
        handled += n;
        if (batch.paused()) {
          stopping = true;
        }
      }
      next();
    }

    /**
     * The connector's pacer snapshot, kept in the order the replies arrive (not the order batches
     * settle): the last reply's snapshot was taken after every call of the earlier replies, so it
     * is the one the lane is released with. (Keeping the snapshot of the batch that settled last
     * lost calls of a batch that replied later and settled earlier: HubSpotPacingIT saw 101
     * requests in a 10-s window against the pacer's own 99.)
     */
    private synchronized void replied(JsonObject state) {
      // Null too, as before pipelining: a round without a snapshot (index pages, webhook events, a
      // failed call) releases the lane with none, so the next holding keeps the pacer in memory
      // instead of restoring an older snapshot that misses the calls made since.
      limiterState = state;
    }

    private synchronized void fail(Throwable t) {
      claiming = false;
      failure = t;
      stopping = true;
      next();
    }

    private void release() {
      finished = true;
      Uni<Void> release =
          failure != null
              ? failed(lane, failure).replaceWithVoid()
              : jobs.releaseLane(lane, limiterState, notBefore, reason);
      release
          .onFailure()
          .recoverWithNull()
          .subscribe()
          .with(x -> done.accept(handled), t -> done.accept(handled));
    }
  }

  private Uni<Integer> failed(String lane, Throwable t) {
    String crm = Lanes.crmOf(lane);
    boolean noConnector =
        t instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS;
    Duration wait = noConnector ? NO_CONNECTOR_WAIT : ERROR_WAIT;
    String reason = noConnector ? "no_connector:" + crm : "lane_error";
    LOG.warn(ROUND_FAILED, kv("lane", lane), kv("reason", reason), kv("error", t.toString()));
    return jobs.releaseLane(lane, null, clock.instant().plus(wait), reason)
        .onFailure()
        .recoverWithNull()
        .replaceWith(0);
  }

  private boolean indexingJob(Job j) {
    return handlers.handles(j.kind());
  }

  /** What a settled batch leaves: the pacer's snapshot and whether it paused the lane. */
  private record Round(JsonObject limiterState, boolean paused) {}

  private Uni<Round> deliver(
      String lane,
      String crm,
      List<Job> all,
      DeliveryOptions opts,
      java.util.function.Consumer<JsonObject> replied) {
    List<Job> indexing = all.stream().filter(this::indexingJob).toList();
    if (!indexing.isEmpty()) {
      // Index pages, webhook events and pull pages run one after another, alone in their round: the
      // rest of the batch goes back at once (a snooze uses no attempt) and is delivered after the
      // index is up to date.
      List<ItemResult> later = new ArrayList<>();
      for (Job j : all) {
        if (!indexing.contains(j)) {
          later.add(
              new ItemResult(
                  j.id(),
                  new Outcome.Snooze(
                      Outcome.Attempt.of("index_first", "CRM index pages go first"), Duration.ZERO),
                  null));
        }
      }
      return io.smallrye.mutiny.Multi.createFrom()
          .iterable(indexing)
          .onItem()
          .transformToUniAndConcatenate(
              j -> handlers.handler(j.kind()).orElseThrow().run(j, callTimeoutMs))
          .collect()
          .asList()
          .chain(
              results -> {
                List<ItemResult> allResults = new ArrayList<>(results);
                allResults.addAll(later);
                replied.accept(null);
                return apply(lane, crm, all, BatchResult.of(allResults, null));
              });
    }
    return deliverToConnector(lane, crm, all, opts, replied);
  }

  private Uni<Round> deliverToConnector(
      String lane,
      String crm,
      List<Job> claimed,
      DeliveryOptions opts,
      java.util.function.Consumer<JsonObject> replied) {
    List<Job> recordJobs = claimed.stream().filter(j -> JobKinds.DELIVER.equals(j.kind())).toList();
    Uni<List<DeliveryItem>> items =
        recordJobs.isEmpty()
            ? Uni.createFrom().item(new ArrayList<>())
            : records.loadForDelivery(recordJobs);
    return items
        .map(
            loaded -> {
              List<DeliveryItem> all = new ArrayList<>(loaded);
              for (Job j : claimed) {
                if (!JobKinds.DELIVER.equals(j.kind())) {
                  all.add(new DeliveryItem(j, null, null));
                }
              }
              return all;
            })
        .chain(
            all ->
                bus.<BatchResult>request(
                        EventBusAddresses.deliver(crm), new DeliveryBatch(lane, all), opts)
                    .map(m -> m.body())
                    .onFailure()
                    .recoverWithItem(
                        t -> {
                          LOG.warn(CONNECTOR_FAILED, kv("lane", lane), kv("error", t.toString()));
                          return failedBatch(claimed, t);
                        }))
        .invoke(result -> replied.accept(result.limiterState()))
        .chain(result -> apply(lane, crm, claimed, result));
  }

  private static BatchResult failedBatch(List<Job> claimed, Throwable t) {
    List<ItemResult> out = new ArrayList<>();
    for (Job j : claimed) {
      out.add(
          new ItemResult(
              j.id(),
              new Outcome.Retry(Outcome.Attempt.of("connector_error", String.valueOf(t)), null),
              null));
    }
    return BatchResult.of(out, null);
  }

  private Uni<Round> apply(String lane, String crm, List<Job> claimed, BatchResult result) {
    Map<Long, ItemResult> byJob = new HashMap<>();
    for (ItemResult r : result.results()) {
      byJob.put(r.jobId(), r);
    }
    List<DeliveryStore.Logged> logged = new ArrayList<>(claimed.size());
    List<Long> completeIds = new ArrayList<>();
    List<Uni<Void>> others = new ArrayList<>();
    java.util.Set<java.util.UUID> reauthSnoozed = new java.util.HashSet<>();
    for (Job j : claimed) {
      ItemResult r = byJob.get(j.id());
      if (r == null) {
        r =
            new ItemResult(
                j.id(),
                new Outcome.Retry(
                    Outcome.Attempt.of("no_result", "connector returned no result for the job"),
                    null),
                null);
      }
      Outcome bounded = jobs.bounded(j, r.outcome());
      if (bounded != r.outcome()) {
        r = new ItemResult(r.jobId(), bounded, r.delivered());
      }
      logged.add(new DeliveryStore.Logged(j, r));
      meters
          .counter("gateway.delivery.outcomes", "crm", crm, "outcome", r.outcome().label())
          .increment();
      if (r.outcome() instanceof Outcome.Complete) {
        completeIds.add(j.id());
      } else {
        if (!(r.outcome() instanceof Outcome.Snooze)) {
          LOG.info(
              NOT_DELIVERED,
              kv("tenant", j.tenantId()),
              kv("connection", j.connectionId()),
              kv("job", j.id()),
              kv("lane", lane),
              kv("outcome", r.outcome().label()),
              kv("code", r.outcome().attempt().code()),
              kv("httpStatus", r.outcome().attempt().httpStatus()));
        }
        others.add(jobs.finish(j, r.outcome()).replaceWithVoid());
        if (r.outcome() instanceof Outcome.Snooze
            && Connection.NEEDS_REAUTH.equals(r.outcome().attempt().code())
            && j.connectionId() != null) {
          reauthSnoozed.add(j.connectionId());
        }
      }
    }
    // Completions, delivered states and log rows in one statement; the other outcomes (retries,
    // snoozes: rare on a healthy lane) one statement each, concurrently.
    List<Uni<Void>> writes = new ArrayList<>(others);
    writes.add(deliveries.settle(jobs.workerId(), logged, completeIds).replaceWithVoid());
    Uni<Void> pause =
        result.pauseUntil() == null
            ? Uni.createFrom().voidItem()
            : jobs.pauseLane(lane, result.pauseUntil(), result.pauseReason());
    return Uni.join()
        .all(writes)
        .andCollectFailures()
        .replaceWithVoid()
        .chain(
            () ->
                reauthSnoozed.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : jobs.wakeIfReauthorized(reauthSnoozed).replaceWithVoid())
        .chain(() -> pause)
        .replaceWith(new Round(result.limiterState(), result.pauseUntil() != null));
  }
}

package com.queast.gateway.delivery;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.queast.gateway.app.EventBusAddresses;
import com.queast.gateway.connector.BatchResult;
import com.queast.gateway.connector.DeliveryBatch;
import com.queast.gateway.connector.DeliveryItem;
import com.queast.gateway.connector.ItemResult;
import com.queast.gateway.connector.PaceDecision;
import com.queast.gateway.connector.PaceRequest;
import com.queast.gateway.jobqueue.Job;
import com.queast.gateway.jobqueue.JobKinds;
import com.queast.gateway.jobqueue.JobStore;
import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.record.Lanes;
import com.queast.gateway.record.RecordStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.mutiny.core.eventbus.EventBus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /** The outcome code of jobs that wait for a re-authorisation. */
  private static final String REAUTH = "needs_reauth";

  private final EventBus bus;
  private final JobStore jobs;
  private final RecordStore records;
  private final DeliveryStore deliveries;
  private final Clock clock;
  private final int maxBatch;
  private final long callTimeoutMs;
  private final MeterRegistry meters;
  private final com.queast.gateway.matching.IndexJobs indexJobs;
  private final com.queast.gateway.inbound.InboundJobs inboundJobs;

  /**
   * A lane worker.
   *
   * @param bus event bus to reach connectors
   * @param jobs job queue
   * @param records record store
   * @param deliveries delivery bookkeeping
   * @param clock time source
   * @param maxBatch most jobs per round
   * @param callTimeoutMs how long a connector may take for a batch (below the lease)
   * @param meters metrics registry
   * @param indexJobs handler of CRM index page jobs
   * @param inboundJobs handler of webhook-event and incremental-pull jobs
   */
  public LaneWorker(
      EventBus bus,
      JobStore jobs,
      RecordStore records,
      DeliveryStore deliveries,
      Clock clock,
      int maxBatch,
      long callTimeoutMs,
      MeterRegistry meters,
      com.queast.gateway.matching.IndexJobs indexJobs,
      com.queast.gateway.inbound.InboundJobs inboundJobs) {
    this.indexJobs = indexJobs;
    this.inboundJobs = inboundJobs;
    this.bus = bus;
    this.jobs = jobs;
    this.records = records;
    this.deliveries = deliveries;
    this.clock = clock;
    this.maxBatch = maxBatch;
    this.callTimeoutMs = callTimeoutMs;
    this.meters = meters;
  }

  /**
   * Serves one round of a claimed lane and releases it.
   *
   * @param claim the lane this worker holds
   * @return a Uni emitting the number of jobs handled; never fails (failures release the lane with
   *     a short wait)
   */
  public Uni<Integer> serve(JobStore.LaneClaim claim) {
    String lane = claim.lane();
    String crm = Lanes.crmOf(lane);
    DeliveryOptions opts =
        new DeliveryOptions().setCodecName(EventBusAddresses.CODEC).setSendTimeout(callTimeoutMs);
    Timer.Sample sample = Timer.start(meters);
    return bus.<PaceDecision>request(
            EventBusAddresses.pace(crm),
            new PaceRequest(lane, claim.limiterState(), maxBatch),
            opts)
        .map(m -> m.body())
        .chain(
            decision -> {
              if (decision.permits() <= 0) {
                return jobs.releaseLane(
                        lane, null, clock.instant().plus(decision.retryIn()), decision.reason())
                    .replaceWith(0);
              }
              return jobs.claimJobs(lane, Math.min(decision.permits(), maxBatch))
                  .invoke(
                      claimed ->
                          sample.stop(meters.timer("gateway.queue.claim.latency", "crm", crm)))
                  .chain(
                      claimed ->
                          claimed.isEmpty()
                              ? jobs.releaseLane(lane, null, null, null).replaceWith(0)
                              : deliver(lane, crm, claimed, opts));
            })
        .onFailure()
        .recoverWithUni(
            t -> {
              boolean noConnector =
                  t instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS;
              Duration wait = noConnector ? NO_CONNECTOR_WAIT : ERROR_WAIT;
              String reason = noConnector ? "no_connector:" + crm : "lane_error";
              LOG.warn(
                  ROUND_FAILED, kv("lane", lane), kv("reason", reason), kv("error", t.toString()));
              return jobs.releaseLane(lane, null, clock.instant().plus(wait), reason)
                  .onFailure()
                  .recoverWithNull()
                  .replaceWith(0);
            });
  }

  private Uni<Integer> deliver(String lane, String crm, List<Job> all, DeliveryOptions opts) {
    List<Job> indexing =
        all.stream()
            .filter(
                j ->
                    com.queast.gateway.matching.IndexJobs.KIND.equals(j.kind())
                        || com.queast.gateway.inbound.InboundJobs.handles(j.kind()))
            .toList();
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
              j ->
                  com.queast.gateway.inbound.InboundJobs.handles(j.kind())
                      ? inboundJobs.run(j, callTimeoutMs)
                      : indexJobs.run(j, callTimeoutMs))
          .collect()
          .asList()
          .chain(
              results -> {
                List<ItemResult> allResults = new ArrayList<>(results);
                allResults.addAll(later);
                return apply(lane, crm, all, BatchResult.of(allResults, null));
              });
    }
    return deliverToConnector(lane, crm, all, opts);
  }

  private Uni<Integer> deliverToConnector(
      String lane, String crm, List<Job> claimed, DeliveryOptions opts) {
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

  private Uni<Integer> apply(String lane, String crm, List<Job> claimed, BatchResult result) {
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
            && REAUTH.equals(r.outcome().attempt().code())
            && j.connectionId() != null) {
          reauthSnoozed.add(j.connectionId());
        }
      }
    }
    Uni<Void> finishOthers =
        others.isEmpty()
            ? Uni.createFrom().voidItem()
            : Uni.join().all(others).andCollectFailures().replaceWithVoid();
    Uni<Void> pause =
        result.pauseUntil() == null
            ? Uni.createFrom().voidItem()
            : jobs.pauseLane(lane, result.pauseUntil(), result.pauseReason());
    return deliveries
        .recordDelivered(logged)
        .chain(() -> deliveries.completeAll(jobs.workerId(), completeIds))
        .chain(() -> finishOthers)
        .chain(
            () ->
                reauthSnoozed.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : jobs.wakeIfReauthorized(reauthSnoozed).replaceWithVoid())
        .chain(() -> deliveries.log(logged))
        .chain(() -> pause)
        .chain(() -> jobs.releaseLane(lane, result.limiterState(), null, null))
        .replaceWith(claimed.size());
  }
}

package com.queast.gateway.connector;

import io.smallrye.mutiny.Uni;

/**
 * A CRM connector: the one interface the delivery pipeline talks to (over the event bus, through
 * {@link ConnectorVerticle}). A connector owns its HTTP clients, its per-lane pacing, its mapping
 * defaults and its use of identity matching. Implementations must be non-blocking.
 */
public interface CrmConnector {

  /**
   * Static facts about the connector.
   *
   * @return descriptor
   */
  ConnectorDescriptor descriptor();

  /**
   * How many jobs the lane may claim now (backpressure: a lane claims only what it can send).
   *
   * @param request lane, limiter snapshot and the most the caller wants
   * @return a Uni emitting the decision; never fails
   */
  Uni<PaceDecision> pace(PaceRequest request);

  /**
   * Delivers a batch. Per-record failures are results, not a failed Uni: the Uni fails only when
   * the connector could not even try (then every job of the batch is retried).
   *
   * @param batch jobs with their records
   * @return a Uni emitting one result per job
   */
  Uni<BatchResult> deliver(DeliveryBatch batch);

  /**
   * Releases clients and timers.
   *
   * @return a Uni completing when closed
   */
  default Uni<Void> close() {
    return Uni.createFrom().voidItem();
  }
}

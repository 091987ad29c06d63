package com.queast.gateway.jobqueue;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which handler runs a job kind. Index, inbound and pull handlers register themselves at start;
 * {@link JobKinds#DELIVER} jobs (and any kind nobody registered) are delivered in batches to the
 * lane's connector by the lane worker.
 *
 * @param <R> the result of one job
 */
public final class JobHandlers<R> {

  private final Map<String, JobHandler<R>> byKind = new ConcurrentHashMap<>();

  /**
   * Registers the handler of a kind.
   *
   * @param kind job kind
   * @param handler its handler
   * @return this registry
   * @throws IllegalStateException when the kind already has a handler
   */
  public JobHandlers<R> register(String kind, JobHandler<R> handler) {
    if (byKind.putIfAbsent(kind, handler) != null) {
      throw new IllegalStateException("two handlers for job kind " + kind);
    }
    return this;
  }

  /**
   * The handler of a kind.
   *
   * @param kind job kind
   * @return its handler, or empty for kinds delivered to the connector
   */
  public Optional<JobHandler<R>> handler(String kind) {
    return Optional.ofNullable(byKind.get(kind));
  }

  /**
   * Whether a kind runs through a registered handler (alone in its round) rather than the
   * connector's batch delivery.
   *
   * @param kind job kind
   * @return true when registered
   */
  public boolean handles(String kind) {
    return byKind.containsKey(kind);
  }
}

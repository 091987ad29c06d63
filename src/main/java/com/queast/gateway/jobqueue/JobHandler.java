package com.queast.gateway.jobqueue;

import io.smallrye.mutiny.Uni;

/**
 * Runs claimed jobs of the kinds it registered for ({@link JobHandlers#register}), one at a time in
 * the job's lane. The result type is the lane worker's (kept generic so the queue depends on no
 * caller).
 *
 * @param <R> the result of one job
 */
@FunctionalInterface
public interface JobHandler<R> {

  /**
   * Runs one job.
   *
   * @param job the claimed job
   * @param timeoutMs how long a CRM call may take
   * @return a Uni emitting the job's result; never fails (a failure is a result)
   */
  Uni<R> run(Job job, long timeoutMs);
}

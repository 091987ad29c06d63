package com.queast.gateway.connector;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * A connector's answer for a batch: one result per job, plus what the lane should do next.
 *
 * @param results one per item; a job without a result is retried
 * @param pauseUntil when the whole lane must wait (429 window, exhausted budget), or null
 * @param pauseReason why, shown in lane and connection status, or null
 * @param limiterState the lane limiter's snapshot to keep with the lane, or null
 */
public record BatchResult(
    List<ItemResult> results, Instant pauseUntil, String pauseReason, JsonObject limiterState) {

  /**
   * Results without a lane pause.
   *
   * @param results per job
   * @param limiterState limiter snapshot or null
   * @return the batch result
   */
  public static BatchResult of(List<ItemResult> results, JsonObject limiterState) {
    return new BatchResult(results, null, null, limiterState);
  }
}

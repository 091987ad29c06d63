package com.queast.gateway.ratelimit;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * How hard a lane's pacer was using its CRM account's allowance when it last looked: requests in
 * the vendor's rate window against the vendor's published limit, the pacer's own ceiling (the limit
 * times its headroom), and the vendor's 429 answers the lane has had. Vendor-neutral: each
 * connector's pacer puts one in the limiter snapshot it leaves with the lane ({@code load}), and
 * the operator's view reads it from there.
 *
 * @param allowance the vendor's published requests per window
 * @param window the vendor's window
 * @param used requests in the window at {@code at} (as the pacer counts them, corrected from the
 *     vendor's remaining-count headers)
 * @param ceiling the most the pacer lets out per window
 * @param rateLimited 429 answers from the vendor since the pacer was made (survives lane moves
 *     between instances through the snapshot)
 * @param lastRateLimitedAt the latest of them, or null
 * @param at when this was taken
 */
public record LaneLoad(
    int allowance,
    Duration window,
    int used,
    int ceiling,
    long rateLimited,
    Instant lastRateLimitedAt,
    Instant at) {

  /**
   * Share of the vendor's allowance used.
   *
   * @return used / allowance, 0 when the allowance is unknown
   */
  public double share() {
    return allowance <= 0 ? 0 : (double) used / allowance;
  }

  /**
   * The snapshot form.
   *
   * @return JSON with epoch milliseconds
   */
  public JsonObject toJson() {
    return new JsonObject()
        .put("allowance", allowance)
        .put("windowMs", window.toMillis())
        .put("used", used)
        .put("ceiling", ceiling)
        .put("rateLimited", rateLimited)
        .put(
            "lastRateLimitedAt",
            lastRateLimitedAt == null ? null : lastRateLimitedAt.toEpochMilli())
        .put("at", at.toEpochMilli());
  }

  /**
   * Reads the snapshot form.
   *
   * @param j JSON or null
   * @return the load, or null when absent or malformed
   */
  public static LaneLoad fromJson(JsonObject j) {
    if (j == null
        || !(j.getValue("allowance") instanceof Number allowance)
        || !(j.getValue("windowMs") instanceof Number windowMs)
        || !(j.getValue("used") instanceof Number used)
        || !(j.getValue("at") instanceof Number at)) {
      return null;
    }
    Object ceiling = j.getValue("ceiling");
    Object limited = j.getValue("rateLimited");
    Object last = j.getValue("lastRateLimitedAt");
    return new LaneLoad(
        allowance.intValue(),
        Duration.ofMillis(windowMs.longValue()),
        used.intValue(),
        ceiling instanceof Number c ? c.intValue() : allowance.intValue(),
        limited instanceof Number n ? n.longValue() : 0,
        last instanceof Number l ? Instant.ofEpochMilli(l.longValue()) : null,
        Instant.ofEpochMilli(at.longValue()));
  }
}

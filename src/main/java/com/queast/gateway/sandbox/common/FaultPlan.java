package com.queast.gateway.sandbox.common;

import io.vertx.core.json.JsonObject;

/**
 * Faults a sandbox injects, as set by {@code PUT /_sandbox/faults}. All rates are probabilities in
 * [0, 1] drawn per request from a generator seeded with {@code seed}, so a run with the same seed
 * and the same request order is reproducible.
 *
 * @param rate429 share of requests answered with the vendor's 429
 * @param rate5xx share answered with a 5xx (before the write happens)
 * @param rateReset share whose connection is reset without an answer (before the write)
 * @param rateDropAfterCommit share whose write is committed and whose connection is then reset
 *     (ambiguous failure)
 * @param rateMalformed share answered 200 with a body that is not valid JSON
 * @param latencyMs added latency per request
 * @param seed generator seed
 */
public record FaultPlan(
    double rate429,
    double rate5xx,
    double rateReset,
    double rateDropAfterCommit,
    double rateMalformed,
    long latencyMs,
    long seed) {

  /** No faults. */
  public static final FaultPlan NONE = new FaultPlan(0, 0, 0, 0, 0, 0, 0);

  /**
   * Parses the admin body; absent keys are zero.
   *
   * @param body JSON such as {@code {"rate429": 0.05, "seed": 7}}
   * @return the plan
   * @throws IllegalArgumentException naming the field when a rate is outside [0, 1] or latency is
   *     negative
   */
  public static FaultPlan fromJson(JsonObject body) {
    FaultPlan p =
        new FaultPlan(
            rate(body, "rate429"),
            rate(body, "rate5xx"),
            rate(body, "rateReset"),
            rate(body, "rateDropAfterCommit"),
            rate(body, "rateMalformed"),
            number(body, "latencyMs").longValue(),
            number(body, "seed").longValue());
    if (p.latencyMs < 0 || p.latencyMs > 60_000) {
      throw new IllegalArgumentException("latencyMs must be between 0 and 60000");
    }
    if (p.rate429 + p.rate5xx + p.rateReset + p.rateDropAfterCommit + p.rateMalformed > 1.0) {
      throw new IllegalArgumentException("the rates must add up to at most 1");
    }
    return p;
  }

  /**
   * JSON form, as the admin API shows it.
   *
   * @return the plan as JSON
   */
  public JsonObject toJson() {
    return new JsonObject()
        .put("rate429", rate429)
        .put("rate5xx", rate5xx)
        .put("rateReset", rateReset)
        .put("rateDropAfterCommit", rateDropAfterCommit)
        .put("rateMalformed", rateMalformed)
        .put("latencyMs", latencyMs)
        .put("seed", seed);
  }

  private static double rate(JsonObject body, String key) {
    double v = number(body, key).doubleValue();
    if (v < 0 || v > 1) {
      throw new IllegalArgumentException(key + " must be between 0 and 1");
    }
    return v;
  }

  private static Number number(JsonObject body, String key) {
    Object v = body.getValue(key);
    if (v == null) {
      return 0;
    }
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException(key + " must be a number");
    }
    return n;
  }
}

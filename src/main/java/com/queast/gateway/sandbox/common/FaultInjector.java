package com.queast.gateway.sandbox.common;

import java.util.SplittableRandom;

/**
 * Draws a fault per request from the current {@link FaultPlan}. Thread-safe; the draw order is the
 * request order, so the same seed and request sequence give the same faults.
 */
public final class FaultInjector {

  /** What to do with one request. */
  public enum Fault {
    /** Serve normally. */
    NONE,
    /** Answer the vendor's 429. */
    RATE_LIMITED,
    /** Answer a 5xx without doing the work. */
    SERVER_ERROR,
    /** Reset the connection without doing the work. */
    RESET,
    /** Do the work (commit the write), then reset the connection instead of answering. */
    DROP_AFTER_COMMIT,
    /** Answer 200 with a body that is not JSON. */
    MALFORMED
  }

  private FaultPlan plan = FaultPlan.NONE;
  private SplittableRandom random = new SplittableRandom(0);

  /**
   * Replaces the plan and reseeds the generator.
   *
   * @param next the new plan
   */
  public synchronized void set(FaultPlan next) {
    plan = next;
    random = new SplittableRandom(next.seed());
  }

  /**
   * The plan in force.
   *
   * @return current plan
   */
  public synchronized FaultPlan plan() {
    return plan;
  }

  /**
   * Draws the fault for the next request.
   *
   * @return the fault, {@link Fault#NONE} most of the time
   */
  public synchronized Fault next() {
    FaultPlan p = plan;
    if (p == FaultPlan.NONE) {
      return Fault.NONE;
    }
    double r = random.nextDouble();
    if ((r -= p.rate429()) < 0) {
      return Fault.RATE_LIMITED;
    }
    if ((r -= p.rate5xx()) < 0) {
      return Fault.SERVER_ERROR;
    }
    if ((r -= p.rateReset()) < 0) {
      return Fault.RESET;
    }
    if ((r -= p.rateDropAfterCommit()) < 0) {
      return Fault.DROP_AFTER_COMMIT;
    }
    if ((r -= p.rateMalformed()) < 0) {
      return Fault.MALFORMED;
    }
    return Fault.NONE;
  }
}

package com.queast.gateway.connector;

import java.time.Duration;

/**
 * How many jobs a lane may claim now, and if none, how long to wait and why. A decision, not a
 * boolean.
 *
 * @param permits jobs the lane may take now (0..wanted)
 * @param retryIn when permits is 0: how long until it is worth asking again
 * @param reason stable reason code, e.g. {@code ok}, {@code bucket_empty}, {@code rate_limited},
 *     {@code circuit_open}
 */
public record PaceDecision(int permits, Duration retryIn, String reason) {

  /**
   * Go ahead with n.
   *
   * @param n permits
   * @return the decision
   */
  public static PaceDecision allow(int n) {
    return new PaceDecision(n, Duration.ZERO, "ok");
  }

  /**
   * Wait.
   *
   * @param wait how long
   * @param reason why
   * @return the decision
   */
  public static PaceDecision waitFor(Duration wait, String reason) {
    return new PaceDecision(0, wait, reason);
  }
}

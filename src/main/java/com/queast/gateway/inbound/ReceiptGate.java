package com.queast.gateway.inbound;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Backpressure for webhook receipt. A request is admitted while fewer than {@code maxInFlight} are
 * being stored; one that is not admitted, that waits too long for a receipt connection, or that is
 * not committed within {@code answerWithin} is answered 503 with {@code Retry-After} instead of
 * letting the vendor's own timeout (HubSpot 5 s, Pipedrive 10 s) expire. Both vendors retry a 5xx,
 * and a retry of an event that did commit after all is deduplicated on its key, so a 503 never
 * loses or doubles an event; a 200 is only ever sent after the commit.
 *
 * <p>Thread-safe.
 *
 * @param maxInFlight requests stored at once, at most
 * @param transactions receipt transactions at once ({@link ReceiptBatcher}: requests that arrive
 *     meanwhile are stored together in the next one)
 * @param answerWithin longest time from admission to the answer
 * @param retryAfterSeconds the {@code Retry-After} of a 503
 */
public record ReceiptGate(
    int maxInFlight, int transactions, Duration answerWithin, int retryAfterSeconds) {

  /** A gate that admits up to 256 requests, runs 3 transactions at once and answers within 3 s. */
  public static final ReceiptGate DEFAULT = new ReceiptGate(256, 3, Duration.ofSeconds(3), 1);

  /**
   * A gate.
   *
   * @throws IllegalArgumentException unless every value is positive
   */
  public ReceiptGate {
    if (maxInFlight < 1 || transactions < 1 || answerWithin.isNegative() || answerWithin.isZero()) {
      throw new IllegalArgumentException(
          "maxInFlight, transactions and answerWithin must be positive");
    }
    if (retryAfterSeconds < 1) {
      throw new IllegalArgumentException("retryAfterSeconds must be positive");
    }
  }

  /**
   * The live counter of one receiver.
   *
   * @return a new, empty counter
   */
  public Counter counter() {
    return new Counter(maxInFlight);
  }

  /** Requests in flight at one receiver. */
  public static final class Counter {
    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();

    private Counter(int max) {
      this.max = max;
    }

    /**
     * Admits a request if fewer than the maximum are in flight; the caller must {@link #leave()}
     * exactly once after an admission.
     *
     * @return true if admitted
     */
    public boolean tryEnter() {
      while (true) {
        int n = inFlight.get();
        if (n >= max) {
          return false;
        }
        if (inFlight.compareAndSet(n, n + 1)) {
          return true;
        }
      }
    }

    /** Ends an admitted request. */
    public void leave() {
      inFlight.decrementAndGet();
    }

    /**
     * Requests in flight now.
     *
     * @return the count
     */
    public int inFlight() {
      return inFlight.get();
    }
  }
}

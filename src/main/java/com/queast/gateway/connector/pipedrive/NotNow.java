package com.queast.gateway.connector.pipedrive;

import java.time.Duration;

/**
 * A call was not sent because the lane must wait (budget spent, paused after a 429, the batch's
 * time is up, the connection needs a user): the job snoozes without using an attempt.
 */
public final class NotNow extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;
  private final transient Duration wait;

  /**
   * A refusal to send now.
   *
   * @param code stable reason code
   * @param message detail
   * @param wait how long to wait
   */
  public NotNow(String code, String message, Duration wait) {
    super(message, null, false, false);
    this.code = code;
    this.wait = wait;
  }

  /**
   * Stable reason code.
   *
   * @return code
   */
  public String code() {
    return code;
  }

  /**
   * How long to wait.
   *
   * @return the wait
   */
  public Duration waitFor() {
    return wait;
  }
}

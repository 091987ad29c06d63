package com.queast.gateway.sandbox.queast;

import java.time.Clock;
import java.util.Objects;

/**
 * Configuration of the Queast bookmark API stand-in.
 *
 * @param host interface to bind
 * @param port TCP port (default 8093; 0 picks a free one)
 * @param staticToken a Bearer token accepted for every tenant (null: only tokens issued by {@code
 *     POST /_sandbox/tenants})
 * @param requestLogSize requests kept in the admin request log
 * @param clock time source for {@code createdAt}/{@code updatedAt}
 */
public record QueastSandboxOptions(
    String host, int port, String staticToken, int requestLogSize, Clock clock) {

  /** Default port of the Queast stand-in. */
  public static final int DEFAULT_PORT = 8093;

  /** Validates the values. */
  public QueastSandboxOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(clock, "clock");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range");
    }
  }

  /**
   * Defaults for a local run: 127.0.0.1:8093, static token {@code queast-sandbox-token}.
   *
   * @return the defaults
   */
  public static QueastSandboxOptions defaults() {
    return new QueastSandboxOptions(
        "127.0.0.1", DEFAULT_PORT, "queast-sandbox-token", 1000, Clock.systemUTC());
  }

  /**
   * A copy on another port.
   *
   * @param p port (0 = random)
   * @return new options
   */
  public QueastSandboxOptions withPort(int p) {
    return new QueastSandboxOptions(host, p, staticToken, requestLogSize, clock);
  }

  /**
   * A copy on another bind address.
   *
   * @param h host
   * @return new options
   */
  public QueastSandboxOptions withHost(String h) {
    return new QueastSandboxOptions(h, port, staticToken, requestLogSize, clock);
  }

  /**
   * A copy with another clock.
   *
   * @param c clock
   * @return new options
   */
  public QueastSandboxOptions withClock(Clock c) {
    return new QueastSandboxOptions(host, port, staticToken, requestLogSize, c);
  }
}

package com.queast.gateway.connector.pipedrive;

import io.vertx.core.MultiMap;

/**
 * Pipedrive's rate-limit headers of one answer (vendor notes §3.3): {@code x-ratelimit-limit} and
 * {@code x-ratelimit-remaining} of the 2-second window, {@code x-ratelimit-reset} in seconds until
 * the window frees (not an epoch), {@code x-daily-requests-left} for API-token writes.
 *
 * @param limit window limit or null
 * @param remaining left in the window or null
 * @param reset seconds until the window frees or null
 * @param dailyLeft legacy daily write count left or null
 */
public record RateHeaders(Integer limit, Integer remaining, Integer reset, Integer dailyLeft) {

  /** No headers (no answer, or an answer without them). */
  public static final RateHeaders NONE = new RateHeaders(null, null, null, null);

  /**
   * Reads the headers; malformed values count as absent.
   *
   * @param h response headers
   * @return the parsed headers
   */
  public static RateHeaders from(MultiMap h) {
    if (h == null) {
      return NONE;
    }
    return new RateHeaders(
        num(h.get("x-ratelimit-limit")),
        num(h.get("x-ratelimit-remaining")),
        num(h.get("x-ratelimit-reset")),
        num(h.get("x-daily-requests-left")));
  }

  private static Integer num(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(v.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

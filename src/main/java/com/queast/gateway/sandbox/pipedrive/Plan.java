package com.queast.gateway.sandbox.pipedrive;

import java.util.Locale;

/**
 * Pipedrive subscription plans with the daily-budget multiplier and the 2-second burst limits of
 * the rate-limiting page (vendor notes §3.1, §3.2).
 */
public enum Plan {
  /** Lite: multiplier 1, burst 20 (API token) / 80 (OAuth). */
  LITE(1, 20, 80),
  /** Growth: multiplier 2, burst 40 / 160. */
  GROWTH(2, 40, 160),
  /** Premium: multiplier 5, burst 100 / 400. */
  PREMIUM(5, 100, 400),
  /** Ultimate: multiplier 7, burst 120 / 480. */
  ULTIMATE(7, 120, 480);

  /** Base tokens per seat per day before the multiplier. */
  public static final long BASE_TOKENS = 30_000;

  private final int multiplier;
  private final int apiTokenBurst;
  private final int oauthBurst;

  Plan(int multiplier, int apiTokenBurst, int oauthBurst) {
    this.multiplier = multiplier;
    this.apiTokenBurst = apiTokenBurst;
    this.oauthBurst = oauthBurst;
  }

  /**
   * Daily budget multiplier.
   *
   * @return 1, 2, 5 or 7
   */
  public int multiplier() {
    return multiplier;
  }

  /**
   * Requests allowed per rolling 2-second window for one token.
   *
   * @param oauth whether the token is an OAuth access token (else an API token)
   * @return the burst limit
   */
  public int burst(boolean oauth) {
    return oauth ? oauthBurst : apiTokenBurst;
  }

  /**
   * Daily token budget of a company on this plan.
   *
   * @param seats number of seats (at least 1)
   * @param topUp purchased extra tokens
   * @return 30,000 × multiplier × seats + topUp
   */
  public long dailyBudget(int seats, long topUp) {
    return BASE_TOKENS * multiplier * Math.max(1, seats) + topUp;
  }

  /**
   * Parses a plan name ({@code lite}, {@code growth}, ...) or a multiplier ({@code 1, 2, 5, 7}).
   *
   * @param text name or multiplier
   * @return the plan
   * @throws IllegalArgumentException for anything else
   */
  public static Plan parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    for (Plan p : values()) {
      if (p.name().equals(t) || String.valueOf(p.multiplier).equals(t)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown plan " + text + " (lite, growth, premium, ultimate)");
  }
}

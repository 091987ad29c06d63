package com.queast.gateway.connector.pipedrive;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Pipedrive's daily token budget of one company, as the gateway predicts it: {@code 30,000 × plan
 * multiplier × seats} tokens a day (vendor notes §3.1), of which the gateway spends at most the
 * pacing headroom, charged with each endpoint's token cost and reset at midnight UTC (the vendor's
 * server time zone is undocumented; UTC is the documented day of its other counters). Pure, not
 * thread-safe; time from the injected clock.
 */
public final class DailyBudget {

  /** Base tokens per seat and plan multiplier. */
  public static final long BASE_TOKENS = 30_000;

  private final Clock clock;
  private final long limit;
  private long used;
  private Instant resetAt;
  private Instant exhaustedUntil = Instant.EPOCH;

  /**
   * A budget.
   *
   * @param planMultiplier 1 (Lite), 2 (Growth), 5 (Premium) or 7 (Ultimate)
   * @param seats seats of the company
   * @param headroom share of the budget the gateway may spend (0..1]
   * @param clock time source
   */
  public DailyBudget(int planMultiplier, int seats, double headroom, Clock clock) {
    this.clock = clock;
    this.limit =
        (long)
            Math.floor(BASE_TOKENS * Math.max(1, planMultiplier) * Math.max(1, seats) * headroom);
    this.resetAt = nextMidnight(clock.instant());
  }

  private static Instant nextMidnight(Instant now) {
    LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    return today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  private void roll() {
    Instant now = clock.instant();
    if (!now.isBefore(resetAt)) {
      used = 0;
      resetAt = nextMidnight(now);
    }
  }

  /**
   * Tokens the gateway may still spend today.
   *
   * @return remaining tokens, 0 while the vendor said the budget is exhausted
   */
  public long remaining() {
    roll();
    if (clock.instant().isBefore(exhaustedUntil)) {
      return 0;
    }
    return Math.max(0, limit - used);
  }

  /**
   * Charges a call if the budget allows it.
   *
   * @param cost the call's token cost
   * @return true when charged, false when the call must wait for the reset
   */
  public boolean tryCharge(int cost) {
    if (remaining() < cost) {
      return false;
    }
    used += cost;
    return true;
  }

  /**
   * Gives tokens back for a call that was refused before it cost anything (429, 401).
   *
   * @param cost the call's token cost
   */
  public void refund(int cost) {
    used = Math.max(0, used - cost);
  }

  /** The vendor says the budget is spent (repeated 429s): nothing until the next reset. */
  public void exhausted() {
    roll();
    exhaustedUntil = resetAt;
  }

  /**
   * Whether the vendor said the budget is spent and the reset has not come yet.
   *
   * @return true while exhausted
   */
  public boolean isExhausted() {
    return clock.instant().isBefore(exhaustedUntil);
  }

  /**
   * When the budget resets.
   *
   * @return the next midnight UTC
   */
  public Instant resetAt() {
    roll();
    return resetAt;
  }

  /**
   * The daily limit the gateway works to.
   *
   * @return tokens a day after headroom
   */
  public long limit() {
    return limit;
  }

  /**
   * Tokens charged today.
   *
   * @return tokens used
   */
  public long used() {
    roll();
    return used;
  }

  /**
   * Snapshot for the next holder of the lane.
   *
   * @return JSON
   */
  public JsonObject snapshot() {
    roll();
    return new JsonObject()
        .put("used", used)
        .put("resetAt", resetAt.toEpochMilli())
        .put("exhaustedUntil", exhaustedUntil.toEpochMilli());
  }

  /**
   * Restores a snapshot (of the same day; an older one is ignored).
   *
   * @param s snapshot or null
   */
  public void restore(JsonObject s) {
    if (s == null || !(s.getValue("resetAt") instanceof Number r)) {
      return;
    }
    if (Instant.ofEpochMilli(r.longValue()).equals(resetAt())) {
      used = Math.max(used, s.getLong("used", 0L));
      Long ex = s.getLong("exhaustedUntil");
      if (ex != null && Instant.ofEpochMilli(ex).isAfter(exhaustedUntil)) {
        exhaustedUntil = Instant.ofEpochMilli(ex);
      }
    }
  }
}

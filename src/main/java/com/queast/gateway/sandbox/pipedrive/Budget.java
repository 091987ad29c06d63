package com.queast.gateway.sandbox.pipedrive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A company's daily token budget: 30,000 × plan multiplier × seats (+ top-ups), reset at midnight
 * of the configured zone. Not thread-safe: callers hold the company's lock.
 */
final class Budget {

  private final ZoneId zone;
  private Plan plan;
  private int seats;
  private long topUp;
  private long used;
  private Instant nextReset;

  Budget(Plan plan, int seats, ZoneId zone, Instant now) {
    this.plan = plan;
    this.seats = seats;
    this.zone = zone;
    this.nextReset = midnightAfter(now);
  }

  private Instant midnightAfter(Instant now) {
    LocalDate day = now.atZone(zone).toLocalDate();
    return day.plusDays(1).atStartOfDay(zone).toInstant();
  }

  private void roll(Instant now) {
    if (!now.isBefore(nextReset)) {
      used = 0;
      nextReset = midnightAfter(now);
    }
  }

  long limit() {
    return plan.dailyBudget(seats, topUp);
  }

  /** Charges {@code cost} if it fits; false (nothing charged) when the budget is spent. */
  boolean tryCharge(long cost, Instant now) {
    roll(now);
    if (used + cost > limit()) {
      return false;
    }
    used += cost;
    return true;
  }

  long used(Instant now) {
    roll(now);
    return used;
  }

  Instant nextReset(Instant now) {
    roll(now);
    return nextReset;
  }

  Plan plan() {
    return plan;
  }

  int seats() {
    return seats;
  }

  long topUp() {
    return topUp;
  }

  void setPlan(Plan plan, int seats, long topUp) {
    this.plan = plan;
    this.seats = Math.max(1, seats);
    this.topUp = Math.max(0, topUp);
  }

  void setUsed(long used) {
    this.used = Math.max(0, used);
  }

  void setNextReset(Instant at) {
    this.nextReset = at;
  }

  void resetNow(Instant now) {
    used = 0;
    nextReset = midnightAfter(now);
  }
}

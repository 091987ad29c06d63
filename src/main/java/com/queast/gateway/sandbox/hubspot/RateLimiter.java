package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HubSpot's request limits per app per portal: a rolling ten-second window (110 for OAuth apps, the
 * tier's number for private apps), a daily budget for private apps (reset at midnight UTC here;
 * HubSpot uses the account's time zone), and a separate search limit per second. Rejected requests
 * do not count against the window. Counts every 429 it decides.
 */
public final class RateLimiter {

  /** Rolling window of the burst limit. */
  public static final long WINDOW_MS = 10_000;

  /** The outcome for one request. */
  record Decision(boolean allowed, String policy, Map<String, String> headers) {}

  private static final class Counter {
    final Deque<Long> tenSecond = new ArrayDeque<>();
    final Deque<Long> search = new ArrayDeque<>();
    LocalDate day;
    long dayCount;
  }

  private final Clock clock;
  private final int searchPerSecond;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();

  /**
   * A limiter.
   *
   * @param clock time source
   * @param searchPerSecond search requests allowed per second
   */
  public RateLimiter(Clock clock, int searchPerSecond) {
    this.clock = clock;
    this.searchPerSecond = searchPerSecond;
  }

  /**
   * Counts a non-search request and computes its rate-limit headers.
   *
   * @param p the caller
   * @return whether allowed, the policy hit otherwise, and the headers to send
   */
  Decision api(Principal p) {
    Counter c = counters.computeIfAbsent(p.limitKey(), k -> new Counter());
    long now = clock.millis();
    synchronized (c) {
      evict(c.tenSecond, now - WINDOW_MS);
      LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
      if (!today.equals(c.day)) {
        c.day = today;
        c.dayCount = 0;
      }
      RateTier tier = p.tier();
      String policy = null;
      if (tier.perDay() > 0 && c.dayCount >= tier.perDay()) {
        policy = "DAILY";
      } else if (c.tenSecond.size() >= tier.perTenSeconds()) {
        policy = "TEN_SECONDLY_ROLLING";
      } else {
        c.tenSecond.addLast(now);
        c.dayCount++;
      }
      Map<String, String> h = new LinkedHashMap<>();
      if (p.privateApp() && tier.perDay() > 0) {
        h.put("X-HubSpot-RateLimit-Daily", Long.toString(tier.perDay()));
        h.put(
            "X-HubSpot-RateLimit-Daily-Remaining",
            Long.toString(Math.max(0, tier.perDay() - c.dayCount)));
      }
      h.put("X-HubSpot-RateLimit-Interval-Milliseconds", Long.toString(WINDOW_MS));
      h.put("X-HubSpot-RateLimit-Max", Integer.toString(tier.perTenSeconds()));
      h.put(
          "X-HubSpot-RateLimit-Remaining",
          Integer.toString(Math.max(0, tier.perTenSeconds() - c.tenSecond.size())));
      int secondly = Math.max(1, tier.perTenSeconds() / 10);
      long lastSecond = c.tenSecond.stream().filter(t -> t > now - 1000).count();
      h.put("X-HubSpot-RateLimit-Secondly", Integer.toString(secondly));
      h.put(
          "X-HubSpot-RateLimit-Secondly-Remaining",
          Long.toString(Math.max(0, secondly - lastSecond)));
      if (policy != null) {
        count(policy);
      }
      return new Decision(policy == null, policy, h);
    }
  }

  /**
   * Counts a search request (search answers carry no rate-limit headers).
   *
   * @param p the caller
   * @return the decision, policy {@code SECONDLY} when over the limit
   */
  Decision search(Principal p) {
    Counter c = counters.computeIfAbsent(p.limitKey(), k -> new Counter());
    long now = clock.millis();
    synchronized (c) {
      evict(c.search, now - 1000);
      if (c.search.size() >= searchPerSecond) {
        count("SECONDLY");
        return new Decision(false, "SECONDLY", Map.of());
      }
      c.search.addLast(now);
      return new Decision(true, null, Map.of());
    }
  }

  /**
   * Requests counted today (UTC) for a caller, as the daily-usage endpoint reports them.
   *
   * @param p the caller
   * @return count so far today
   */
  long usedToday(Principal p) {
    Counter c = counters.computeIfAbsent(p.limitKey(), k -> new Counter());
    synchronized (c) {
      LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
      return today.equals(c.day) ? c.dayCount : 0;
    }
  }

  private static void evict(Deque<Long> window, long before) {
    while (!window.isEmpty() && window.peekFirst() <= before) {
      window.removeFirst();
    }
  }

  /**
   * Records a 429 answered for a policy (also used for injected faults, policy {@code INJECTED}).
   *
   * @param policy policy name
   */
  void count(String policy) {
    rejected.computeIfAbsent(policy, k -> new AtomicLong()).incrementAndGet();
  }

  /**
   * Total 429s answered so far, any cause.
   *
   * @return count
   */
  public long total429() {
    return rejected.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /**
   * 429 counts by policy, with the total.
   *
   * @return JSON {@code {"total": n, "byPolicy": {...}}}
   */
  public JsonObject stats() {
    JsonObject by = new JsonObject();
    rejected.forEach((k, v) -> by.put(k, v.get()));
    return new JsonObject().put("total", total429()).put("byPolicy", by);
  }

  /** Forgets the 429 counters (windows stay). */
  public void resetStats() {
    rejected.clear();
  }

  /**
   * The 429 body HubSpot sends for a policy.
   *
   * @param policy {@code TEN_SECONDLY_ROLLING}, {@code DAILY} or {@code SECONDLY}
   * @param p the caller, or null (injected faults before authentication)
   * @return body
   */
  static JsonObject body(String policy, Principal p) {
    String message =
        switch (policy) {
          case "DAILY" -> "You have reached your daily limit.";
          case "SECONDLY" -> "You have reached your secondly limit.";
          default -> "You have reached your ten_secondly_rolling limit.";
        };
    JsonObject o =
        new JsonObject()
            .put("status", "error")
            .put("message", message)
            .put("errorType", "RATE_LIMIT")
            .put("correlationId", java.util.UUID.randomUUID().toString());
    if (!"SECONDLY".equals(policy)) {
      o.put("policyName", policy);
    }
    if ("TEN_SECONDLY_ROLLING".equals(policy) && p != null) {
      String kind = p.privateApp() ? "private_app" : "oauth";
      o.put(
          "groupName",
          "publicapi:" + kind + "-api-calls-ten-secondly:" + p.appId() + ":" + p.portal().id());
    }
    o.put("requestId", java.util.UUID.randomUUID().toString());
    return o;
  }
}

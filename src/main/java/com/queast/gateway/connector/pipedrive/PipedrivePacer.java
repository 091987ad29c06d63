package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.connector.PaceDecision;
import com.queast.gateway.ratelimit.LaneLoad;
import com.queast.gateway.ratelimit.SlidingWindow;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Pacing of one Pipedrive company (lane): the rolling 2-second burst window per token, the search
 * window (10 per 2 s), the daily token budget, and what 429s teach. Calls take a slot before they
 * go on the wire, so the gateway stays under the limits instead of learning them from 429s. Not
 * thread-safe: callers synchronise on the instance.
 */
public final class PipedrivePacer {

  /**
   * The vendor's window. A call's slot counts from when it was taken until its answer and then for
   * the window (see {@link SlidingWindow#settle}), so the skew between a slot and Pipedrive's count
   * of the call needs no margin here (there was one of 250 ms, which kept the lane at 0.8 of the
   * burst).
   */
  static final Duration WINDOW = Duration.ofSeconds(2);

  /** Share of the vendor's burst the lane uses: the rest is left to the tenant's other clients. */
  static final double HEADROOM = 0.95;

  /** The vendor's own burst window. */
  static final Duration VENDOR_WINDOW = Duration.ofSeconds(2);

  /** Search calls per window, for every plan and auth type (vendor notes §3.2). */
  static final int SEARCH_LIMIT = 10;

  /** Consecutive 429s without any other answer in between that mean the budget is spent. */
  static final int EXHAUSTED_STREAK = 4;

  /** ... when they also span at least this long (injected or burst 429s never last this long). */
  static final Duration EXHAUSTED_SPAN = Duration.ofSeconds(10);

  /** 429s while the vendor's burst window still had room: the budget, not the burst. */
  static final int BUDGET_EVIDENCE = 2;

  /** The pause after a 429 that does not say when the window resets. */
  static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(2);

  /**
   * Consecutive 429s with an {@code x-ratelimit-reset} that each pause the lane for exactly the
   * reset; later ones in the same run double it.
   */
  static final int TOLD_RESET_STREAK = 2;

  /** Most a single 429 pauses the lane. */
  static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  /**
   * Most calls of a lane on the wire at once: when the budget runs out, every call in flight comes
   * back 429, and Pipedrive blocks API tokens with a 403 after a run of 429s (the sandbox after
   * 10); fewer in flight than that keeps one bad moment from earning the block.
   */
  static final int MAX_IN_FLIGHT = 8;

  /** Average tokens of one delivery job, to size a batch to the remaining budget. */
  static final int TOKENS_PER_JOB = 8;

  /** What a 429 means. */
  public enum Verdict {
    /** Slow down: the lane is paused for a short while. */
    BACKOFF,
    /** The daily budget is spent: the lane waits for the reset. */
    EXHAUSTED
  }

  /**
   * The answer of {@link #tryAcquire}.
   *
   * @param delay zero when the call may go now (its slot is taken and its tokens charged), else how
   *     long to wait before asking again
   * @param exhausted true when the daily budget cannot pay for the call before the reset
   */
  public record Slot(Duration delay, boolean exhausted) {
    /**
     * Whether the call may go now.
     *
     * @return true when acquired
     */
    public boolean acquired() {
      return delay.isZero() && !exhausted;
    }
  }

  private final Clock clock;
  private final DailyBudget budget;
  private SlidingWindow burst;
  private int burstLimit;
  private final SlidingWindow search;
  private Instant pausedUntil = Instant.EPOCH;
  private int streak;
  private Instant streakStart;
  private int budgetEvidence;
  private long rateLimited;
  private Instant lastRateLimitedAt;
  private int vendorBurst;
  private int inFlight;
  private final java.util.ArrayDeque<Instant> outBurst = new java.util.ArrayDeque<>();
  private final java.util.ArrayDeque<Instant> outSearch = new java.util.ArrayDeque<>();

  /**
   * A limiter.
   *
   * @param vendorBurst the burst limit per 2 s assumed until the headers say otherwise
   * @param budget the daily budget model
   * @param clock time source
   */
  public PipedrivePacer(int vendorBurst, DailyBudget budget, Clock clock) {
    this.clock = clock;
    this.budget = budget;
    this.vendorBurst = vendorBurst;
    this.burstLimit = effective(vendorBurst);
    this.burst = new SlidingWindow(burstLimit, WINDOW, clock);
    this.search = new SlidingWindow(SEARCH_LIMIT - 1, WINDOW, clock);
  }

  /**
   * The burst limit the vendor documents for a plan and an auth type (vendor notes §3.2).
   *
   * @param planMultiplier plan multiplier
   * @param oauth true for OAuth tokens
   * @return requests per 2 s
   */
  public static int documentedBurst(int planMultiplier, boolean oauth) {
    int apiToken =
        switch (planMultiplier) {
          case 1 -> 20;
          case 2 -> 40;
          case 5 -> 100;
          case 7 -> 120;
          default -> planMultiplier >= 7 ? 120 : 80;
        };
    return oauth ? apiToken * 4 : apiToken;
  }

  private static int effective(int vendorLimit) {
    return Math.max(1, (int) Math.floor(vendorLimit * HEADROOM));
  }

  /**
   * Takes a slot for a call now if the windows and the budget allow it.
   *
   * @param e the endpoint
   * @return the slot decision
   */
  public Slot tryAcquire(PipedriveEndpoint e) {
    if (budget.isExhausted() || budget.remaining() < e.cost()) {
      return new Slot(Duration.between(clock.instant(), budget.resetAt()), true);
    }
    Instant now = clock.instant();
    if (now.isBefore(pausedUntil)) {
      return new Slot(Duration.between(now, pausedUntil), false);
    }
    if (inFlight >= MAX_IN_FLIGHT) {
      return new Slot(Duration.ofMillis(3), false);
    }
    if (burst.available() < 1) {
      return new Slot(positive(burst.timeUntil(1)), false);
    }
    if (e.search() && search.available() < 1) {
      return new Slot(positive(search.timeUntil(1)), false);
    }
    budget.tryCharge(e.cost());
    inFlight++;
    Instant taken = burst.takeOne();
    outBurst.addLast(taken);
    if (e.search()) {
      outSearch.addLast(search.takeOne());
    }
    return new Slot(Duration.ZERO, false);
  }

  private static Duration positive(Duration d) {
    return d.isZero() || d.isNegative() ? Duration.ofMillis(5) : d;
  }

  /**
   * A call whose slot was taken is off the wire (answered, or never sent): its slots count from now
   * for the window.
   *
   * @param e the endpoint called
   */
  public void release(PipedriveEndpoint e) {
    inFlight = Math.max(0, inFlight - 1);
    burst.settle(outBurst.isEmpty() ? null : outBurst.pollFirst());
    if (e.search() && !outSearch.isEmpty()) {
      search.settle(outSearch.pollFirst());
    }
  }

  /**
   * Calls on the wire now.
   *
   * @return in-flight count
   */
  public int inFlight() {
    return inFlight;
  }

  /**
   * Learns from an answer that is not a 429: the rate-limit headers correct the windows, and any
   * such answer ends a run of 429s.
   *
   * @param e the endpoint called
   * @param status HTTP status, 0 when no answer came
   * @param headers the rate-limit headers (lower-case names), possibly empty
   */
  public void onAnswer(PipedriveEndpoint e, int status, RateHeaders headers) {
    if (status == 401) {
      budget.refund(e.cost());
    }
    if (status != 0) {
      streak = 0;
      streakStart = null;
      budgetEvidence = 0;
    }
    adapt(e, headers);
  }

  private void adapt(PipedriveEndpoint e, RateHeaders h) {
    if (h.limit() != null && !e.search() && h.limit() > 0) {
      vendorBurst = h.limit();
    }
    if (h.limit() != null && !e.search() && effective(h.limit()) != burstLimit) {
      JsonObject s = burst.snapshot();
      burstLimit = effective(h.limit());
      burst = new SlidingWindow(burstLimit, WINDOW, clock);
      burst.restore(s);
    }
    if (h.remaining() != null) {
      (e.search() ? search : burst).capTo(h.remaining());
    }
  }

  /**
   * Learns from a 429: pauses the lane for the {@code x-ratelimit-reset} it was told (2 s when not
   * told), doubling only while 429s keep coming in a row, or, when the 429s persist or come while
   * the vendor's burst window still had room, declares the daily budget spent.
   *
   * @param e the endpoint called
   * @param headers the rate-limit headers of the 429
   * @return what the lane must do
   */
  public Verdict on429(PipedriveEndpoint e, RateHeaders headers) {
    Instant now = clock.instant();
    rateLimited++;
    lastRateLimitedAt = now;
    budget.refund(e.cost());
    streak++;
    if (streakStart == null) {
      streakStart = now;
    }
    if (headers.remaining() != null && headers.remaining() > 0) {
      budgetEvidence++;
    }
    boolean persistent =
        streak >= EXHAUSTED_STREAK
            && !Duration.between(streakStart, now).minus(EXHAUSTED_SPAN).isNegative();
    if (budgetEvidence >= BUDGET_EVIDENCE || persistent) {
      budget.exhausted();
      return Verdict.EXHAUSTED;
    }
    Duration wait;
    if (headers.reset() != null) {
      // The vendor says when its window frees a slot: wait exactly that, and only start doubling
      // when 429s keep coming in a row although the lane waited as told.
      wait =
          Duration.ofSeconds(Math.max(1, headers.reset()))
              .multipliedBy(1L << Math.min(5, Math.max(0, streak - TOLD_RESET_STREAK)));
    } else {
      wait = DEFAULT_BACKOFF.multipliedBy(1L << Math.min(5, streak - 1));
    }
    if (wait.compareTo(MAX_BACKOFF) > 0) {
      wait = MAX_BACKOFF;
    }
    Instant until = now.plus(wait);
    if (until.isAfter(pausedUntil)) {
      pausedUntil = until;
    }
    burst.blockUntil(pausedUntil);
    return Verdict.BACKOFF;
  }

  /**
   * Whether the search window is idle (at most one search in it) and at least three quarters of the
   * day's budget are left.
   *
   * @return true when a search is cheap now
   */
  public boolean searchIsIdle() {
    return search.available() >= SEARCH_LIMIT - 2
        && budget.used() < budget.limit() / 4
        && !budget.isExhausted();
  }

  /**
   * How many jobs the lane may take now.
   *
   * @param wanted the most the caller wants
   * @return the decision with a reason
   */
  public PaceDecision permits(int wanted) {
    Instant now = clock.instant();
    if (budget.isExhausted()) {
      // The same words as the batch that found the budget spent: with several batches in flight
      // the lane is given back by whichever comes last, and the operator reads one reason.
      return PaceDecision.waitFor(
          Duration.between(now, budget.resetAt()),
          PipedriveConnector.budgetExhausted(budget.resetAt()));
    }
    long byBudget = budget.remaining() / TOKENS_PER_JOB;
    if (byBudget < 1) {
      return PaceDecision.waitFor(Duration.between(now, budget.resetAt()), "daily_budget_spent");
    }
    if (now.isBefore(pausedUntil)) {
      return PaceDecision.waitFor(Duration.between(now, pausedUntil), "rate_limited");
    }
    int free = burst.available();
    if (free < 1) {
      return PaceDecision.waitFor(positive(burst.timeUntil(1)), "burst_window");
    }
    return PaceDecision.allow((int) Math.min(Math.min(wanted, free), byBudget));
  }

  /**
   * When the lane may send again after a 429.
   *
   * @return the pause end (in the past when not paused)
   */
  public Instant pausedUntil() {
    return pausedUntil;
  }

  /**
   * The budget model.
   *
   * @return the daily budget
   */
  public DailyBudget budget() {
    return budget;
  }

  /**
   * The burst limit in force (after headroom).
   *
   * @return requests per window
   */
  public int burstLimit() {
    return burstLimit;
  }

  /**
   * 429s seen by this limiter.
   *
   * @return count
   */
  public long rateLimited() {
    return rateLimited;
  }

  /**
   * Snapshot for the lane.
   *
   * @return JSON
   */
  public JsonObject snapshot() {
    return new JsonObject()
        .put("budget", budget.snapshot())
        .put("burst", burst.snapshot())
        .put("burstLimit", burstLimit)
        .put("search", search.snapshot())
        .put("pausedUntil", pausedUntil.toEpochMilli())
        .put("load", load().toJson());
  }

  /**
   * The share of the company's burst allowance in use now (requests in the vendor's 2-s window
   * against its published burst) and the 429s seen, for the operator's view.
   *
   * @return the load
   */
  public LaneLoad load() {
    return new LaneLoad(
        vendorBurst,
        VENDOR_WINDOW,
        burst.inLast(VENDOR_WINDOW),
        burstLimit,
        rateLimited,
        lastRateLimitedAt,
        clock.instant());
  }

  /**
   * Restores a snapshot left with the lane.
   *
   * @param s snapshot or null
   */
  public void restore(JsonObject s) {
    if (s == null) {
      return;
    }
    budget.restore(s.getJsonObject("budget"));
    Integer limit = s.getInteger("burstLimit");
    if (limit != null && limit > 0 && limit != burstLimit) {
      // A new window keeps what this one knows (a restore merges into it).
      JsonObject known = burst.snapshot();
      burstLimit = limit;
      burst = new SlidingWindow(burstLimit, WINDOW, clock);
      burst.restore(known);
    }
    burst.restore(s.getJsonObject("burst"));
    search.restore(s.getJsonObject("search"));
    LaneLoad l = LaneLoad.fromJson(s.getJsonObject("load"));
    if (l != null && l.rateLimited() > rateLimited) {
      // Another instance held the lane meanwhile: its count includes ours.
      rateLimited = l.rateLimited();
      lastRateLimitedAt = l.lastRateLimitedAt();
    }
    if (l != null && l.allowance() > 0) {
      vendorBurst = l.allowance();
    }
    Long p = s.getLong("pausedUntil");
    if (p != null) {
      pausedUntil = Instant.ofEpochMilli(p);
    }
  }
}

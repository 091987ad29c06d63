package com.queast.gateway.sandbox.pipedrive;

import io.vertx.mutiny.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The vendor's token-based rate limits (vendor notes §3): the company's daily budget charged with
 * each endpoint's token cost, a rolling burst window per token by plan and auth type, a separate
 * search window, the {@code x-ratelimit-*} and {@code x-daily-requests-left} headers, the 429, and
 * the Cloudflare-like 403 for tokens that keep going after repeated 429s.
 */
final class RateLimiter {

  /** Per-token state. */
  private static final class TokenState {
    final BurstWindow general;
    final BurstWindow search;
    int consecutive429;
    Instant blockedUntil;
    LocalDate writeDay;
    int writesToday;

    TokenState(PipedriveSandboxOptions o) {
      general = new BurstWindow(o.burstWindow());
      search = new BurstWindow(o.burstWindow());
    }
  }

  private final Map<String, TokenState> tokens = new HashMap<>();
  private final PipedriveSandboxOptions options;
  private final Clock clock;
  private final AtomicLong total429 = new AtomicLong();
  private final AtomicLong total403 = new AtomicLong();

  RateLimiter(PipedriveSandboxOptions options) {
    this.options = options;
    this.clock = options.clock();
  }

  long total429() {
    return total429.get();
  }

  long total403() {
    return total403.get();
  }

  /**
   * The headers of an injected burst-limit 429 for a caller, as a real one carries them: the plan's
   * {@code x-ratelimit-limit}, {@code x-ratelimit-remaining: 0}, the seconds until the token's
   * window frees a slot in {@code x-ratelimit-reset}, and {@code x-daily-requests-left} for API
   * tokens. The 429 counts like a real one (also towards the Cloudflare block).
   *
   * @param caller the authenticated caller, or null when the credentials are not valid
   * @param method the request method
   * @return the headers to send with the 429 (empty for an unknown caller)
   */
  synchronized Map<String, String> injected429(Caller caller, String method) {
    total429.incrementAndGet();
    Map<String, String> headers = new HashMap<>();
    if (caller == null) {
      return headers;
    }
    Instant now = clock.instant();
    Company company = caller.company();
    TokenState t = tokens.computeIfAbsent(caller.tokenKey(), k -> new TokenState(options));
    headers.put("x-ratelimit-limit", String.valueOf(company.budget.plan().burst(caller.oauth())));
    headers.put("x-ratelimit-remaining", "0");
    headers.put("x-ratelimit-reset", String.valueOf(t.general.resetSeconds(now)));
    if (!caller.oauth()) {
      headers.put("x-daily-requests-left", String.valueOf(dailyWritesLeft(t, method, now, true)));
    }
    synchronized (company) {
      company.count429++;
    }
    t.consecutive429++;
    boolean abuseApplies = options.abuse403() && (!caller.oauth() || options.abuse403ForOAuth());
    if (abuseApplies && t.consecutive429 >= options.abuseThreshold429()) {
      t.blockedUntil = now.plus(options.abuseBlock());
      t.consecutive429 = 0;
    }
    return headers;
  }

  /** A route handler that charges {@code cost} tokens, or answers 429/403 instead. */
  Consumer<RoutingContext> charging(int cost, boolean search) {
    return ctx -> {
      Caller caller = ctx.get(Caller.KEY);
      Decision d = decide(caller, cost, search, ctx.request().method().name());
      d.headers().forEach((k, v) -> ctx.response().putHeader(k, v));
      switch (d.outcome()) {
        case ALLOW -> ctx.next();
        case BLOCKED -> Cloudflare.answer403(ctx);
        default -> ctx.fail(PdError.rateLimited());
      }
    };
  }

  enum Outcome {
    ALLOW,
    LIMITED,
    BLOCKED
  }

  record Decision(Outcome outcome, Map<String, String> headers) {}

  synchronized Decision decide(Caller caller, int cost, boolean search, String method) {
    Instant now = clock.instant();
    Company company = caller.company();
    TokenState t = tokens.computeIfAbsent(caller.tokenKey(), k -> new TokenState(options));
    int limit = company.budget.plan().burst(caller.oauth());
    Map<String, String> headers = new HashMap<>();
    boolean abuseApplies = options.abuse403() && (!caller.oauth() || options.abuse403ForOAuth());
    if (abuseApplies && t.blockedUntil != null && now.isBefore(t.blockedUntil)) {
      total403.incrementAndGet();
      synchronized (company) {
        company.count403++;
      }
      return new Decision(Outcome.BLOCKED, headers);
    }
    boolean limited =
        t.general.full(limit, now) || (search && t.search.full(options.searchBurst(), now));
    if (!limited) {
      synchronized (company) {
        limited = !company.budget.tryCharge(cost, now);
      }
    }
    if (!limited) {
      t.general.record(now);
      if (search) {
        t.search.record(now);
      }
      t.consecutive429 = 0;
    }
    BurstWindow shown = search ? t.search : t.general;
    int shownLimit = search ? options.searchBurst() : limit;
    headers.put("x-ratelimit-limit", String.valueOf(shownLimit));
    headers.put("x-ratelimit-remaining", String.valueOf(shown.remaining(shownLimit, now)));
    headers.put("x-ratelimit-reset", String.valueOf(shown.resetSeconds(now)));
    if (!caller.oauth()) {
      headers.put(
          "x-daily-requests-left", String.valueOf(dailyWritesLeft(t, method, now, limited)));
    }
    if (!limited) {
      return new Decision(Outcome.ALLOW, headers);
    }
    total429.incrementAndGet();
    synchronized (company) {
      company.count429++;
    }
    t.consecutive429++;
    if (abuseApplies && t.consecutive429 >= options.abuseThreshold429()) {
      t.blockedUntil = now.plus(options.abuseBlock());
      t.consecutive429 = 0;
    }
    return new Decision(Outcome.LIMITED, headers);
  }

  private int dailyWritesLeft(TokenState t, String method, Instant now, boolean limited) {
    LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    if (!today.equals(t.writeDay)) {
      t.writeDay = today;
      t.writesToday = 0;
    }
    if (!limited && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
      t.writesToday++;
    }
    return Math.max(0, options.legacyDailyWriteCap() - t.writesToday);
  }
}

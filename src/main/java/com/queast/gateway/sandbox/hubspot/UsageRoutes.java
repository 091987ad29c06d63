package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The legacy daily-usage endpoint {@code GET /integrations/v1/limit/daily}: the caller's usage of
 * its daily budget ({@code usageLimit} 0 for OAuth apps, which have none).
 */
final class UsageRoutes {

  private final RateLimiter limiter;
  private final Clock clock;

  UsageRoutes(RateLimiter limiter, Clock clock) {
    this.limiter = limiter;
    this.clock = clock;
  }

  void mount(Router r) {
    r.get("/integrations/v1/limit/daily")
        .handler(
            ctx ->
                Http.answer(
                    ctx,
                    c -> {
                      Principal p = Http.principal(c);
                      long resetsAt =
                          LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                              .plusDays(1)
                              .atStartOfDay()
                              .toInstant(ZoneOffset.UTC)
                              .toEpochMilli();
                      JsonObject usage =
                          new JsonObject()
                              .put("name", "api-calls-daily")
                              .put("usageLimit", p.tier().perDay())
                              .put("currentUsage", limiter.usedToday(p))
                              .put("collectedAt", clock.millis())
                              .put("fetchStatus", "SUCCESS")
                              .put("resetsAt", resetsAt);
                      return new Http.Reply(200, new JsonArray().add(usage));
                    }));
  }
}

package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.tenant.Connection;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The limiters of the lanes this instance serves, built from the connection's plan (per-connection
 * {@code planMultiplier}/{@code seats} override the configuration) and restored from the lane's
 * snapshot when another instance held the lane before.
 */
final class PipedrivePacers {

  private final PipedriveOptions cfg;
  private final Clock clock;
  private final Map<String, PipedrivePacer> lanes = new ConcurrentHashMap<>();

  PipedrivePacers(PipedriveOptions cfg, Clock clock) {
    this.cfg = cfg;
    this.clock = clock;
  }

  PipedrivePacer get(String lane) {
    return lanes.get(lane);
  }

  PipedrivePacer of(String lane, Connection c, JsonObject snapshot) {
    return lanes.computeIfAbsent(
        lane,
        l -> {
          JsonObject conf = c.config();
          int plan = conf.getInteger("planMultiplier", cfg.planMultiplier());
          int seats = conf.getInteger("seats", cfg.seats());
          DailyBudget budget = new DailyBudget(plan, seats, cfg.pacingHeadroom(), clock);
          PipedrivePacer limiter =
              new PipedrivePacer(
                  PipedrivePacer.documentedBurst(plan, "oauth".equals(c.authType())),
                  budget,
                  clock);
          limiter.restore(snapshot);
          return limiter;
        });
  }
}

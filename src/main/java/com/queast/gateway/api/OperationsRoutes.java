package com.queast.gateway.api;

import com.queast.gateway.db.DatabaseHealth;
import com.queast.gateway.jobqueue.JobNotifier;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;

/**
 * {@code /health/live}, {@code /health/ready} (database answers and the LISTEN connection is in
 * place) and {@code /metrics} (Prometheus). No authentication: they reveal no tenant data.
 */
public final class OperationsRoutes {

  private static final String OPENAPI = openApi();

  private final DatabaseHealth database;
  private final JobNotifier notifier;
  private final PrometheusMeterRegistry registry;

  /**
   * Operations routes.
   *
   * @param database the database's health monitor (probed again on each readiness check)
   * @param notifier LISTEN connection to check, or null
   * @param registry Prometheus registry, or null when metrics are off
   */
  public OperationsRoutes(
      DatabaseHealth database, JobNotifier notifier, PrometheusMeterRegistry registry) {
    this.database = database;
    this.notifier = notifier;
    this.registry = registry;
  }

  private static String openApi() {
    try (var in = OperationsRoutes.class.getResourceAsStream("/openapi.yaml")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("openapi.yaml is missing from the jar", e);
    }
  }

  /**
   * Mounts the routes.
   *
   * @param router router
   */
  public void mount(Router router) {
    router
        .get("/health/live")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .endAndForget(new JsonObject().put("status", "UP").encode()));
    router
        .get("/health/ready")
        .handler(
            ctx ->
                database
                    .probe()
                    .subscribe()
                    .with(
                        dbUp -> {
                          boolean listen = notifier == null || notifier.alive();
                          boolean up = dbUp && listen;
                          JsonObject body =
                              new JsonObject()
                                  .put("status", up ? "UP" : "DOWN")
                                  .put(
                                      "checks",
                                      new JsonObject()
                                          .put("database", dbUp ? "UP" : "DOWN")
                                          .put("listen", listen ? "UP" : "DOWN"));
                          ctx.response()
                              .setStatusCode(up ? 200 : 503)
                              .putHeader("Content-Type", "application/json")
                              .endAndForget(body.encode());
                        }));
    router
        .get("/openapi.yaml")
        .handler(
            ctx ->
                ctx.response().putHeader("Content-Type", "application/yaml").endAndForget(OPENAPI));
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .endAndForget(registry == null ? "" : registry.scrape()));
  }
}

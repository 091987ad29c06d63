package com.queast.gateway.app;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.queast.gateway.db.Migrations;
import com.queast.gateway.db.PgUrl;
import com.queast.gateway.jobqueue.JobNotifier;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: one Vert.x instance, one pool, the deployed verticles. Built by {@link
 * GatewayBuilder}; closed once.
 */
public final class Gateway {

  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  private static final String STARTED = "gateway started";

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final Pool pool;
  private final Services services;
  private final int httpPort;
  private final List<String> deployments;
  private final JobNotifier notifier;

  Gateway(
      Vertx vertx,
      boolean ownsVertx,
      Pool pool,
      Services services,
      int httpPort,
      List<String> deployments,
      JobNotifier notifier) {
    this.notifier = notifier;
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.pool = pool;
    this.services = services;
    this.httpPort = httpPort;
    this.deployments = new ArrayList<>(deployments);
  }

  /**
   * Starts a gateway with its own Vert.x instance (Prometheus metrics on), migrating the database
   * first.
   *
   * @param cfg configuration
   * @return a Uni that emits the running gateway, or fails when the database cannot be reached or a
   *     port is taken
   */
  public static Uni<Gateway> start(GatewayConfig cfg) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = newVertx(registry);
    return new GatewayBuilder(cfg, vertx, registry, Clock.systemUTC())
        .ownsVertx(true)
        .start()
        .invoke(
            g ->
                LOG.info(
                    STARTED,
                    kv("port", g.httpPort()),
                    kv("db", PgUrl.parse(cfg.pg().url()).toString())))
        .onFailure()
        .call(() -> vertx.close());
  }

  /**
   * Event loops: more than the 2 per core Vert.x defaults to, so that each verticle (a connector,
   * delivery, the HTTP API with webhook receipt...) gets a loop of its own. Vert.x hands loops out
   * round robin; with 4 loops for 9 deployments the HTTP API shared one with the HubSpot connector,
   * and a webhook waited behind a batch's mapping and matching (a flight recording of the jar
   * during a backfill: 256 of 325 event-loop samples on that one loop, two loops nearly idle). On
   * loops of their own the kernel shares the cores between them instead; an idle loop costs a
   * parked thread.
   */
  static final int EVENT_LOOPS = Math.max(16, 2 * Runtime.getRuntime().availableProcessors());

  /**
   * A Vert.x instance reporting its HTTP, pool and event-bus metrics (and JVM metrics) to the
   * registry.
   *
   * @param registry where metrics go
   * @return a new Vert.x
   */
  public static Vertx newVertx(PrometheusMeterRegistry registry) {
    return Vertx.vertx(
        new VertxOptions()
            .setEventLoopPoolSize(EVENT_LOOPS)
            .setMetricsOptions(
                new MicrometerMetricsOptions()
                    .setEnabled(true)
                    .setMicrometerRegistry(registry)
                    .setJvmMetricsEnabled(true)));
  }

  /**
   * Migrates the configured database (blocking; for tools and tests that need the schema without a
   * gateway).
   *
   * @param cfg configuration
   */
  public static void migrate(GatewayConfig cfg) {
    Migrations.migrate(PgUrl.parse(cfg.pg().url()), cfg.pg().createDatabase());
  }

  /**
   * The HTTP port actually bound (differs from the configured one when that was 0).
   *
   * @return port
   */
  public int httpPort() {
    return httpPort;
  }

  /**
   * The shared pool.
   *
   * @return pool
   */
  public Pool pool() {
    return pool;
  }

  /**
   * The Vert.x instance.
   *
   * @return vertx
   */
  public Vertx vertx() {
    return vertx;
  }

  /**
   * Collaborators wired at start, for tests and subcommands that drive the gateway in-process.
   *
   * @return services
   */
  public Services services() {
    return services;
  }

  /**
   * Undeploys every verticle, closes the pool and, when owned, Vert.x.
   *
   * @return a Uni that completes when everything is closed
   */
  public Uni<Void> close() {
    Uni<Void> undeploy = Uni.createFrom().voidItem();
    List<String> ids = new ArrayList<>(deployments);
    java.util.Collections.reverse(ids);
    for (String id : ids) {
      undeploy =
          undeploy.chain(() -> vertx.undeploy(id).onFailure().recoverWithNull().replaceWithVoid());
    }
    deployments.clear();
    return undeploy
        .chain(() -> notifier.close().onFailure().recoverWithNull())
        .chain(() -> pool.close().onFailure().recoverWithNull())
        .chain(() -> ownsVertx ? vertx.close() : Uni.createFrom().voidItem());
  }
}

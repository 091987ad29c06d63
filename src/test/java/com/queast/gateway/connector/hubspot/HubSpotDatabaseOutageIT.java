package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.queast.gateway.db.DatabaseHealth;
import com.queast.gateway.sandbox.hubspot.HubSpotSandboxOptions;
import com.queast.gateway.sandbox.hubspot.ObjectType;
import com.queast.gateway.sandbox.hubspot.Portal;
import com.queast.gateway.support.ControlledPostgres;
import com.queast.gateway.support.Http;
import com.queast.gateway.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The database goes away under load: a fast shutdown and restart of a PostgreSQL cluster the test
 * owns, and its backends killed again and again. No request may answer 500, every 503 carries
 * {@code Retry-After} and {@code database_unavailable}, readiness follows the database, the log
 * says the outage once (no storm, no unhandled exception) and every acknowledged record reaches
 * HubSpot exactly once.
 */
class HubSpotDatabaseOutageIT {

  private ControlledPostgres pg;
  private TestDatabase db;
  private HubSpotHarness h;
  private ListAppender<ILoggingEvent> log;

  @BeforeEach
  void start() {
    pg = ControlledPostgres.start();
    db = pg.database("outage");
    log = new ListAppender<>();
    log.start();
    root().addAppender(log);
    h = new HubSpotHarness(db, HubSpotSandboxOptions.builder(), Map.of());
  }

  @AfterEach
  void stop() {
    root().detachAppender(log);
    if (h != null) {
      h.close();
    }
    pg.close();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /** Sends batches of 10 companies until stopped, remembering what each answer acknowledged. */
  private final class Load implements Runnable {
    final AtomicBoolean running = new AtomicBoolean(true);
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final List<String> wrong = new CopyOnWriteArrayList<>();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger sent = new AtomicInteger();

    @Override
    public void run() {
      int n = 0;
      while (running.get()) {
        JsonArray items = new JsonArray();
        for (int i = 0; i < 10; i++) {
          items.add(HubSpotHarness.company("k" + n++));
        }
        Http.Res r;
        try {
          r = h.http().post("/v1/tenants/t1/companies:batch", new JsonObject().put("items", items));
        } catch (RuntimeException e) {
          wrong.add("no answer: " + e);
          continue;
        }
        sent.incrementAndGet();
        if (r.status() == 202) {
          items.forEach(o -> acknowledged.add(((JsonObject) o).getString("id")));
        } else if (r.status() == 503
            && "database_unavailable".equals(r.json().getString("code"))
            && r.header("Retry-After") != null) {
          unavailable.incrementAndGet();
        } else {
          wrong.add(r.status() + " " + r.body());
        }
      }
    }
  }

  private String ready() {
    return h.gw.anonymous().get("/health/ready").json().getString("status");
  }

  private void assertDeliveredExactlyOnce(Portal portal, Set<String> acknowledged) {
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                h.sandbox.count(portal.id(), ObjectType.COMPANIES) >= acknowledged.size()
                    && db.count(
                            "SELECT count(*) FROM jobs WHERE state NOT IN ('completed','cancelled')")
                        == 0);
    for (String id : acknowledged) {
      assertThat(h.sandbox.findByProperty(portal.id(), ObjectType.COMPANIES, "queast_id", id))
          .as(id)
          .hasSize(1);
    }
  }

  private List<ILoggingEvent> storm() {
    return log.list.stream()
        .filter(
            e ->
                e.getFormattedMessage().contains("Unhandled exception")
                    || (e.getThrowableProxy() != null
                        && String.valueOf(e.getThrowableProxy().getMessage())
                            .contains("Result is already complete")))
        .toList();
  }

  private long healthLines(Level level) {
    return log.list.stream()
        .filter(e -> e.getLoggerName().equals(DatabaseHealth.class.getName()))
        .filter(e -> e.getLevel() == level)
        .count();
  }

  @Test
  void aRestartUnderLoadAnswers503sNever500sAndLosesOrDuplicatesNothing() throws Exception {
    Portal portal = h.sandbox.createPortal();
    h.installByOAuth("t1", portal);
    Load load = new Load();
    Thread client = new Thread(load, "outage-load");
    client.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> load.acknowledged.size() >= 200);

    pg.stopServer();
    await().atMost(Duration.ofSeconds(15)).until(() -> "DOWN".equals(ready()));
    await().atMost(Duration.ofSeconds(15)).until(() -> load.unavailable.get() >= 5);
    assertThat(h.gw.anonymous().get("/metrics").body()).contains("gateway_database_up 0.0");
    pg.startServer();
    await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(ready()));
    int before = load.acknowledged.size();
    await().atMost(Duration.ofSeconds(30)).until(() -> load.acknowledged.size() >= before + 200);
    load.running.set(false);
    client.join(30_000);

    assertThat(load.wrong).as("answers other than 202 or a 503 database_unavailable").isEmpty();
    assertDeliveredExactlyOnce(portal, load.acknowledged);
    assertThat(storm()).as("unhandled exceptions in the log").isEmpty();
    assertThat(healthLines(Level.WARN)).as("one WARN when the database went away").isEqualTo(1);
    assertThat(healthLines(Level.INFO)).as("one INFO when it came back").isEqualTo(1);
    String metrics = h.gw.anonymous().get("/metrics").body();
    assertThat(metrics)
        .contains("gateway_database_up 1.0")
        .contains("gateway_database_outages_total 1.0");
  }

  @Test
  void backendsKilledAgainAndAgainNeverAnswer500AndLoseOrDuplicateNothing() throws Exception {
    Portal portal = h.sandbox.createPortal();
    h.installByOAuth("t1", portal);
    Load load = new Load();
    Thread client = new Thread(load, "kill-load");
    client.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> load.acknowledged.size() >= 100);
    int kills = 0;
    long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
    while (System.nanoTime() < until) {
      kills +=
          (int)
              db.count(
                  "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                      + " WHERE datname = 'outage' AND pid <> pg_backend_pid()) k");
      int seen = load.sent.get();
      await().atMost(Duration.ofSeconds(10)).until(() -> load.sent.get() >= seen + 3);
    }
    int before = load.acknowledged.size();
    await().atMost(Duration.ofSeconds(30)).until(() -> load.acknowledged.size() >= before + 100);
    load.running.set(false);
    client.join(30_000);

    assertThat(kills).as("backends killed").isGreaterThan(10);
    assertThat(load.wrong).as("answers other than 202 or a 503 database_unavailable").isEmpty();
    assertDeliveredExactlyOnce(portal, load.acknowledged);
    assertThat(storm()).as("unhandled exceptions in the log").isEmpty();
    assertThat("UP".equals(ready())).isTrue();
  }
}

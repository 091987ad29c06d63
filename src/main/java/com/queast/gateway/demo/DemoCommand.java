package com.queast.gateway.demo;

import ch.qos.logback.classic.Level;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the gateway with everything it needs in one process (embedded PostgreSQL unless
 * {@code GATEWAY_PG_URL} is set, the HubSpot, Pipedrive and Queast sandboxes), and the story of a
 * tenant connecting two CRMs and receiving a portfolio. Keeps running for the console until Ctrl-C,
 * or with {@code --exit-when-done} exits 0 with a JSON summary as its last line.
 */
@Command(
    name = "demo",
    description =
        "Run the gateway on an embedded PostgreSQL with the sandboxes, and play a tenant's first"
            + " day (no database or account needed).")
public final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--exit-when-done",
      description = "exit 0 after the scenario, printing a JSON summary last")
  boolean exitWhenDone;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "gateway port, 0 = any free one (default ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--companies",
      defaultValue = "1000",
      description = "companies (default ${DEFAULT-VALUE})")
  int companies;

  @Option(
      names = "--people-per-company",
      defaultValue = "2",
      description = "default ${DEFAULT-VALUE}")
  int peoplePerCompany;

  @Option(
      names = "--signals-per-company",
      defaultValue = "1",
      description = "default ${DEFAULT-VALUE}")
  int signalsPerCompany;

  @Option(
      names = "--linked",
      defaultValue = "30",
      description =
          "companies already in the CRMs with the same website (default ${DEFAULT-VALUE})")
  int linked;

  @Option(
      names = "--reviewed",
      defaultValue = "10",
      description = "companies already in the CRMs by name only (default ${DEFAULT-VALUE})")
  int reviewed;

  @Option(
      names = "--timeout",
      defaultValue = "270",
      description = "seconds the backfills may take (default ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Option(names = "--verbose", description = "show the gateway's INFO logs")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(verbose ? Level.INFO : Level.ERROR);
    DemoScenario demo =
        new DemoScenario(
            new DemoOptions(
                port,
                companies,
                peoplePerCompany,
                signalsPerCompany,
                linked,
                reviewed,
                timeoutSeconds,
                System.console() != null),
            out);
    CountDownLatch stopped = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean stopping =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread hook =
        new Thread(
            () -> {
              stopping.set(true);
              demo.close();
              stopped.countDown();
            },
            "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    JsonObject summary;
    try {
      demo.start(System.getenv());
      summary = demo.run();
    } catch (RuntimeException e) {
      if (stopping.get()) {
        // Ctrl-C during the story: the hook is closing everything
        stopped.await();
        return 130;
      }
      out.println("demo failed: " + e);
      demo.close();
      Runtime.getRuntime().removeShutdownHook(hook);
      return 1;
    }
    if (exitWhenDone) {
      demo.close();
      Runtime.getRuntime().removeShutdownHook(hook);
      out.println(summary.encode());
      out.flush();
      // app.Main keeps the JVM up after a long-running subcommand; this one is done.
      System.exit(0);
      return 0;
    }
    out.println();
    out.println(summary.encode());
    out.println();
    out.println(
        "Still running. Console: "
            + demo.baseUrl()
            + "/console/  token "
            + demo.token()
            + "  tenant "
            + DemoScenario.TENANT);
    out.println("Ctrl-C stops the gateway, the sandboxes and the database, and removes its files.");
    out.flush();
    stopped.await();
    return 0;
  }
}

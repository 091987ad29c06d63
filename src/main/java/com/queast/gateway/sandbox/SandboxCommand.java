package com.queast.gateway.sandbox;

import com.queast.gateway.sandbox.hubspot.HubSpotSandbox;
import com.queast.gateway.sandbox.hubspot.HubSpotSandboxOptions;
import com.queast.gateway.sandbox.pipedrive.PipedriveSandbox;
import com.queast.gateway.sandbox.pipedrive.PipedriveSandboxOptions;
import com.queast.gateway.sandbox.queast.QueastSandbox;
import com.queast.gateway.sandbox.queast.QueastSandboxOptions;
import io.vertx.mutiny.core.Vertx;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sandbox}: the local HubSpot, Pipedrive and Queast stand-ins, until the process is stopped.
 * Prints where each listens and how to make an account.
 */
@Command(name = "sandbox", description = "Run the local HubSpot, Pipedrive and Queast sandboxes.")
public final class SandboxCommand implements Callable<Integer> {

  @Option(
      names = "--hubspot-port",
      defaultValue = "8091",
      description = "HubSpot sandbox port (default ${DEFAULT-VALUE})")
  int hubspotPort;

  @Option(
      names = "--pipedrive-port",
      defaultValue = "8092",
      description = "Pipedrive sandbox port (default ${DEFAULT-VALUE})")
  int pipedrivePort;

  @Option(
      names = "--queast-port",
      defaultValue = "8093",
      description = "Queast stand-in port (default ${DEFAULT-VALUE})")
  int queastPort;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "bind address (default ${DEFAULT-VALUE})")
  String host;

  @Override
  public Integer call() {
    Vertx vertx = Vertx.vertx();
    HubSpotSandbox hubspot =
        HubSpotSandbox.start(
                vertx,
                HubSpotSandboxOptions.fromFlags(
                    Map.of("port", String.valueOf(hubspotPort), "host", host)))
            .await()
            .indefinitely();
    PipedriveSandbox pipedrive =
        PipedriveSandbox.start(
                vertx,
                PipedriveSandboxOptions.defaults().toBuilder()
                    .port(pipedrivePort)
                    .host(host)
                    .build())
            .await()
            .indefinitely();
    QueastSandbox queast =
        QueastSandbox.start(
                vertx, QueastSandboxOptions.defaults().withPort(queastPort).withHost(host))
            .await()
            .indefinitely();
    System.out.println(
        "HubSpot sandbox   " + hubspot.baseUrl() + "   (POST /_sandbox/portals to make a portal)");
    System.out.println(
        "Pipedrive sandbox "
            + pipedrive.baseUrl()
            + "   (POST /_sandbox/companies to make a company)");
    System.out.println(
        "Queast stand-in   " + queast.baseUrl() + "   (bookmarks API; token queast-sandbox-token)");
    System.out.flush();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> vertx.closeAndAwait(), "sandbox-shutdown"));
    return 0;
  }
}

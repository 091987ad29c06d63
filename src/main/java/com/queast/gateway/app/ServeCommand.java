package com.queast.gateway.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: migrate the database and run the gateway until the process is stopped. */
@Command(name = "serve", description = "Run the gateway (HTTP API, delivery, webhooks).")
public final class ServeCommand implements Callable<Integer> {

  @Option(
      names = {"-c", "--config"},
      description = "YAML file with overrides of conf/gateway.yaml (env GATEWAY_* still wins)")
  Path config;

  @Override
  public Integer call() {
    GatewayConfig cfg = ConfigLoader.load(config, System.getenv());
    Gateway gateway = Gateway.start(cfg).await().indefinitely();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> gateway.close().await().indefinitely(), "shutdown"));
    return 0;
  }
}

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
    Gateway gateway;
    try {
      GatewayConfig cfg = ConfigLoader.load(config, System.getenv());
      gateway = Gateway.start(cfg).await().indefinitely();
    } catch (RuntimeException e) {
      // A start that cannot work (no vault key, no database, a port taken) says why in one line;
      // the
      // stack trace helps nobody who is setting the gateway up.
      System.err.println("serve: cannot start: " + reason(e));
      return 2;
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> gateway.close().await().indefinitely(), "shutdown"));
    return 0;
  }

  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof java.net.ConnectException
          || String.valueOf(root.getMessage()).contains("Connection refused")) {
        break;
      }
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    if (root instanceof java.net.ConnectException || message.contains("Connection refused")) {
      return "PostgreSQL is not reachable ("
          + message
          + "): start it or set GATEWAY_PG_URL; `java -jar queast-gateway.jar demo` runs on an"
          + " embedded database";
    }
    return message;
  }
}

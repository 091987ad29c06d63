package com.queast.gateway.app;

import com.queast.gateway.demo.DemoCommand;
import com.queast.gateway.matching.MatchEvalCommand;
import com.queast.gateway.sandbox.SandboxCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code queast-gateway.jar}: one subcommand per job the jar can do. */
@Command(
    name = "queast-gateway",
    mixinStandardHelpOptions = true,
    description = "Queast CRM Gateway",
    subcommands = {
      ServeCommand.class,
      SandboxCommand.class,
      MatchEvalCommand.class,
      DemoCommand.class,
    })
public final class Main implements Runnable {

  /**
   * Runs the CLI and exits with its code (long-running subcommands keep the JVM alive until
   * stopped).
   *
   * @param args command line
   */
  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new Main());
    int code = cli.execute(args);
    if (code != 0 || !isLongRunning(args)) {
      System.exit(code);
    }
  }

  private static boolean isLongRunning(String[] args) {
    return args.length > 0
        && (args[0].equals("serve") || args[0].equals("sandbox") || args[0].equals("demo"));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}

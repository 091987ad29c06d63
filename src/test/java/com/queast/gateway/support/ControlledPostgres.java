package com.queast.gateway.support;

import com.queast.gateway.db.Migrations;
import com.queast.gateway.db.PgUrl;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of the test's own, made with the machine's {@code initdb} in a temporary
 * directory on a free port, so a test can stop it (fast shutdown), start it again and kill its
 * backends without touching the server other tests use. Run as root (as CI is), the server runs as
 * the {@code postgres} user, which PostgreSQL requires. Without PostgreSQL's binaries it fails and
 * says so: it never skips.
 */
public final class ControlledPostgres implements AutoCloseable {

  private final Path bin;
  private final Path dir;
  private final int port;

  private ControlledPostgres(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  /**
   * Creates and starts a cluster with trust authentication for {@code postgres}.
   *
   * @return the running cluster
   */
  public static ControlledPostgres start() {
    Path bin = findBin();
    try {
      Path dir = Files.createTempDirectory("gw-pg-");
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      ControlledPostgres pg = new ControlledPostgres(bin, dir, port);
      pg.asServerUser(dir);
      pg.run(
          bin.resolve("initdb").toString(),
          "-D",
          dir.resolve("data").toString(),
          "-U",
          "postgres",
          "--auth=trust",
          "--no-sync",
          "-E",
          "UTF8");
      pg.startServer();
      return pg;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a PostgreSQL cluster for the test", e);
    }
  }

  /**
   * A migrated database on this cluster.
   *
   * @param name database name
   * @return the test database
   */
  public TestDatabase database(String name) {
    PgUrl url = new PgUrl("127.0.0.1", port, name, "postgres", "");
    Migrations.ensureDatabase(url);
    Migrations.migrate(url, false);
    return new TestDatabase(url);
  }

  /** Stops the server with a fast shutdown (clients are disconnected, no new ones accepted). */
  public void stopServer() {
    run(
        bin.resolve("pg_ctl").toString(),
        "-D",
        dir.resolve("data").toString(),
        "-m",
        "fast",
        "-w",
        "stop");
  }

  /** Starts the server and waits until it accepts connections. */
  public void startServer() {
    run(
        bin.resolve("pg_ctl").toString(),
        "-D",
        dir.resolve("data").toString(),
        "-l",
        dir.resolve("server.log").toString(),
        "-o",
        "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off",
        "-w",
        "start");
  }

  /**
   * The port the server listens on.
   *
   * @return port
   */
  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      stopServer();
    } catch (RuntimeException alreadyStopped) {
      // stopped by the test
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // a temporary directory left behind is untidy, not wrong
    }
  }

  private void asServerUser(Path d) {
    if (isRoot()) {
      exec(List.of("chown", "postgres:postgres", d.toString()));
    }
  }

  private void run(String... command) {
    List<String> cmd = new ArrayList<>();
    if (isRoot()) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(Arrays.asList(command));
    exec(cmd);
  }

  private static void exec(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", cmd) + " could not run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static Path findBin() {
    String given = System.getenv("GATEWAY_TEST_PG_BIN");
    if (given != null && Files.isExecutable(Path.of(given, "initdb"))) {
      return Path.of(given);
    }
    File[] versions = new File("/usr/lib/postgresql").listFiles();
    if (versions != null) {
      Arrays.sort(versions, Comparator.comparing(File::getName).reversed());
      for (File v : versions) {
        Path b = v.toPath().resolve("bin");
        if (Files.isExecutable(b.resolve("initdb"))) {
          return b;
        }
      }
    }
    throw new IllegalStateException(
        "PostgreSQL's server binaries (initdb, pg_ctl) are needed for the outage tests:"
            + " install the postgresql package or set GATEWAY_TEST_PG_BIN");
  }
}

package com.queast.gateway.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real PostgreSQL (zonky's binaries, shipped as a Maven artifact) in a fresh temporary directory:
 * binaries and data both live under it and the whole directory is deleted on {@link #close()}. It
 * listens on a free port of 127.0.0.1 only, so the machine's own cluster is never touched.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private final Path dir;
  private final EmbeddedPostgres pg;

  private EmbeddedDatabase(Path dir, EmbeddedPostgres pg) {
    this.dir = dir;
    this.pg = pg;
  }

  /**
   * Starts a cluster (blocking; a few seconds for the first extraction and initdb).
   *
   * @return the running cluster
   * @throws IOException when the binaries cannot be extracted or the server does not start
   */
  public static EmbeddedDatabase start() throws IOException {
    Path dir = Files.createTempDirectory("queast-demo-pg-");
    try {
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setOverrideWorkingDirectory(dir.resolve("bin").toFile())
              .setDataDirectory(dir.resolve("data"))
              .setCleanDataDirectory(true)
              .setRegisterShutdownHook(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              // The archive is found once even when it is on the class path twice (the fat jar
              // and the binaries artifact, as in failsafe), which zonky's resolver refuses.
              .setPgBinaryResolver(
                  (system, machine) ->
                      EmbeddedDatabase.class.getResourceAsStream(
                          "/postgres-"
                              + system.toLowerCase(java.util.Locale.ROOT)
                              + "-"
                              + machine
                              + ".txz"))
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "100")
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .start();
      return new EmbeddedDatabase(dir, pg);
    } catch (IOException | RuntimeException e) {
      delete(dir);
      throw e;
    }
  }

  /**
   * The gateway's {@code pg.url} for a database of this cluster (created by the gateway at start).
   *
   * @param database database name
   * @return a {@code postgresql://} URL
   */
  public String url(String database) {
    return "postgresql://postgres@127.0.0.1:" + pg.getPort() + "/" + database;
  }

  /**
   * The directory everything lives in (removed on close).
   *
   * @return directory
   */
  public Path directory() {
    return dir;
  }

  /** Stops the server and deletes the directory. Never throws. */
  @Override
  public void close() {
    try {
      pg.close();
    } catch (IOException | RuntimeException e) {
      // the directory goes anyway
    }
    delete(dir);
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // best effort: a file still open is removed by the OS's temp cleaning
    }
  }
}

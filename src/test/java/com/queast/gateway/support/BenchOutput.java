package com.queast.gateway.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where benchmarks leave their figures: {@code bench.out} (the bench profile sets target/bench).
 */
public final class BenchOutput {

  private BenchOutput() {}

  /**
   * Writes a benchmark's figures as pretty JSON and echoes them on stdout.
   *
   * @param name file name without extension
   * @param figures the figures
   */
  public static void write(String name, JsonObject figures) {
    Path dir = Path.of(System.getProperty("bench.out", "target/bench"));
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve(name + ".json"), figures.encodePrettily(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println(figures.encodePrettily());
  }
}

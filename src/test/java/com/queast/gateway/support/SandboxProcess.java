package com.queast.gateway.support;

import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The vendor sandboxes in a process of their own ({@code Main sandbox}, the jar's command, on the
 * test class path), for benchmarks whose figures a shared heap would distort: HubSpot and Pipedrive
 * never run in the gateway's JVM, so their collections should not pause it either.
 */
public final class SandboxProcess implements AutoCloseable {

  private final Process process;
  private final int hubspotPort;
  private final Path log;

  private SandboxProcess(Process process, int hubspotPort, Path log) {
    this.process = process;
    this.hubspotPort = hubspotPort;
    this.log = log;
  }

  /**
   * Starts the sandboxes on free ports and waits until the HubSpot one answers.
   *
   * @param jvmOptions options for the sandbox JVM (heap, a flight recording...)
   * @return the running process
   */
  public static SandboxProcess start(List<String> jvmOptions) {
    int hubspot = freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("com.queast.gateway.app.Main");
    cmd.add("sandbox");
    cmd.add("--hubspot-port");
    cmd.add(Integer.toString(hubspot));
    cmd.add("--pipedrive-port");
    cmd.add(Integer.toString(freePort()));
    cmd.add("--queast-port");
    cmd.add(Integer.toString(freePort()));
    Path log;
    Process p;
    try {
      log = Files.createTempFile("sandbox-process", ".log");
      p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SandboxProcess s = new SandboxProcess(p, hubspot, log);
    Http http = new Http(s.hubspotUrl(), null);
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptionsMatching(e -> e.getCause() instanceof IOException) // not listening yet
          .until(
              () -> {
                if (!p.isAlive()) {
                  throw new IllegalStateException("sandbox exited: " + s.log());
                }
                return http.get("/_sandbox/stats").status() == 200;
              });
      return s;
    } catch (RuntimeException e) {
      String output = s.log();
      s.close();
      throw new IllegalStateException("sandbox did not start: " + output, e);
    }
  }

  private String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /**
   * The HubSpot sandbox's base URL.
   *
   * @return base URL
   */
  public String hubspotUrl() {
    return "http://127.0.0.1:" + hubspotPort;
  }

  /**
   * Creates a HubSpot portal through the sandbox's admin API.
   *
   * @return its id
   */
  public long createHubSpotPortal() {
    Http.Res r = new Http(hubspotUrl(), null).post("/_sandbox/portals", new JsonObject());
    if (r.status() != 201) {
      throw new IllegalStateException("portal not created: " + r.status() + " " + r.body());
    }
    return r.json().getLong("portalId");
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // a temporary file; the OS cleans it up
    }
  }
}

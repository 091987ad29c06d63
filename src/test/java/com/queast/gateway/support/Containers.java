package com.queast.gateway.support;

import com.queast.gateway.db.PgUrl;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The Testcontainers fallback: one PostgreSQL container per JVM, started only when no server was
 * found.
 */
final class Containers {

  private static PostgreSQLContainer<?> container;

  private Containers() {}

  /** Starts the container if Docker runs; returns why not otherwise. */
  static synchronized String tryStart() {
    if (container != null) {
      return null;
    }
    try {
      if (!DockerClientFactory.instance().isDockerAvailable()) {
        return "no Docker engine is running";
      }
      PostgreSQLContainer<?> c = new PostgreSQLContainer<>("postgres:15-alpine");
      c.start();
      container = c;
      return null;
    } catch (RuntimeException | LinkageError e) {
      return "Docker unavailable (" + e.getMessage() + ")";
    }
  }

  /** The container's admin URL, or null. */
  static synchronized PgUrl url() {
    if (container == null) {
      return null;
    }
    return new PgUrl(
        container.getHost(),
        container.getMappedPort(5432),
        "postgres",
        container.getUsername(),
        container.getPassword());
  }
}

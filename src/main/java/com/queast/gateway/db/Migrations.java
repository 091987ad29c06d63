package com.queast.gateway.db;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema migrations with Flyway over JDBC. Blocking: call it before Vert.x starts or from {@code
 * executeBlocking}.
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  private static final String MIGRATED = "schema migrated";

  private Migrations() {}

  /**
   * Creates the database when asked and it does not exist, then applies every pending migration.
   *
   * @param url the target database
   * @param createDatabase whether to create a missing database (through the server's {@code
   *     postgres} database)
   * @return the number of migrations applied
   * @throws IllegalStateException when the server cannot be reached or a migration fails
   */
  public static int migrate(PgUrl url, boolean createDatabase) {
    if (createDatabase) {
      ensureDatabase(url);
    }
    Flyway flyway =
        Flyway.configure()
            .dataSource(url.jdbcUrl(), url.user(), url.password())
            .locations("classpath:db/migration")
            .loggers("slf4j")
            .load();
    MigrateResult result = flyway.migrate();
    LOG.info(MIGRATED, kv("applied", result.migrationsExecuted), kv("db", url.toString()));
    return result.migrationsExecuted;
  }

  /**
   * Creates the URL's database if the server does not have it yet.
   *
   * @param url the database that must exist
   * @throws IllegalStateException when the server cannot be reached
   */
  public static void ensureDatabase(PgUrl url) {
    PgUrl admin = url.withDatabase("postgres");
    try (Connection c =
            DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT 1 FROM pg_database WHERE datname = '"
                  + url.database().replace("'", "''")
                  + "'")) {
        if (rs.next()) {
          return;
        }
      }
      s.execute("CREATE DATABASE \"" + url.database().replace("\"", "\"\"") + "\"");
    } catch (SQLException e) {
      if ("42P04".equals(e.getSQLState())) {
        return; // created concurrently by another instance
      }
      throw new IllegalStateException(
          "cannot reach PostgreSQL at "
              + admin
              + " to create database "
              + url.database()
              + ": "
              + e.getMessage(),
          e);
    }
  }
}

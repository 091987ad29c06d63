package com.queast.gateway.support;

import com.queast.gateway.app.ConfigLoader;
import com.queast.gateway.app.GatewayConfig;
import com.queast.gateway.db.Db;
import com.queast.gateway.db.PgUrl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** A test class's own migrated database. */
public final class TestDatabase {

  /** Admin token every test gateway accepts. */
  public static final String TOKEN = "test-admin-token";

  /**
   * The URL of the application role (created by migration V41), for tests that run the gateway as
   * it: {@code Map.of("GATEWAY_PG_APP_URL", db.appUrl())}.
   *
   * @return a {@code postgresql://} URL
   */
  public String appUrl() {
    return new PgUrl(url.host(), url.port(), url.database(), APP_ROLE, "").url();
  }

  /** The role the gateway works as in tests that opt in (created by migration V41). */
  public static final String APP_ROLE = "queast_gateway_app";

  /** The tests' credential key (base64 of 32 bytes; a real deployment generates its own). */
  public static final String VAULT_KEY = "dGVzdC12YXVsdC1rZXktMzItYnl0ZXMtbG9uZy4uLi4=";

  private final PgUrl url;

  TestDatabase(PgUrl url) {
    this.url = url;
  }

  /**
   * The database URL.
   *
   * @return url
   */
  public PgUrl url() {
    return url;
  }

  /**
   * A pool on it.
   *
   * @param vertx vertx
   * @return a new pool (close it)
   */
  public Pool pool(Vertx vertx) {
    return Db.pool(vertx, url, 4);
  }

  /**
   * Gateway configuration for this database: random HTTP port, the test token, fast polling and
   * rescue.
   *
   * @param overrides further {@code GATEWAY_*} values
   * @return configuration
   */
  public GatewayConfig config(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_PG_URL", url.url());
    env.put("GATEWAY_PG_CREATE_DATABASE", "false");
    env.put("GATEWAY_HTTP_PORT", "0");
    env.put("GATEWAY_HTTP_HOST", "127.0.0.1");
    env.put("GATEWAY_ADMIN_TOKEN", TOKEN);
    env.put("GATEWAY_VAULT_KEY", VAULT_KEY);
    // Every test gateway works as the application role (no SUPERUSER, no BYPASSRLS), so row-level
    // security is enforced in every integration test, as in production.
    env.put("GATEWAY_PG_APP_URL", appUrl());
    env.put("GATEWAY_QUEUE_POLL_INTERVAL_MS", "200");
    env.put("GATEWAY_QUEUE_RESCUE_INTERVAL_MS", "200");
    env.put("GATEWAY_QUEUE_BACKOFF_BASE_MS", "50");
    env.put("GATEWAY_QUEUE_BACKOFF_MAX_MS", "200");
    env.putAll(overrides);
    return ConfigLoader.load(null, env);
  }

  /**
   * Runs SQL over JDBC (test set-up and assertions only).
   *
   * @param sql statements
   */
  public void exec(String sql) {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A single long from a query.
   *
   * @param sql a query returning one number
   * @return the number
   */
  public long count(String sql) {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A single string from a query.
   *
   * @param sql a query returning at most one row of one column
   * @return its value, or null when there is no row or the value is null
   */
  public String string(String sql) {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

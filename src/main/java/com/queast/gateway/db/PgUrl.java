package com.queast.gateway.db;

import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A parsed {@code postgresql://user[:password]@host[:port]/database} URL, convertible to Vert.x
 * connect options and to a JDBC URL for Flyway.
 *
 * @param host server host
 * @param port server port
 * @param database database name
 * @param user user name
 * @param password password, empty for trust auth
 */
public record PgUrl(String host, int port, String database, String user, String password) {

  /**
   * Parses a {@code postgresql://} or {@code postgres://} URL.
   *
   * @param url the URL
   * @return the parsed URL
   * @throws IllegalArgumentException when the URL is not of that form
   */
  public static PgUrl parse(String url) {
    if (url == null || !(url.startsWith("postgresql://") || url.startsWith("postgres://"))) {
      throw new IllegalArgumentException(
          "pg.url must look like postgresql://user@host:5432/database, got: " + redact(url));
    }
    URI uri = URI.create(url.replaceFirst("^postgres(ql)?://", "http://"));
    String db = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (db.isEmpty() || uri.getHost() == null) {
      throw new IllegalArgumentException("pg.url needs a host and a database: " + redact(url));
    }
    String user = "postgres";
    String password = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : "";
    }
    return new PgUrl(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), db, user, password);
  }

  /**
   * The same server with another database.
   *
   * @param otherDatabase database name
   * @return a new URL
   */
  public PgUrl withDatabase(String otherDatabase) {
    return new PgUrl(host, port, otherDatabase, user, password);
  }

  /**
   * Vert.x connect options for this URL.
   *
   * @return new options with prepared-statement caching on
   */
  public PgConnectOptions connectOptions() {
    return new PgConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setPassword(password)
        .setCachePreparedStatements(true)
        .setPipeliningLimit(64);
  }

  /**
   * JDBC URL for Flyway and other blocking tools.
   *
   * @return {@code jdbc:postgresql://host:port/database}
   */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /**
   * Back to {@code postgresql://} form.
   *
   * @return the URL, password included
   */
  public String url() {
    String auth = password.isEmpty() ? user : user + ":" + password;
    return "postgresql://" + auth + "@" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String redact(String url) {
    return url == null ? "null" : url.replaceAll(":[^:@/]*@", ":***@");
  }
}

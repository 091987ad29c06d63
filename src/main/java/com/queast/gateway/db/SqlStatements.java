package com.queast.gateway.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named SQL statements loaded from a classpath {@code .sql} file. Each statement starts with a line
 * {@code -- name: some-name}; SQL is never assembled ad hoc in Java. {@link Db#verify} prepares
 * every statement at start so a typo fails the boot, not the first request that needs it.
 */
public final class SqlStatements {

  private static final Pattern NAME = Pattern.compile("^--\\s*name:\\s*([a-z0-9-]+)\\s*$");

  private final String resource;
  private final Map<String, String> byName;

  private SqlStatements(String resource, Map<String, String> byName) {
    this.resource = resource;
    this.byName = Collections.unmodifiableMap(byName);
  }

  /**
   * Loads a file such as {@code /sql/jobs.sql}.
   *
   * @param resource classpath resource path
   * @return the statements by name
   * @throws IllegalStateException when the resource is missing, empty or names a statement twice
   */
  public static SqlStatements load(String resource) {
    try (InputStream in = SqlStatements.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing SQL resource " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> out = new LinkedHashMap<>();
      String current = null;
      StringBuilder sql = new StringBuilder();
      for (String line : text.split("\n", -1)) {
        Matcher m = NAME.matcher(line.trim());
        if (m.matches()) {
          put(resource, out, current, sql);
          current = m.group(1);
          sql.setLength(0);
        } else if (current != null && !line.trim().startsWith("--")) {
          sql.append(line).append('\n');
        }
      }
      put(resource, out, current, sql);
      if (out.isEmpty()) {
        throw new IllegalStateException("no named statements in " + resource);
      }
      return new SqlStatements(resource, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void put(
      String resource, Map<String, String> out, String name, StringBuilder sql) {
    if (name == null) {
      return;
    }
    String s = sql.toString().trim();
    if (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1);
    }
    if (out.put(name, s) != null) {
      throw new IllegalStateException("statement " + name + " appears twice in " + resource);
    }
  }

  /**
   * The SQL of a statement.
   *
   * @param name statement name
   * @return its SQL
   * @throws IllegalArgumentException for an unknown name
   */
  public String get(String name) {
    String s = byName.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no statement " + name + " in " + resource);
    }
    return s;
  }

  /**
   * All statements, for verification at start.
   *
   * @return name to SQL
   */
  public Map<String, String> all() {
    return byName;
  }

  /**
   * Where the statements came from.
   *
   * @return the resource path
   */
  public String resource() {
    return resource;
  }
}

package com.queast.gateway.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The anchors benchmarks compare themselves with in the same run, on the same Postgres (issue 11):
 * a client's own bulk upsert of the same rows, and graphile-worker processing no-op jobs.
 */
public final class Anchors {

  private Anchors() {}

  /**
   * A client's 1,000-row {@code INSERT ... ON CONFLICT DO UPDATE} of the given pages, {@code
   * clients} connections at once (JDBC, one statement per page, autocommit), into a table of its
   * own ({@code anchor_companies}: tenant, id, the JSON document).
   *
   * @param db the database
   * @param pages per tenant, its pages of items (each item has an {@code id})
   * @return seconds from the first statement to the last commit
   */
  public static double rawUpsert(TestDatabase db, List<List<JsonArray>> pages) throws Exception {
    db.exec(
        "CREATE TABLE IF NOT EXISTS anchor_companies (tenant_id text NOT NULL, id text NOT NULL,"
            + " doc jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(),"
            + " PRIMARY KEY (tenant_id, id))");
    String sql =
        "INSERT INTO anchor_companies (tenant_id, id, doc) SELECT ?, e->>'id', e"
            + " FROM jsonb_array_elements(?::jsonb) e ON CONFLICT (tenant_id, id) DO UPDATE SET"
            + " doc = excluded.doc, updated_at = now()";
    return timed(
        db,
        pages,
        (c, tenant, page) -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            ps.setString(2, page.encode());
            ps.executeUpdate();
          }
        });
  }

  /**
   * The issue's own anchor, literally: a client's 1,000-row {@code INSERT ... VALUES (...), (...)
   * ON CONFLICT DO UPDATE} of the same rows into a table with a column per field ({@code
   * anchor_rows}: tenant, id, then the items' other fields as {@code text} or {@code bigint}), with
   * bound parameters, {@code clients} connections at once (JDBC, one statement per page,
   * autocommit). Unlike {@link #rawUpsert} Postgres parses no JSON here.
   *
   * @param db the database
   * @param pages per tenant, its pages of items (each item has an {@code id}; every item the same
   *     fields, strings or integers)
   * @return seconds from the first statement to the last commit
   */
  public static double rawValuesUpsert(TestDatabase db, List<List<JsonArray>> pages)
      throws Exception {
    JsonObject first = pages.get(0).get(0).getJsonObject(0);
    List<String> fields = new ArrayList<>(first.fieldNames());
    fields.remove("id");
    fields.sort(null);
    StringBuilder ddl =
        new StringBuilder(
            "CREATE TABLE IF NOT EXISTS anchor_rows (tenant_id text NOT NULL, id text");
    for (String f : fields) {
      ddl.append(", \"")
          .append(f)
          .append(first.getValue(f) instanceof Number ? "\" bigint" : "\" text");
    }
    db.exec(
        ddl.append(", updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (tenant_id, id))")
            .toString());
    return timed(
        db,
        pages,
        (c, tenant, page) -> {
          int cols = fields.size() + 2;
          StringBuilder sql = new StringBuilder("INSERT INTO anchor_rows (tenant_id, id");
          fields.forEach(f -> sql.append(", \"").append(f).append('"'));
          sql.append(") VALUES ");
          for (int i = 0; i < page.size(); i++) {
            sql.append(i == 0 ? "(" : ", (").append("?, ".repeat(cols - 1)).append("?)");
          }
          sql.append(" ON CONFLICT (tenant_id, id) DO UPDATE SET updated_at = now()");
          fields.forEach(
              f -> sql.append(", \"").append(f).append("\" = excluded.\"").append(f).append('"'));
          try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (int i = 0; i < page.size(); i++) {
              JsonObject item = page.getJsonObject(i);
              ps.setString(p++, tenant);
              ps.setString(p++, item.getString("id"));
              for (String f : fields) {
                Object v = item.getValue(f);
                if (v instanceof Number n) {
                  ps.setLong(p++, n.longValue());
                } else {
                  ps.setString(p++, v == null ? null : String.valueOf(v));
                }
              }
            }
            ps.executeUpdate();
          }
        });
  }

  /** One page's statement on a client's connection. */
  private interface PageWrite {
    void write(Connection c, String tenant, JsonArray page) throws Exception;
  }

  /** Tenant {@code t<i>}'s pages on connection i, all connections at once; seconds taken. */
  private static double timed(TestDatabase db, List<List<JsonArray>> pages, PageWrite write)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(pages.size());
    List<Connection> conns = new ArrayList<>();
    try {
      for (int i = 0; i < pages.size(); i++) {
        conns.add(
            DriverManager.getConnection(db.url().jdbcUrl(), db.url().user(), db.url().password()));
      }
      long t0 = System.nanoTime();
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < pages.size(); t++) {
        Connection c = conns.get(t);
        String tenant = "t" + t;
        List<JsonArray> mine = pages.get(t);
        running.add(
            pool.submit(
                () -> {
                  for (JsonArray page : mine) {
                    write.write(c, tenant, page);
                  }
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get(10, TimeUnit.MINUTES);
      }
      return (System.nanoTime() - t0) / 1e9;
    } finally {
      pool.shutdownNow();
      for (Connection c : conns) {
        c.close();
      }
    }
  }

  /**
   * graphile-worker 0.17.3 ({@code src/test/resources/bench/graphile-worker}) processing {@code
   * jobs} no-op jobs in batched mode on the same Postgres: the jobs are added first (not timed),
   * then {@code run()} is timed until the last completion is committed. Installs the package with
   * npm into {@code target/bench/graphile-worker} on first use.
   *
   * @param db the database (graphile-worker makes its own schema there)
   * @param jobs how many
   * @return the script's figures, or {@code {"unavailable": reason}} when node or npm cannot run
   */
  public static JsonObject graphileWorker(TestDatabase db, int jobs) {
    Path src = Path.of("src/test/resources/bench/graphile-worker");
    Path dir = Path.of(System.getProperty("bench.out", "target/bench"), "graphile-worker");
    try {
      Files.createDirectories(dir);
      for (String f : List.of("package.json", "bench.js")) {
        Files.copy(src.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
      }
      if (!Files.isDirectory(dir.resolve("node_modules/graphile-worker"))) {
        Result npm = exec(dir, List.of("npm", "install", "--no-audit", "--no-fund"), 300);
        if (npm.code != 0) {
          return new JsonObject().put("unavailable", "npm install failed: " + tail(npm.out));
        }
      }
      Result r =
          exec(dir, List.of("node", "bench.js", db.url().url(), Integer.toString(jobs)), 600);
      String last = lastLine(r.out);
      if (r.code != 0 || !last.startsWith("{")) {
        return new JsonObject().put("unavailable", "node bench.js failed: " + tail(r.out));
      }
      return new JsonObject(last);
    } catch (IOException e) {
      return new JsonObject().put("unavailable", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new JsonObject().put("unavailable", "interrupted");
    }
  }

  private record Result(int code, String out) {}

  private static Result exec(Path dir, List<String> cmd, int timeoutSeconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("anchor", ".log");
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, "timed out after " + timeoutSeconds + " s");
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    return new Result(p.exitValue(), out);
  }

  private static String lastLine(String out) {
    String[] lines = out.strip().split("\n");
    return lines.length == 0 ? "" : lines[lines.length - 1].strip();
  }

  private static String tail(String out) {
    return out.length() > 500 ? out.substring(out.length() - 500) : out;
  }
}

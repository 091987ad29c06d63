package com.queast.gateway.support;

import com.queast.gateway.db.PgUrl;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Looks for a piece of personal data anywhere in a test database (issue 16): in {@code pg_dump
 * --data-only} of the whole database when {@code pg_dump} is installed, and in every text-like
 * column of every table of the schema in any case (cast to text, so jsonb and arrays are searched
 * too). Runs as the database owner, so row-level security hides nothing.
 */
public final class PersonalDataScan {

  private PersonalDataScan() {}

  /**
   * Where a value occurs.
   *
   * @param db the test database
   * @param needle the value (case-insensitive)
   * @return one entry per hit ({@code table.column} or {@code dump: <line>}); empty when clean
   */
  public static List<String> find(TestDatabase db, String needle) {
    List<String> hits = new ArrayList<>(columns(db.url(), needle));
    hits.addAll(dump(db.url(), needle));
    return hits;
  }

  /**
   * Whether {@code pg_dump} runs here (then {@link #find} reads the dump too).
   *
   * @return true when it does
   */
  public static boolean dumpAvailable() {
    try {
      Process p = new ProcessBuilder("pg_dump", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static List<String> columns(PgUrl url, String needle) {
    List<String> hits = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
      List<String[]> cols = new ArrayList<>();
      try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT c.table_name, c.column_name FROM information_schema.columns c"
                      + " JOIN information_schema.tables t ON t.table_schema = c.table_schema"
                      + " AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'"
                      + " WHERE c.table_schema = current_schema()"
                      + " AND c.data_type IN ('text', 'character varying', 'character', 'json',"
                      + " 'jsonb', 'ARRAY', 'USER-DEFINED', 'bytea')");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          cols.add(new String[] {r.getString(1), r.getString(2)});
        }
      }
      for (String[] col : cols) {
        String sql =
            "SELECT count(*) FROM \""
                + col[0]
                + "\" WHERE position(lower(?) in lower(\""
                + col[1]
                + "\"::text)) > 0";
        if (col[1].equals("credentials")) {
          continue; // encrypted bytes
        }
        try (PreparedStatement s = c.prepareStatement(sql)) {
          s.setString(1, needle);
          try (ResultSet r = s.executeQuery()) {
            r.next();
            if (r.getLong(1) > 0) {
              hits.add(col[0] + "." + col[1] + " (" + r.getLong(1) + " rows)");
            }
          }
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("column scan failed", e);
    }
    return hits;
  }

  private static List<String> dump(PgUrl url, String needle) {
    List<String> hits = new ArrayList<>();
    ProcessBuilder pb =
        new ProcessBuilder(
            "pg_dump",
            "--data-only",
            "-h",
            url.host(),
            "-p",
            Integer.toString(url.port()),
            "-U",
            url.user(),
            url.database());
    pb.redirectErrorStream(true);
    if (url.password() != null && !url.password().isEmpty()) {
      pb.environment().put("PGPASSWORD", url.password());
    }
    Process p;
    try {
      p = pb.start();
    } catch (java.io.IOException e) {
      return hits; // no pg_dump here: the column scan stands alone
    }
    String lower = needle.toLowerCase(Locale.ROOT);
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.toLowerCase(Locale.ROOT).contains(lower)) {
          hits.add("dump: " + (line.length() > 300 ? line.substring(0, 300) : line));
        }
      }
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("pg_dump failed: exit " + p.exitValue());
      }
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException("pg_dump failed", e);
    }
    return hits;
  }
}

package com.queast.gateway.demo;

import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * One terminal progress bar per connection: records delivered / total, rate, time left. On a
 * terminal the bars are redrawn in place (ANSI cursor-up); otherwise (a pipe, a test) a plain line
 * is printed every few seconds and at the end.
 */
final class ProgressBars {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean ansi;
  private int drawn;
  private long lastPlain;

  ProgressBars(PrintStream out, boolean ansi) {
    this.out = out;
    this.ansi = ansi;
  }

  /**
   * Draws the bars.
   *
   * @param rows one label and backfill-progress JSON per connection
   * @param force print even when not on a terminal and the last print was recent
   */
  void draw(List<java.util.Map.Entry<String, JsonObject>> rows, boolean force) {
    long now = System.currentTimeMillis();
    if (!ansi && !force && now - lastPlain < 5000) {
      return;
    }
    lastPlain = now;
    StringBuilder b = new StringBuilder();
    if (ansi && drawn > 0) {
      b.append("\033[").append(drawn).append('A');
    }
    for (var row : rows) {
      b.append(line(row.getKey(), row.getValue()));
      b.append(ansi ? "\033[K\n" : "\n");
    }
    drawn = rows.size();
    out.print(b);
    out.flush();
  }

  static String line(String label, JsonObject p) {
    if ("indexing".equals(p.getString("state"))) {
      return String.format(
          Locale.ROOT, "%-10s reading the CRM's records into the matching index...", label);
    }
    long total = p.getLong("total", 0L);
    long delivered = p.getLong("delivered", 0L);
    double frac = total == 0 ? 1.0 : (double) delivered / total;
    int full = (int) Math.round(frac * WIDTH);
    Long eta = p.getLong("eta");
    return String.format(
        Locale.ROOT,
        "%-10s [%s%s] %5.1f%%  %,d/%,d  %6.1f rec/s  %s%s",
        label,
        "#".repeat(full),
        ".".repeat(WIDTH - full),
        frac * 100,
        delivered,
        total,
        p.getDouble("rate", 0.0),
        eta == null ? "eta --" : "eta " + eta + " s",
        p.getLong("failed", 0L) > 0 ? "  failed " + p.getLong("failed") : "");
  }
}

package com.queast.gateway.db;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps a database outage from turning into a log storm: a WARN or ERROR line whose failure says
 * the database is away is counted by the {@link DatabaseHealth} (which logs the outage once) and
 * dropped. Every other line passes untouched. Installed once into Logback's context; a no-op where
 * another SLF4J backend is bound.
 */
final class OutageLogFilter extends TurboFilter {

  private static final List<DatabaseHealth> HEALTHS = new CopyOnWriteArrayList<>();
  private static volatile boolean installed;

  static synchronized void install(DatabaseHealth health) {
    HEALTHS.add(health);
    if (!installed && LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      OutageLogFilter f = new OutageLogFilter();
      f.setName("database-outage");
      f.start();
      ctx.addTurboFilter(f);
      installed = true;
    }
  }

  static void uninstall(DatabaseHealth health) {
    HEALTHS.remove(health);
  }

  /**
   * eclipse-vertx/vertx-sql-client#1706: a pool with an acquisition timeout (the webhook receipt
   * pool keeps one, for its 503s) leaves the timer armed when an acquisition fails, and the timer
   * later fails the already failed request: harmless, but one unhandled exception per request
   * during an outage. Counted, not logged.
   */
  static boolean poolTimerAfterFailure(Throwable t) {
    if (!(t instanceof IllegalStateException)
        || !"Result is already complete".equals(t.getMessage())) {
      return false;
    }
    for (StackTraceElement e : t.getStackTrace()) {
      if (e.getClassName().startsWith("io.vertx.sqlclient.impl.pool.SqlConnectionPool")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == null || !level.isGreaterOrEqual(Level.WARN) || HEALTHS.isEmpty()) {
      return FilterReply.NEUTRAL;
    }
    Throwable failure = t;
    if (failure == null && params != null && params.length > 0) {
      Object last = params[params.length - 1];
      failure = last instanceof Throwable th ? th : null;
    }
    if (failure != null && poolTimerAfterFailure(failure)) {
      for (DatabaseHealth h : HEALTHS) {
        h.observeText();
      }
      return FilterReply.DENY;
    }
    if (failure != null && DatabaseFailures.unavailable(failure)) {
      for (DatabaseHealth h : HEALTHS) {
        h.observe(failure);
      }
      return FilterReply.DENY;
    }
    if (params != null) {
      for (Object p : params) {
        // Background loops log kv("error", t.toString()): the failure as text.
        if (p != null
            && !(p instanceof Throwable)
            && DatabaseFailures.unavailableText(p.toString())) {
          for (DatabaseHealth h : HEALTHS) {
            h.observeText();
          }
          return FilterReply.DENY;
        }
      }
    }
    return FilterReply.NEUTRAL;
  }
}

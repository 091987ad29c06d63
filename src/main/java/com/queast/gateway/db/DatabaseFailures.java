package com.queast.gateway.db;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Tells a failure that means "the database is away for now" (unreachable, shutting down, starting
 * up, out of connection slots, a connection lost mid-statement) from every other failure. Such
 * failures are transient and the caller's fault-free retry will succeed later, so the edge answers
 * them with 503 and {@code Retry-After}, and logs treat them as one outage rather than a storm.
 */
public final class DatabaseFailures {

  /**
   * SQLSTATEs of an unavailable server: admin_shutdown, crash_shutdown, cannot_connect_now,
   * too_many_connections, insufficient_resources, and the whole connection-exception class 08.
   */
  private static final Set<String> UNAVAILABLE =
      Set.of("57P01", "57P02", "57P03", "53300", "53000");

  /** {@code host:port} of every database a pool was built for, to tell its refusals apart. */
  private static final Set<String> ADDRESSES = new CopyOnWriteArraySet<>();

  /** Set while a {@link DatabaseHealth} sees the database down. */
  private static volatile boolean down;

  private DatabaseFailures() {}

  /**
   * Remembers a database address, so a refused connection to it counts as the database being away
   * (and a refused connection to a CRM does not).
   *
   * @param host host as configured
   * @param port port
   */
  public static void watch(String host, int port) {
    ADDRESSES.add(host + ":" + port);
  }

  static void down(boolean isDown) {
    down = isDown;
  }

  /**
   * Whether the failure, or any of its causes, says the database is unavailable for now.
   *
   * @param t a failure, may be null
   * @return true for connection refusals, resets, closed connections, server shutdown or start-up
   *     and exhausted connection slots; false for everything else (constraint violations, syntax,
   *     serialization failures, timeouts of our own)
   */
  public static boolean unavailable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof PgException pg) {
        String state = pg.getSqlState();
        if (state != null && (state.startsWith("08") || UNAVAILABLE.contains(state))) {
          return true;
        }
      } else if (c instanceof ClosedConnectionException || isClosedMessage(c.getMessage())) {
        return true;
      } else if (c instanceof ConnectException) {
        if (down || namesDatabase(c.getMessage())) {
          return true;
        }
      } else if (c instanceof SocketException
          || c instanceof ClosedChannelException
          || (down && c instanceof IOException)) {
        // A reset socket: the CRM clients never surface transport failures as exceptions (they
        // become responses with status 0 that the connectors classify), so a raw socket failure
        // is the database's; any other I/O failure counts while the database is known away.
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a failure rendered as text ({@code Throwable.toString()}, as background loops log it in
   * an {@code error} key-value) is an outage failure. Used only to keep outages out of the log,
   * never to answer a request.
   *
   * @param text a rendered failure, may be null
   * @return true when it names an outage SQLSTATE, a closed or reset connection, or a refusal by a
   *     database address
   */
  public static boolean unavailableText(String text) {
    if (text == null) {
      return false;
    }
    for (String state : UNAVAILABLE) {
      if (text.contains("(" + state + ")")) {
        return true;
      }
    }
    return text.contains("ClosedConnectionException")
        || text.contains("Connection is closed")
        || text.contains("Connection is not active now")
        || text.contains("SocketException")
        || (text.contains("ConnectException") && (down || namesDatabase(text.trim())))
        || text.matches("(?s).*PgException.*\\(08[0-9A-Z]{3}\\).*");
  }

  private static boolean namesDatabase(String m) {
    if (m == null) {
      return false;
    }
    for (String a : ADDRESSES) {
      String host = a.substring(0, a.lastIndexOf(':'));
      String port = a.substring(a.lastIndexOf(':'));
      // Netty writes "Connection refused: localhost/127.0.0.1:5432" or ": /127.0.0.1:5432".
      if (m.contains(a) || (m.contains(host) && m.endsWith(port))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The Vert.x SQL client reports some losses as a bare {@code VertxException} or {@code
   * NoStackTraceThrowable} with a fixed message and no type of its own.
   */
  private static boolean isClosedMessage(String m) {
    return m != null
        && (m.equals("Connection is closed")
            || m.startsWith("Connection is not active now")
            || m.equals("Pending close")
            || m.equals("Pool closed")
            || m.startsWith("Failed to create connection"));
  }
}

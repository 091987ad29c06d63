package com.queast.gateway.sandbox.common;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A bounded, in-memory log of the requests a sandbox received: method, path (query secrets
 * redacted), status answered, fault injected, account, duration. Mount {@link #handler()} first on
 * the router; read it through the admin API or {@link #entries()}.
 */
public final class RequestLog {

  private static final String ENTRY_KEY = "sandbox.logEntry";

  /** One logged request; fields fill in as the request proceeds. */
  public static final class Entry {
    private final long seq;
    private final long at;
    private final String method;
    private final String path;
    private volatile int status;
    private volatile String fault;
    private volatile String account;
    private volatile long durationMs = -1;
    private final Map<String, Object> notes = new ConcurrentHashMap<>();

    Entry(long seq, long at, String method, String path) {
      this.seq = seq;
      this.at = at;
      this.method = method;
      this.path = path;
    }

    /**
     * HTTP status answered; 0 while pending or when the connection was dropped.
     *
     * @return status
     */
    public int status() {
      return status;
    }

    /**
     * Method and path, e.g. {@code POST /crm/v3/objects/companies}.
     *
     * @return method and path
     */
    public String describe() {
      return method + " " + path;
    }

    /**
     * Injected fault name, or null.
     *
     * @return the fault
     */
    public String fault() {
      return fault;
    }

    /**
     * JSON form for the admin API.
     *
     * @return the entry as JSON
     */
    public JsonObject toJson() {
      return new JsonObject()
          .put("seq", seq)
          .put("at", java.time.Instant.ofEpochMilli(at).toString())
          .put("method", method)
          .put("path", path)
          .put("status", status)
          .put("fault", fault)
          .put("account", account)
          .put("durationMs", durationMs)
          .mergeIn(new JsonObject(Map.copyOf(notes)));
    }
  }

  private final int capacity;
  private final Clock clock;
  private final boolean withQuery;
  private final Deque<Entry> entries = new ArrayDeque<>();
  private long seq;

  /**
   * A log keeping the last {@code capacity} requests, logging the URI with its (redacted) query.
   *
   * @param capacity how many entries to keep
   * @param clock time source
   */
  public RequestLog(int capacity, Clock clock) {
    this(capacity, clock, true);
  }

  /**
   * A log keeping the last {@code capacity} requests.
   *
   * @param capacity how many entries to keep (at least one)
   * @param clock time source
   * @param withQuery whether the logged path keeps the (redacted) query string
   */
  public RequestLog(int capacity, Clock clock, boolean withQuery) {
    this.capacity = Math.max(1, capacity);
    this.clock = clock;
    this.withQuery = withQuery;
  }

  /**
   * The route handler that opens an entry per request and closes it when the response ends or the
   * connection drops.
   *
   * @return handler calling {@code next()}
   */
  public Consumer<RoutingContext> handler() {
    return ctx -> {
      String path = withQuery ? redact(ctx.request().uri()) : ctx.request().path();
      Entry e = open(ctx.request().method().name(), path);
      ctx.put(ENTRY_KEY, e);
      long start = clock.millis();
      // A connection closed without an answer also runs the end handler, with the default 200.
      ctx.response()
          .endHandler(
              () -> finish(e, ctx.response().ended() ? ctx.response().getStatusCode() : 0, start));
      ctx.response().closeHandler(() -> finish(e, 0, start));
      ctx.next();
    };
  }

  private void finish(Entry e, int status, long start) {
    if (e.durationMs < 0) {
      e.status = status;
      e.durationMs = clock.millis() - start;
    }
  }

  /**
   * Notes the account (portal, company) the request was for, once the handler knows it.
   *
   * @param ctx the request
   * @param account account id
   */
  public static void noteAccount(RoutingContext ctx, String account) {
    Entry e = ctx.get(ENTRY_KEY);
    if (e != null) {
      e.account = account;
    }
  }

  /**
   * Notes a vendor-specific field of the request's entry (for example the caller's company), shown
   * in the entry's JSON.
   *
   * @param ctx the request
   * @param key JSON field name
   * @param value JSON value, ignored when null
   */
  public static void note(RoutingContext ctx, String key, Object value) {
    Entry e = ctx.get(ENTRY_KEY);
    if (e != null && value != null) {
      e.notes.put(key, value);
    }
  }

  /**
   * Notes the fault injected into the request.
   *
   * @param ctx the request
   * @param fault fault name
   */
  public static void noteFault(RoutingContext ctx, String fault) {
    Entry e = ctx.get(ENTRY_KEY);
    if (e != null) {
      e.fault = fault;
    }
  }

  private synchronized Entry open(String method, String path) {
    Entry e = new Entry(++seq, clock.millis(), method, path);
    entries.addLast(e);
    while (entries.size() > capacity) {
      entries.removeFirst();
    }
    return e;
  }

  /**
   * A snapshot of the entries, oldest first.
   *
   * @return copy of the entries
   */
  public synchronized List<Entry> entries() {
    return new ArrayList<>(entries);
  }

  /** Forgets every entry. */
  public synchronized void clear() {
    entries.clear();
  }

  /**
   * The last {@code limit} entries as JSON, oldest first.
   *
   * @param limit how many
   * @return JSON array
   */
  public JsonArray toJson(int limit) {
    List<Entry> all = entries();
    JsonArray out = new JsonArray();
    for (Entry e : all.subList(Math.max(0, all.size() - limit), all.size())) {
      out.add(e.toJson());
    }
    return out;
  }

  /**
   * Blanks query parameters that carry secrets ({@code hapikey}, {@code client_secret}, tokens).
   *
   * @param uri request URI
   * @return URI safe to log
   */
  static String redact(String uri) {
    return uri.replaceAll(
        "(?i)((?:hapikey|client_secret|api_token|access_token|refresh_token|code)=)[^&]*", "$1***");
  }
}

package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The last N vendor-path requests (method, path without credentials, status, company, auth kind),
 * for {@code GET /_sandbox/requests}. A request whose connection was closed without an answer is
 * logged with status 0. Thread-safe.
 */
public final class RequestLog implements Consumer<RoutingContext> {

  private final ArrayDeque<JsonObject> entries = new ArrayDeque<>();
  private final int capacity;
  private final Clock clock;

  /**
   * Creates a log.
   *
   * @param capacity entries kept
   * @param clock time source for the entries
   */
  public RequestLog(int capacity, Clock clock) {
    this.capacity = Math.max(1, capacity);
    this.clock = clock;
  }

  @Override
  public void accept(RoutingContext ctx) {
    String at = clock.instant().toString();
    String method = ctx.request().method().name();
    String path = ctx.request().path();
    ctx.addEndHandler()
        .subscribe()
        .with(
            ok -> add(ctx, at, method, path, ctx.response().getStatusCode()),
            err -> add(ctx, at, method, path, 0));
    ctx.next();
  }

  private void add(RoutingContext ctx, String at, String method, String path, int status) {
    JsonObject e =
        new JsonObject()
            .put("at", at)
            .put("method", method)
            .put("path", path)
            .put("status", status);
    Object caller = ctx.get(Caller.KEY);
    if (caller instanceof Caller c) {
      e.put("companyId", c.company().id).put("auth", c.oauth() ? "oauth" : "api_token");
    }
    synchronized (entries) {
      if (entries.size() >= capacity) {
        entries.pollFirst();
      }
      entries.addLast(e);
    }
  }

  /**
   * The newest entries, oldest first.
   *
   * @param limit at most this many
   * @return the entries as a JSON array
   */
  public JsonArray recent(int limit) {
    synchronized (entries) {
      JsonArray out = new JsonArray();
      int skip = Math.max(0, entries.size() - limit);
      int i = 0;
      for (JsonObject e : entries) {
        if (i++ >= skip) {
          out.add(e.copy());
        }
      }
      return out;
    }
  }

  /** Forgets every entry. */
  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }
}

package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.tenant.Connection;
import com.queast.gateway.tenant.TokenManager;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paced, authenticated calls for one connection: every call first takes a slot from the lane's
 * {@link PipedrivePacer} (waiting on a Vert.x timer, never blocking), carries fresh credentials
 * from the {@link TokenManager}, recovers once from a 401 by refreshing, and teaches the limiter
 * from the answer's headers and 429s.
 */
public final class PipedriveSession {

  private static final Logger LOG = LoggerFactory.getLogger(PipedriveSession.class);
  private static final String RATE_LIMITED = "pipedrive answered 429";

  private final Vertx vertx;
  private final PipedriveHttp http;
  private final Connection connection;
  private final TokenManager tokens;
  private final TokenManager.Refresher refresher;
  private final PipedrivePacer limiter;
  private final Clock clock;
  private final Instant deadline;

  /**
   * A session.
   *
   * @param vertx Vert.x (timers)
   * @param http the wire
   * @param connection the connection
   * @param tokens credentials
   * @param refresher OAuth refresh
   * @param limiter the lane's limiter
   * @param clock time source
   * @param deadline no call starts after this (the batch must answer before the lane lease)
   */
  public PipedriveSession(
      Vertx vertx,
      PipedriveHttp http,
      Connection connection,
      TokenManager tokens,
      TokenManager.Refresher refresher,
      PipedrivePacer limiter,
      Clock clock,
      Instant deadline) {
    this.vertx = vertx;
    this.http = http;
    this.connection = connection;
    this.tokens = tokens;
    this.refresher = refresher;
    this.limiter = limiter;
    this.clock = clock;
    this.deadline = deadline;
  }

  /**
   * The connection.
   *
   * @return connection
   */
  public Connection connection() {
    return connection;
  }

  /**
   * Calls an endpoint.
   *
   * @param e endpoint
   * @param id path id or null
   * @param query query parameters
   * @param body JSON body or null
   * @return a Uni emitting the answer (any status); fails with {@link NotNow} when the call was not
   *     sent (budget spent, batch time up) or {@link TokenManager.ReauthRequired}
   */
  public Uni<PipedriveResponse> call(
      PipedriveEndpoint e, String id, Map<String, String> query, JsonObject body) {
    return acquire(e).chain(() -> send(e, id, query, body, true));
  }

  private Uni<Void> acquire(PipedriveEndpoint e) {
    PipedrivePacer.Slot slot;
    synchronized (limiter) {
      slot = limiter.tryAcquire(e);
    }
    if (slot.acquired()) {
      return Uni.createFrom().voidItem();
    }
    if (slot.exhausted()) {
      return Uni.createFrom()
          .failure(
              new NotNow(
                  "daily_budget_exhausted",
                  "Pipedrive daily token budget spent until the reset",
                  slot.delay()));
    }
    if (clock.instant().plus(slot.delay()).isAfter(deadline)) {
      return Uni.createFrom()
          .failure(
              new NotNow("lane_busy", "the lane's window is full for this batch", slot.delay()));
    }
    long ms = Math.max(1, slot.delay().toMillis());
    return Uni.createFrom()
        .<Void>emitter(em -> vertx.setTimer(ms, t -> em.complete(null)))
        .chain(() -> acquire(e));
  }

  private Uni<PipedriveResponse> send(
      PipedriveEndpoint e,
      String id,
      Map<String, String> query,
      JsonObject body,
      boolean mayRefresh) {
    return tokens
        .credentials(connection, refresher)
        .onItemOrFailure()
        .transformToUni(
            (creds, t) -> {
              if (t != null) {
                synchronized (limiter) {
                  limiter.release(e);
                }
                return Uni.createFrom().failure(t);
              }
              Map<String, String> headers = new HashMap<>();
              String used = auth(creds, headers);
              String url = base(creds) + e.path(id);
              return http.send(url, e.method(), headers, query, body)
                  .chain(r -> answered(e, id, query, body, mayRefresh, used, r));
            });
  }

  private Uni<PipedriveResponse> answered(
      PipedriveEndpoint e,
      String id,
      Map<String, String> query,
      JsonObject body,
      boolean mayRefresh,
      String usedToken,
      PipedriveResponse r) {
    synchronized (limiter) {
      limiter.release(e);
      if (r.status() == 429) {
        PipedrivePacer.Verdict v = limiter.on429(e, r.headers());
        LOG.info(
            RATE_LIMITED + " connection={} tenant={} lane={} verdict={}",
            connection.id(),
            connection.tenantId(),
            connection.lane(),
            v);
      } else {
        limiter.onAnswer(e, r.status(), r.headers());
      }
    }
    if (r.status() == 401 && !connection.authType().equals("oauth")) {
      // An API token cannot be refreshed: Pipedrive refusing it means it was revoked or replaced.
      Object vendor = r.body() == null ? null : r.body().getValue("error");
      String why =
          "Pipedrive refused the API token (HTTP 401"
              + (vendor == null ? "" : ": " + vendor)
              + "); re-authorise with a new token (POST .../reauthorize {\"apiToken\": ...})";
      return tokens
          .refused(connection, why)
          .chain(() -> Uni.createFrom().failure(new TokenManager.ReauthRequired(why)));
    }
    if (r.status() != 401 || !mayRefresh || !connection.authType().equals("oauth")) {
      return Uni.createFrom().item(r);
    }
    return tokens
        .afterRejection(connection, refresher, usedToken)
        .chain(() -> acquire(e))
        .chain(() -> send(e, id, query, body, false));
  }

  private static String auth(JsonObject creds, Map<String, String> headers) {
    String apiToken = creds.getString("apiToken");
    if (apiToken != null) {
      headers.put("x-api-token", apiToken);
      return apiToken;
    }
    String access = creds.getString("accessToken", "");
    headers.put("Authorization", "Bearer " + access);
    return access;
  }

  private static String base(JsonObject creds) {
    String d = creds.getString("apiDomain", "");
    return d.endsWith("/") ? d.substring(0, d.length() - 1) : d;
  }

  /**
   * Whether a search now costs little: the search window is idle and most of the day's budget is
   * left (used for the optional search before a first create).
   *
   * @return true when idle
   */
  public boolean searchIsIdle() {
    synchronized (limiter) {
      return limiter.searchIsIdle();
    }
  }

  /**
   * Time left before the batch must answer.
   *
   * @return the remaining time, zero when up
   */
  public Duration timeLeft() {
    Duration d = Duration.between(clock.instant(), deadline);
    return d.isNegative() ? Duration.ZERO : d;
  }
}

package com.queast.gateway.connector.hubspot;

import com.queast.gateway.tenant.Connection;
import com.queast.gateway.tenant.TokenManager;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;

/**
 * A paced, authenticated call to HubSpot on behalf of a connection: waits (on a timer, never
 * blocking) for a slot of the portal's window, takes fresh credentials from the {@link
 * TokenManager}, tells the pacer what the answer said, and after a 401 refreshes once and tries
 * again.
 */
public final class HubSpotCaller {

  /** The longest a call waits for a window slot before giving up (the lane is then snoozed). */
  static final Duration MAX_WAIT = Duration.ofSeconds(11);

  /** How often a call is repeated at once after an answer lost on the wire or a 5xx. */
  static final int AMBIGUOUS_RETRIES = 2;

  private final Vertx vertx;
  private final HubSpotHttp http;
  private final TokenManager tokens;
  private final HubSpotAuth auth;
  private final Duration window;
  private final io.micrometer.core.instrument.Counter sent;

  /**
   * A caller.
   *
   * @param vertx Vert.x (timers)
   * @param http HTTP client
   * @param tokens credentials
   * @param auth refresher
   * @param window rate-limit window (wait after a 429)
   * @param sent counter of requests sent
   */
  public HubSpotCaller(
      Vertx vertx,
      HubSpotHttp http,
      TokenManager tokens,
      HubSpotAuth auth,
      Duration window,
      io.micrometer.core.instrument.Counter sent) {
    this.sent = sent;
    this.vertx = vertx;
    this.http = http;
    this.tokens = tokens;
    this.auth = auth;
    this.window = window;
  }

  /**
   * One call.
   *
   * @param pacer the portal's pacer
   * @param c the connection whose token is used
   * @param method method
   * @param path path with query
   * @param body JSON body or null
   * @return a Uni emitting the answer (never failing for HTTP or wire errors); fails with {@link
   *     TokenManager.ReauthRequired} when the connection needs a user
   */
  public Uni<HubSpotResponse> call(
      HubSpotPacer pacer, Connection c, HttpMethod method, String path, Object body) {
    return call(new Request(pacer, c, method, path, body), true, Duration.ZERO, AMBIGUOUS_RETRIES);
  }

  /** What one call asks for, the same for each of its attempts. */
  private record Request(
      HubSpotPacer pacer, Connection c, HttpMethod method, String path, Object body) {}

  private Uni<HubSpotResponse> call(
      Request q, boolean mayRefresh, Duration waited, int retriesLeft) {
    // The credentials first (a token refresh is a call of its own), then the slot, right before the
    // request leaves, so the time between the slot and HubSpot's count of the request stays short.
    return tokens
        .credentials(q.c(), auth::refresh)
        .chain(
            creds -> {
              String token = creds.getString("accessToken");
              return send(q, token, waited)
                  .chain(r -> answered(q, mayRefresh, waited, retriesLeft, token, r));
            });
  }

  /** What to do with an answer: refresh and ask again after a 401, repeat a lost answer. */
  private Uni<HubSpotResponse> answered(
      Request q,
      boolean mayRefresh,
      Duration waited,
      int retriesLeft,
      String usedToken,
      HubSpotResponse r) {
    HubSpotErrors.Decision d = HubSpotErrors.classify(r, window);
    q.pacer().observe(r, d);
    if (d.kind() == HubSpotErrors.Kind.AUTH && mayRefresh) {
      // Refreshed only if the token this call used is still the current one: with several batches
      // in flight another call may have refreshed it already (HubSpotTokensIT saw two refreshes for
      // one expiry).
      return tokens
          .afterRejection(q.c(), auth::refresh, usedToken)
          .chain(() -> call(q, false, waited, retriesLeft));
    }
    if (d.kind() == HubSpotErrors.Kind.AMBIGUOUS && retriesLeft > 0 && !q.pacer().circuitOpen()) {
      // Every call of the connector is idempotent (upsert on queast_id, update by id, read,
      // association create): an answer lost on the wire is safe to ask again.
      return call(q, mayRefresh, waited, retriesLeft - 1);
    }
    return Uni.createFrom().item(r);
  }

  /**
   * Sends once a slot is free (waiting at most {@link #MAX_WAIT} in all), and settles the slot when
   * the answer is in.
   */
  private Uni<HubSpotResponse> send(Request q, String accessToken, Duration waited) {
    HubSpotPacer.Slot slot = q.pacer().tryAcquire();
    if (!slot.granted()) {
      Duration wait = slot.waitFor();
      if (waited.plus(wait).compareTo(MAX_WAIT) > 0) {
        return Uni.createFrom().item(Paced.noSlot());
      }
      return Uni.createFrom()
          .<Long>emitter(e -> vertx.setTimer(Math.max(1, wait.toMillis()), e::complete))
          .chain(() -> send(q, accessToken, waited.plus(wait)));
    }
    sent.increment();
    return http.json(q.method(), q.path(), accessToken, q.body())
        .onTermination()
        .invoke(() -> q.pacer().answered(slot));
  }

  /** Synthetic answers for calls the pacer did not let out. */
  static final class Paced {
    private Paced() {}

    static HubSpotResponse noSlot() {
      return new HubSpotResponse(
          429,
          "{\"message\":\"no request slot in the portal window\",\"errorType\":\"LOCAL_PACING\"}",
          java.util.Map.of(),
          0,
          null);
    }
  }
}

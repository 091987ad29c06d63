package com.queast.gateway.tenant;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.queast.gateway.common.GatewayException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands connectors fresh credentials. Tokens are refreshed before they expire, once: within an
 * instance concurrent callers share one refresh; across workers and instances the refresh runs
 * under the connection's row lock, and a caller that waited on the lock finds the token already
 * fresh and does not refresh again. A refresh token the CRM no longer accepts moves the connection
 * to {@code needs_reauth} (its jobs wait, attempts unused).
 */
public final class TokenManager {

  private static final Logger LOG = LoggerFactory.getLogger(TokenManager.class);
  private static final String REFRESHED = "access token refreshed";
  private static final String NEEDS_REAUTH =
      "refresh token refused; connection needs re-authorisation";

  /** How a connector refreshes: given the current secrets, new secrets and expiry. */
  @FunctionalInterface
  public interface Refresher {
    /**
     * Refreshes.
     *
     * @param current current secrets
     * @return a Uni emitting the new secrets and expiry; fails with {@link ReauthRequired} when the
     *     refresh token is dead
     */
    Uni<ConnectionStore.Refreshed> refresh(JsonObject current);
  }

  /** The CRM refused the refresh token: only a user can fix it. */
  public static final class ReauthRequired extends GatewayException {
    /**
     * A refusal.
     *
     * @param message the CRM's reason
     */
    public ReauthRequired(String message) {
      super("reauth_required", 401, message);
    }
  }

  /**
   * A cached token; {@code forced} after a 401 for it: refresh although its expiry looks fine,
   * keeping that expiry so the refresh under the lock can still tell whether another worker
   * refreshed meanwhile.
   */
  private record Cached(JsonObject credentials, Instant expiresAt, boolean forced) {}

  private final ConnectionStore store;
  private final Clock clock;
  private final Duration skew;
  private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();
  private final Map<UUID, Uni<JsonObject>> inFlight = new ConcurrentHashMap<>();

  /**
   * A token manager.
   *
   * @param store connection store
   * @param clock time source
   * @param skew refresh this long before expiry
   */
  public TokenManager(ConnectionStore store, Clock clock, Duration skew) {
    this.store = store;
    this.clock = clock;
    this.skew = skew;
  }

  /**
   * Fresh credentials of a connection.
   *
   * @param c the connection (as loaded; its stored expiry is a hint)
   * @param refresher how to refresh
   * @return a Uni emitting the secrets; fails with {@link ReauthRequired} when the connection needs
   *     a user
   */
  public Uni<JsonObject> credentials(Connection c, Refresher refresher) {
    Cached cached = cache.get(c.id());
    if (cached == null) {
      cached = new Cached(store.credentials(c), c.tokenExpiresAt(), false);
      cache.put(c.id(), cached);
    }
    if (!cached.forced() && fresh(cached.expiresAt())) {
      return Uni.createFrom().item(cached.credentials());
    }
    return inFlight.computeIfAbsent(c.id(), id -> refresh(c, refresher).memoize().indefinitely());
  }

  /**
   * Forgets the cached token (after the CRM said 401 for it), so the next call re-reads or
   * refreshes.
   *
   * @param connectionId connection
   * @param force true to refresh even when the stored expiry looks fine
   */
  public void invalidate(UUID connectionId, boolean force) {
    if (force) {
      Cached c = cache.get(connectionId);
      if (c != null) {
        cache.put(connectionId, new Cached(c.credentials(), c.expiresAt(), true));
      }
    } else {
      cache.remove(connectionId);
    }
  }

  /**
   * Credentials to try again with after the CRM answered 401 for {@code usedAccessToken}: refreshed
   * if that token is still the current one, else the current ones (another call refreshed it
   * meanwhile: with several calls in flight, one expiry must cost one refresh).
   *
   * @param c the connection
   * @param refresher how to refresh
   * @param usedAccessToken the access token the refused call carried
   * @return a Uni emitting the credentials to use; fails with {@link ReauthRequired} when the
   *     connection needs a user
   */
  public Uni<JsonObject> afterRejection(Connection c, Refresher refresher, String usedAccessToken) {
    return credentials(c, refresher)
        .chain(
            now -> {
              if (usedAccessToken == null
                  || !usedAccessToken.equals(now.getString("accessToken"))) {
                return Uni.createFrom().item(now);
              }
              invalidate(c.id(), true);
              return credentials(c, refresher);
            });
  }

  /**
   * The CRM refused a credential that no refresh can renew (an API token revoked or replaced): the
   * connection becomes {@code needs_reauth} with the reason (its jobs then wait without using
   * attempts) and the cached credentials are forgotten. Nothing changes when other credentials were
   * stored since the connection was read (a re-authorisation while the call was in flight).
   *
   * @param c the connection
   * @param reason why, shown in the connection's status
   * @return a Uni completing when the status is stored
   */
  public Uni<Void> refused(Connection c, String reason) {
    cache.remove(c.id());
    // Only if the refused credentials are still the stored ones: a call that was in flight with the
    // old token while a user re-authorised must not put the connection back into needs_reauth.
    return store
        .setStatusIfCredentials(c, Connection.NEEDS_REAUTH, reason)
        .invoke(
            set -> {
              if (set) {
                LOG.warn(NEEDS_REAUTH, kv("connection", c.id()), kv("tenant", c.tenantId()));
              }
            })
        .replaceWithVoid();
  }

  /**
   * Forgets a connection's cached credentials (new ones were stored by a re-authorisation).
   *
   * @param connectionId connection
   */
  public void forget(UUID connectionId) {
    cache.remove(connectionId);
  }

  // The database keeps microseconds, the clock may give nanoseconds: compare what both can hold.
  private static boolean sameMillis(Instant a, Instant b) {
    return b != null && a.toEpochMilli() == b.toEpochMilli();
  }

  private boolean fresh(Instant expiresAt) {
    return expiresAt == null || clock.instant().plus(skew).isBefore(expiresAt);
  }

  private Uni<JsonObject> refresh(Connection c, Refresher refresher) {
    Instant stale = cache.get(c.id()) == null ? null : cache.get(c.id()).expiresAt();
    Instant[] expiry = new Instant[1];
    return store
        .withLockedCredentials(
            c.id(),
            locked -> {
              Instant stored = locked.connection().tokenExpiresAt();
              expiry[0] = stored;
              // Compared at millisecond precision: the database keeps microseconds, clocks nanos.
              boolean someoneElseRefreshed =
                  stored != null && !sameMillis(stored, stale) && fresh(stored);
              if (someoneElseRefreshed) {
                return Uni.createFrom().item(Optional.empty());
              }
              return refresher
                  .refresh(locked.credentials())
                  .invoke(
                      r -> {
                        expiry[0] = r.expiresAt();
                        LOG.info(REFRESHED, kv("connection", c.id()), kv("tenant", c.tenantId()));
                      })
                  .map(Optional::of);
            })
        .invoke(creds -> cache.put(c.id(), new Cached(creds, expiry[0], false)))
        .onFailure(ReauthRequired.class)
        .call(
            t -> {
              LOG.warn(NEEDS_REAUTH, kv("connection", c.id()), kv("tenant", c.tenantId()));
              cache.remove(c.id());
              return store.setStatus(
                  c.tenantId(),
                  c.id(),
                  Connection.NEEDS_REAUTH,
                  "refresh token refused: " + t.getMessage());
            })
        // A statement lambda on purpose: remove() returns the memoized Uni itself, and as an
        // expression lambda it
        // would select eventually(Supplier<Uni>) and wait for its own completion.
        .eventually(
            () -> {
              inFlight.remove(c.id());
            });
  }
}

package com.queast.gateway.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.queast.gateway.support.MutableClock;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class TokenManagerIT {

  private static Vertx vertx;
  private static Pool pool;
  private static TestDatabase db;
  private static ConnectionStore store;
  private final MutableClock clock = MutableClock.atSystemNow();

  @BeforeAll
  static void start(TestDatabase database) {
    db = database;
    vertx = Vertx.vertx();
    pool = database.pool(vertx);
    store = new ConnectionStore(pool, new CredentialVault(new byte[32]));
    db.exec("INSERT INTO tenants (id, name) VALUES ('t1', 't1')");
  }

  @AfterAll
  static void stop() {
    pool.closeAndAwait();
    vertx.closeAndAwait();
  }

  private Connection connection(Instant expiresAt) {
    UUID id = UUID.randomUUID();
    Connection c =
        new Connection(
            id,
            "t1",
            "test",
            "oauth",
            Connection.ACTIVE,
            null,
            "acct",
            store.seal(id, new JsonObject().put("accessToken", "at-0").put("refreshToken", "rt")),
            expiresAt,
            new JsonObject(),
            Instant.now(),
            Instant.now());
    store.insert(c).await().indefinitely();
    return c;
  }

  private TokenManager.Refresher counting(AtomicInteger calls) {
    return current ->
        Uni.createFrom()
            .item(() -> calls.incrementAndGet())
            .onItem()
            .delayIt()
            .by(Duration.ofMillis(50))
            .map(
                n ->
                    new ConnectionStore.Refreshed(
                        current.copy().put("accessToken", "at-" + n),
                        clock.instant().plus(Duration.ofMinutes(30))));
  }

  @Test
  void aFreshTokenIsNotRefreshed() {
    Connection c = connection(clock.instant().plus(Duration.ofMinutes(20)));
    AtomicInteger calls = new AtomicInteger();
    TokenManager tm = new TokenManager(store, clock, Duration.ofMinutes(5));
    assertThat(tm.credentials(c, counting(calls)).await().indefinitely().getString("accessToken"))
        .isEqualTo("at-0");
    assertThat(calls).hasValue(0);
  }

  @Test
  void concurrentCallersAcrossTwoInstancesRefreshOnce() throws Exception {
    Connection c = connection(clock.instant().plus(Duration.ofMinutes(2)));
    AtomicInteger calls = new AtomicInteger();
    TokenManager instanceA = new TokenManager(store, clock, Duration.ofMinutes(5));
    TokenManager instanceB = new TokenManager(store, clock, Duration.ofMinutes(5));
    List<CompletableFuture<JsonObject>> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      all.add(instanceA.credentials(c, counting(calls)).subscribeAsCompletionStage());
      all.add(instanceB.credentials(c, counting(calls)).subscribeAsCompletionStage());
    }
    for (CompletableFuture<JsonObject> f : all) {
      assertThat(f.get(10, java.util.concurrent.TimeUnit.SECONDS).getString("accessToken"))
          .isEqualTo("at-1");
    }
    assertThat(calls).hasValue(1);
    Connection stored = store.get("t1", c.id()).await().indefinitely().orElseThrow();
    assertThat(store.credentials(stored).getString("accessToken")).isEqualTo("at-1");
    assertThat(stored.tokenExpiresAt()).isAfter(clock.instant().plus(Duration.ofMinutes(29)));
  }

  @Test
  void aRefusedRefreshTokenMovesTheConnectionToNeedsReauth() {
    Connection c = connection(clock.instant().minusSeconds(1));
    TokenManager tm = new TokenManager(store, clock, Duration.ofMinutes(5));
    TokenManager.Refresher refused =
        current -> Uni.createFrom().failure(new TokenManager.ReauthRequired("invalid_grant"));
    assertThatThrownBy(() -> tm.credentials(c, refused).await().indefinitely())
        .isInstanceOf(TokenManager.ReauthRequired.class);
    Connection after = store.get("t1", c.id()).await().indefinitely().orElseThrow();
    assertThat(after.status()).isEqualTo(Connection.NEEDS_REAUTH);
    assertThat(after.statusReason()).contains("invalid_grant");
  }

  @Test
  void aRefusalOfCredentialsAlreadyReplacedByAReauthorisationChangesNothing() {
    Connection c = connection(null);
    TokenManager tm = new TokenManager(store, clock, Duration.ofMinutes(5));
    // A user re-authorises while a call with the old token is in flight...
    store
        .activate(c, "acct", new JsonObject().put("apiToken", "new-token"), null, null)
        .await()
        .indefinitely();
    // ...and that call's 401 arrives afterwards: the new credentials stand.
    tm.refused(c, "Pipedrive refused the API token").await().indefinitely();
    assertThat(store.get("t1", c.id()).await().indefinitely().orElseThrow().status())
        .isEqualTo(Connection.ACTIVE);
    // A refusal of the stored credentials does move it to needs_reauth.
    Connection current = store.get("t1", c.id()).await().indefinitely().orElseThrow();
    tm.refused(current, "Pipedrive refused the API token").await().indefinitely();
    Connection after = store.get("t1", c.id()).await().indefinitely().orElseThrow();
    assertThat(after.status()).isEqualTo(Connection.NEEDS_REAUTH);
    assertThat(after.statusReason()).contains("refused the API token");
  }

  @Test
  void aTokenRefusedWithA401IsRefreshedEvenThoughItsExpiryLooksFresh() {
    Connection c = connection(clock.instant().plus(Duration.ofMinutes(20)));
    AtomicInteger calls = new AtomicInteger();
    TokenManager tm = new TokenManager(store, clock, Duration.ofMinutes(5));
    assertThat(tm.credentials(c, counting(calls)).await().indefinitely().getString("accessToken"))
        .isEqualTo("at-0");
    tm.invalidate(c.id(), true);
    assertThat(tm.credentials(c, counting(calls)).await().indefinitely().getString("accessToken"))
        .isEqualTo("at-1");
    assertThat(calls).hasValue(1);
    assertThat(tm.credentials(c, counting(calls)).await().indefinitely().getString("accessToken"))
        .isEqualTo("at-1");
    assertThat(calls).hasValue(1);
  }
}

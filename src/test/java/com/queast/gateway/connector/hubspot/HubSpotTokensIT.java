package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.sandbox.hubspot.ObjectType;
import com.queast.gateway.sandbox.hubspot.Portal;
import com.queast.gateway.tenant.Connection;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Access tokens expiring mid-run, and a refresh token HubSpot no longer accepts. */
class HubSpotTokensIT extends HubSpotHarnessTest {

  private JsonObject credentials(String connectionId) {
    var store = h.gw.gateway().services().connections();
    Connection c =
        store.getAnyTenant(UUID.fromString(connectionId)).await().indefinitely().orElseThrow();
    return store.credentials(c);
  }

  private double refreshes() {
    return h.gw.gateway().services().meters().counter("gateway.hubspot.token.refreshes").count();
  }

  @Test
  void anAccessTokenExpiringMidRunIsRefreshedOnce() {
    Portal portal = h.sandbox.createPortal();
    String id = h.installByOAuth("t1", portal).getString("connectionId");
    h.ingest("t1", "companies", Volumes.companies(300));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> h.sandbox.count(portal.id(), ObjectType.COMPANIES) == 300);
    String before = credentials(id).getString("accessToken");
    assertThat(h.sandbox.tokens().expireNow(before)).isTrue();

    h.ingest("t1", "people", Volumes.people(300, 300));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> h.sandbox.count(portal.id(), ObjectType.CONTACTS) == 300);
    assertThat(refreshes()).isEqualTo(1.0);
    assertThat(credentials(id).getString("accessToken")).isNotEqualTo(before);
    assertThat(db.count("SELECT count(*) FROM jobs WHERE state = 'dead'")).isZero();
  }

  @Test
  void aRevokedRefreshTokenPausesTheConnectionWithoutLosingJobsUntilReauthorised() {
    Portal portal = h.sandbox.createPortal();
    String id = h.installByOAuth("t1", portal).getString("connectionId");
    h.ingest("t1", "companies", Volumes.companies(50));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> h.sandbox.count(portal.id(), ObjectType.COMPANIES) == 50);
    JsonObject creds = credentials(id);
    assertThat(
            new com.queast.gateway.support.Http(h.sandbox.baseUrl(), null)
                .post(
                    "/_sandbox/oauth/refresh-tokens/" + creds.getString("refreshToken") + "/revoke",
                    null)
                .status())
        .isLessThan(300);
    h.sandbox.tokens().expireNow(creds.getString("accessToken"));

    h.ingest("t1", "people", Volumes.people(100, 50));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "needs_reauth"
                    .equals(
                        h.http()
                            .get("/v1/tenants/t1/connections/" + id)
                            .json()
                            .getString("status")));
    assertThat(h.sandbox.count(portal.id(), ObjectType.CONTACTS)).isZero();
    // The status flips while the round that met the refusal is still handing its jobs back.
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                db.count(
                    "SELECT count(*) FROM jobs WHERE record_type = 'person'"
                        + " AND state IN ('available','retryable')"),
            n -> n == 100);
    assertThat(db.count("SELECT count(*) FROM jobs WHERE state = 'dead'")).isZero();

    String url =
        h.http()
            .post("/v1/tenants/t1/connections/" + id + "/reauthorize", null)
            .json()
            .getString("authorizeUrl");
    JsonObject again = h.consent(url, portal, "t1", id);
    assertThat(again.getString("status")).isEqualTo("active");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> h.sandbox.count(portal.id(), ObjectType.CONTACTS) == 100);
    assertThat(db.count("SELECT count(*) FROM jobs WHERE state = 'dead'")).isZero();
  }
}

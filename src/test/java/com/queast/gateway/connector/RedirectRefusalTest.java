package com.queast.gateway.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.connector.hubspot.HubSpotHttp;
import com.queast.gateway.connector.hubspot.HubSpotResponse;
import com.queast.gateway.connector.pipedrive.PipedriveHttp;
import com.queast.gateway.connector.pipedrive.PipedriveResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Audit finding 2 (issue 12): a 302 from an allowed CRM host to another host must not carry the
 * credentials there. No CRM client follows redirects; the answer is an error naming the redirect.
 */
class RedirectRefusalTest {

  private Vertx vertx;
  private HttpServer allowed;
  private HttpServer attacker;
  private final List<String> stolen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    attacker =
        vertx
            .createHttpServer()
            .requestHandler(
                r -> {
                  stolen.add(r.getHeader("x-api-token") + " " + r.getHeader("Authorization"));
                  r.response().putHeader("Content-Type", "application/json").endAndForget("{}");
                })
            .listen(0, "127.0.0.1")
            .await()
            .atMost(Duration.ofSeconds(10));
    int evil = attacker.actualPort();
    allowed =
        vertx
            .createHttpServer()
            .requestHandler(
                r ->
                    r.response()
                        .setStatusCode(302)
                        .putHeader("Location", "http://127.0.0.1:" + evil + "/steal")
                        .endAndForget())
            .listen(0, "127.0.0.1")
            .await()
            .atMost(Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    vertx.closeAndAwait();
  }

  @Test
  void pipedriveDoesNotFollowARedirectWithItsToken() {
    PipedriveHttp http = new PipedriveHttp(vertx, 5000);
    PipedriveResponse r =
        http.send(
                "http://127.0.0.1:" + allowed.actualPort() + "/api/v2/organizations",
                "GET",
                Map.of("x-api-token", "secret-token"),
                Map.of(),
                null)
            .await()
            .atMost(Duration.ofSeconds(10));
    assertThat(stolen).isEmpty();
    assertThat(r.ok()).isFalse();
    assertThat(r.transportError()).contains("302").contains("never followed");
    assertThat(r.transportError()).doesNotContain("secret-token").doesNotContain("java.");
  }

  @Test
  void hubspotDoesNotFollowARedirectWithItsToken() {
    HubSpotHttp http =
        new HubSpotHttp(vertx, "http://127.0.0.1:" + allowed.actualPort(), Clock.systemUTC());
    HubSpotResponse r =
        http.json(HttpMethod.GET, "/crm/v3/objects/companies", "secret-token", null)
            .await()
            .atMost(Duration.ofSeconds(10));
    assertThat(stolen).isEmpty();
    assertThat(r.ok()).isFalse();
    assertThat(r.failure()).contains("302").contains("never followed");
  }
}

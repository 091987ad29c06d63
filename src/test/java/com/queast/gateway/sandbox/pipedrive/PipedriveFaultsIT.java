package com.queast.gateway.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PipedriveFaultsIT {

  private Harness h;

  @BeforeEach
  void start() {
    h = Harness.start();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private void faults(JsonObject plan) {
    assertThat(h.admin(HttpMethod.PUT, "/_sandbox/faults", plan).status()).isEqualTo(200);
  }

  private List<Integer> statuses(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(h.get("/api/v2/persons").status());
    }
    h.clock.advance(Duration.ofSeconds(2));
    return out;
  }

  @Test
  void theSameSeedGivesTheSameFaults() {
    JsonObject plan = new JsonObject().put("rate429", 0.2).put("rate5xx", 0.2).put("seed", 7);
    faults(plan);
    List<Integer> first = statuses(30);
    faults(plan);
    List<Integer> second = statuses(30);
    assertThat(second).isEqualTo(first);
    assertThat(first).contains(200, 429, 500);
    faults(plan.copy().put("seed", 8));
    assertThat(statuses(30)).isNotEqualTo(first);
  }

  @Test
  void a429StormUsesTheVendorBody() {
    faults(new JsonObject().put("rate429", 1.0));
    Harness.Resp r = h.get("/api/v2/persons");
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.json().getString("error")).isEqualTo("Request over limit");
    assertThat(h.sandbox.rateLimitedCount()).isEqualTo(1);
  }

  @Test
  void resetClosesTheConnectionWithoutWriting() {
    faults(new JsonObject().put("rateReset", 1.0));
    assertThatThrownBy(() -> h.post("/api/v2/organizations", new JsonObject().put("name", "A")))
        .isInstanceOf(io.vertx.core.http.HttpClosedException.class);
    assertThat(h.sandbox.records(h.company.companyId(), "organization")).isEmpty();
  }

  @Test
  void dropAfterCommitWritesThenClosesTheConnection() {
    faults(new JsonObject().put("rateDropAfterCommit", 1.0));
    assertThatThrownBy(() -> h.post("/api/v2/organizations", new JsonObject().put("name", "Dup")))
        .isInstanceOf(io.vertx.core.http.HttpClosedException.class);
    assertThat(h.sandbox.records(h.company.companyId(), "organization")).hasSize(1);
    JsonObject log = h.admin(HttpMethod.GET, "/_sandbox/requests?limit=1", null).json();
    assertThat(log.getJsonArray("items").getJsonObject(0).getInteger("status")).isZero();
  }

  @Test
  void malformedAnswersAre200WithBrokenJson() {
    faults(new JsonObject().put("rateMalformed", 1.0));
    Harness.Resp r = h.get("/api/v2/persons");
    assertThat(r.status()).isEqualTo(200);
    assertThatThrownBy(r::json).isInstanceOf(DecodeException.class);
  }

  @Test
  void latencyDelaysTheAnswer() {
    faults(new JsonObject().put("latencyMs", 150));
    long start = System.nanoTime();
    assertThat(h.get("/api/v2/persons").status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
  }

  @Test
  void adminPathsAreNeverFaulted() {
    faults(new JsonObject().put("rate5xx", 1.0));
    assertThat(h.get("/api/v2/persons").status()).isEqualTo(500);
    assertThat(h.admin(HttpMethod.GET, "/_sandbox/faults", null).json().getDouble("rate5xx"))
        .isEqualTo(1.0);
    assertThat(h.admin(HttpMethod.DELETE, "/_sandbox/faults", null).status()).isEqualTo(204);
    assertThat(h.get("/api/v2/persons").status()).isEqualTo(200);
    assertThat(
            h.admin(HttpMethod.PUT, "/_sandbox/faults", new JsonObject().put("rate5xx", 2))
                .status())
        .isEqualTo(400);
  }
}

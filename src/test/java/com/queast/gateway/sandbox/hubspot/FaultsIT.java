package com.queast.gateway.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsIT {

  SandboxFixture fx;
  TestHttp api;
  long portalId;

  @BeforeEach
  void start() {
    fx = new SandboxFixture();
    JsonObject p =
        fx.http.post("/_sandbox/portals", new JsonObject().put("tier", "100000/10s")).json();
    portalId = p.getLong("portalId");
    api = fx.http.withToken(p.getString("privateAppToken"));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private static JsonObject company(String name) {
    return new JsonObject().put("properties", new JsonObject().put("name", name));
  }

  private List<Integer> statuses(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(api.get("/crm/v3/objects/companies").status());
    }
    return out;
  }

  @Test
  void sameSeedGivesTheSameFaultSequence() {
    JsonObject plan = new JsonObject().put("rate429", 0.2).put("rate5xx", 0.2).put("seed", 7);
    assertThat(fx.http.put("/_sandbox/faults", plan).status()).isEqualTo(200);
    List<Integer> first = statuses(40);
    fx.http.put("/_sandbox/faults", plan);
    List<Integer> second = statuses(40);
    assertThat(second).isEqualTo(first);
    assertThat(first).contains(200, 429, 502);
    fx.http.put("/_sandbox/faults", plan.copy().put("seed", 8));
    assertThat(statuses(40)).isNotEqualTo(first);
    assertThat(
            fx.http
                .get("/_sandbox/stats")
                .json()
                .getJsonObject("rateLimited")
                .getJsonObject("byPolicy")
                .getLong("INJECTED"))
        .isPositive();
  }

  @Test
  void injected429CarriesHubSpotsBody() {
    fx.http.put("/_sandbox/faults", new JsonObject().put("rate429", 1.0));
    TestHttp.Res r = api.get("/crm/v3/objects/companies");
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.json().getString("policyName")).isEqualTo("TEN_SECONDLY_ROLLING");
    assertThat(r.json().getString("errorType")).isEqualTo("RATE_LIMIT");
    assertThat(fx.http.get("/_sandbox/faults").status()).isEqualTo(200);
  }

  @Test
  void resetDropsTheConnectionWithoutWriting() {
    fx.http.put("/_sandbox/faults", new JsonObject().put("rateReset", 1.0));
    assertThatThrownBy(() -> api.postRaw("/crm/v3/objects/companies", company("r")))
        .isInstanceOf(IOException.class);
    fx.http.delete("/_sandbox/faults");
    assertThat(fx.sandbox.count(portalId, ObjectType.COMPANIES)).isZero();
  }

  @Test
  void dropAfterCommitWritesThenDropsTheConnection() {
    fx.http.put("/_sandbox/faults", new JsonObject().put("rateDropAfterCommit", 1.0));
    assertThatThrownBy(() -> api.postRaw("/crm/v3/objects/companies", company("d")))
        .isInstanceOf(IOException.class);
    fx.http.delete("/_sandbox/faults");
    assertThat(fx.sandbox.findByProperty(portalId, ObjectType.COMPANIES, "name", "d")).hasSize(1);
    JsonObject log = fx.http.get("/_sandbox/requests").json();
    assertThat(log.getJsonArray("results").stream().map(o -> ((JsonObject) o).getString("fault")))
        .contains("DROP_AFTER_COMMIT");
  }

  @Test
  void malformedAnswersUnparseableBodyAfterWriting() {
    fx.http.put("/_sandbox/faults", new JsonObject().put("rateMalformed", 1.0));
    TestHttp.Res r = api.post("/crm/v3/objects/companies", company("m"));
    assertThat(r.status()).isEqualTo(201);
    assertThatThrownBy(r::json).isInstanceOf(DecodeException.class);
    assertThat(fx.sandbox.count(portalId, ObjectType.COMPANIES)).isEqualTo(1);
  }

  @Test
  void latencyDelaysAnswers() {
    fx.http.put("/_sandbox/faults", new JsonObject().put("latencyMs", 600));
    long t0 = System.nanoTime();
    assertThat(api.get("/crm/v3/objects/companies").status()).isEqualTo(200);
    assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(600);
    long t1 = System.nanoTime();
    fx.http.get("/_sandbox/faults");
    assertThat((System.nanoTime() - t1) / 1_000_000).isLessThan(600);
  }

  @Test
  void invalidPlanIsRejected() {
    TestHttp.Res r = fx.http.put("/_sandbox/faults", new JsonObject().put("rate5xx", 2));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("error")).contains("rate5xx");
  }
}

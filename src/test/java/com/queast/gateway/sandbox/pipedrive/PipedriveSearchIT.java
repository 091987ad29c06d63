package com.queast.gateway.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipedriveSearchIT {

  private Harness h;

  @AfterEach
  void stop() {
    h.close();
  }

  private JsonArray items(String query) {
    Harness.Resp r = h.get(query);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getJsonObject("data").getJsonArray("items");
  }

  @Test
  void termLengthRulesDependOnExactMatch() {
    h = Harness.start();
    h.createOrg("X");
    Harness.Resp tooShort = h.get("/api/v2/organizations/search?term=X");
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooShort.json().getString("error")).contains("term");
    assertThat(items("/api/v2/organizations/search?term=x&exact_match=true")).hasSize(1);
    assertThat(h.get("/api/v2/organizations/search").status()).isEqualTo(400);
    assertThat(h.get("/api/v2/organizations/search?term=ab&fields=email").status())
        .as("email is a person field only")
        .isEqualTo(400);
    assertThat(h.get("/api/v2/organizations/search?term=ab&exact_match=1").status())
        .as("v2 booleans are true/false")
        .isEqualTo(400);
  }

  @Test
  void personSearchByExactEmailReturnsStringArrays() {
    h = Harness.start();
    long org = h.createOrg("Acme Inc");
    h.post(
        "/api/v2/persons",
        new JsonObject()
            .put("name", "Jane Doe")
            .put("org_id", org)
            .put("emails", new JsonArray().add(new JsonObject().put("value", "Jane@Acme.io")))
            .put("phones", new JsonArray().add(new JsonObject().put("value", "+49 30 1234"))));
    h.post("/api/v2/persons", new JsonObject().put("name", "Janet Roe"));

    JsonArray exact =
        items("/api/v2/persons/search?term=jane%40acme.io&fields=email&exact_match=true");
    assertThat(exact).hasSize(1);
    JsonObject hit = exact.getJsonObject(0);
    assertThat(hit.getDouble("result_score")).isPositive();
    JsonObject item = hit.getJsonObject("item");
    assertThat(item.getJsonArray("emails").getString(0)).isEqualTo("Jane@Acme.io");
    assertThat(item.getJsonArray("phones").getString(0)).isEqualTo("+49 30 1234");
    assertThat(item.getJsonObject("organization").getString("name")).isEqualTo("Acme Inc");
    assertThat(item.getJsonObject("owner").getLong("id")).isEqualTo(h.company.userId());

    assertThat(items("/api/v2/persons/search?term=jan&fields=name")).hasSize(2);
    assertThat(items("/api/v2/persons/search?term=jan&fields=name&exact_match=true")).isEmpty();
    assertThat(items("/api/v2/persons/search?term=jan&organization_id=" + org)).hasSize(1);
  }

  @Test
  void searchPagesWithCursor() {
    h = Harness.start();
    for (int i = 0; i < 5; i++) {
      h.createOrg("Widget " + i);
    }
    JsonObject first = h.get("/api/v2/organizations/search?term=widget&limit=3").json();
    assertThat(first.getJsonObject("data").getJsonArray("items")).hasSize(3);
    String cursor = first.getJsonObject("additional_data").getString("next_cursor");
    JsonObject second =
        h.get("/api/v2/organizations/search?term=widget&limit=3&cursor=" + cursor).json();
    assertThat(second.getJsonObject("data").getJsonArray("items")).hasSize(2);
    assertThat(second.getJsonObject("additional_data").getValue("next_cursor")).isNull();
  }

  @Test
  void recordsBecomeFindableAfterTheIndexingDelay() {
    h = Harness.start(b -> b.searchIndexDelay(Duration.ofSeconds(5)));
    h.createOrg("Fresh Corp");
    assertThat(items("/api/v2/organizations/search?term=fresh")).isEmpty();
    h.clock.advance(Duration.ofSeconds(5));
    assertThat(items("/api/v2/organizations/search?term=fresh")).hasSize(1);
  }
}

package com.queast.gateway.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SearchIT {

  SandboxFixture fx;

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  private static JsonObject filter(String prop, String op, Object value) {
    JsonObject f = new JsonObject().put("propertyName", prop).put("operator", op);
    if (value instanceof JsonArray a) {
      f.put("values", a);
    } else if (value != null) {
      f.put("value", value);
    }
    return f;
  }

  private static JsonObject search(JsonObject... groups) {
    JsonArray g = new JsonArray();
    for (JsonObject group : groups) {
      g.add(group);
    }
    return new JsonObject().put("filterGroups", g);
  }

  private static JsonObject group(JsonObject... filters) {
    JsonArray f = new JsonArray();
    for (JsonObject x : filters) {
      f.add(x);
    }
    return new JsonObject().put("filters", f);
  }

  private TestHttp bigPortal() {
    TestHttp.Res r =
        fx.http.post("/_sandbox/portals", new JsonObject().put("tier", "100000/10s,0/day"));
    return fx.http.withToken(r.json().getString("privateAppToken"));
  }

  private List<String> ids(JsonObject res) {
    List<String> out = new ArrayList<>();
    res.getJsonArray("results").forEach(o -> out.add(((JsonObject) o).getString("id")));
    return out;
  }

  private String contact(TestHttp api, String email, String first, String employees) {
    JsonObject p = new JsonObject().put("email", email).put("firstname", first);
    return api.post("/crm/v3/objects/contacts", new JsonObject().put("properties", p))
        .json()
        .getString("id");
  }

  @Test
  void filtersCombineAndWithinGroupsOrAcrossGroups() {
    fx = new SandboxFixture(b -> b.searchPerSecond(1000));
    TestHttp api = bigPortal();
    String ann = contact(api, "ann@hubspot.com", "Ann", null);
    String bob = contact(api, "bob@example.com", "Bob", null);
    String cid = contact(api, "cid@hubspot.com", null, null);

    JsonObject r1 =
        api.post(
                "/crm/v3/objects/contacts/search",
                search(
                    group(
                        filter("email", "CONTAINS_TOKEN", "*@hubspot.com"),
                        filter("firstname", "HAS_PROPERTY", null))))
            .json();
    assertThat(ids(r1)).containsExactly(ann);
    assertThat(r1.getInteger("total")).isEqualTo(1);

    JsonObject r2 =
        api.post(
                "/crm/objects/2026-03/contacts/search",
                search(
                    group(filter("firstname", "EQ", "bob")),
                    group(filter("firstname", "NOT_HAS_PROPERTY", null))))
            .json();
    assertThat(ids(r2)).containsExactlyInAnyOrder(bob, cid);

    JsonObject r3 =
        api.post(
                "/crm/v3/objects/contacts/search",
                search(
                    group(
                        filter(
                            "email",
                            "IN",
                            new JsonArray().add("ann@hubspot.com").add("bob@example.com")),
                        filter("firstname", "NEQ", "Ann"))))
            .json();
    assertThat(ids(r3)).containsExactly(bob);

    JsonObject r4 =
        api.post(
                "/crm/v3/objects/contacts/search",
                search(group(filter("hs_object_id", "GT", ann)))
                    .put(
                        "sorts",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("propertyName", "hs_object_id")
                                    .put("direction", "DESCENDING"))))
            .json();
    assertThat(ids(r4)).containsExactly(cid, bob);

    JsonObject q =
        api.post("/crm/v3/objects/contacts/search", new JsonObject().put("query", "bob")).json();
    assertThat(ids(q)).containsExactly(bob);
  }

  @Test
  void tooManyFiltersAndUnknownOperatorsAreValidationErrors() {
    fx = new SandboxFixture(b -> b.searchPerSecond(1000));
    TestHttp api = bigPortal();
    JsonObject[] groups = new JsonObject[6];
    for (int i = 0; i < 6; i++) {
      groups[i] = group(filter("email", "HAS_PROPERTY", null));
    }
    TestHttp.Res r = api.post("/crm/v3/objects/contacts/search", search(groups));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("category")).isEqualTo("VALIDATION_ERROR");
    TestHttp.Res op =
        api.post("/crm/v3/objects/contacts/search", search(group(filter("email", "LIKE", "x"))));
    assertThat(op.status()).isEqualTo(400);
    TestHttp.Res limit =
        api.post("/crm/v3/objects/contacts/search", new JsonObject().put("limit", 201));
    assertThat(limit.status()).isEqualTo(400);
  }

  @Test
  void pagesWithAfterUpToTheTenThousandResultCap() {
    fx = new SandboxFixture(b -> b.searchPerSecond(1000));
    TestHttp api = bigPortal();
    for (int b = 0; b < 101; b++) {
      JsonArray inputs = new JsonArray();
      for (int i = 0; i < 100; i++) {
        inputs.add(
            new JsonObject()
                .put("properties", new JsonObject().put("name", "co-" + (b * 100 + i))));
      }
      assertThat(
              api.post(
                      "/crm/v3/objects/companies/batch/create",
                      new JsonObject().put("inputs", inputs))
                  .status())
          .isEqualTo(201);
    }
    JsonObject first =
        api.post("/crm/v3/objects/companies/search", new JsonObject().put("limit", 200)).json();
    assertThat(first.getInteger("total")).isEqualTo(10_100);
    assertThat(first.getJsonArray("results")).hasSize(200);
    assertThat(first.getJsonObject("paging").getJsonObject("next").getString("after"))
        .isEqualTo("200");

    JsonObject nearEnd =
        api.post(
                "/crm/v3/objects/companies/search",
                new JsonObject().put("limit", 200).put("after", "9900"))
            .json();
    assertThat(nearEnd.getJsonArray("results")).hasSize(100);
    assertThat(nearEnd.containsKey("paging")).isFalse();

    TestHttp.Res beyond =
        api.post(
            "/crm/v3/objects/companies/search",
            new JsonObject().put("limit", 10).put("after", "10000"));
    assertThat(beyond.status()).isEqualTo(400);
    assertThat(beyond.json().getString("category")).isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void newWritesAppearInSearchOnlyAfterTheIndexingDelay() {
    fx = new SandboxFixture(b -> b.searchIndexingDelayMs(3000).searchPerSecond(1000));
    TestHttp api = bigPortal();
    String id = contact(api, "late@x.io", "Late", null);
    JsonObject byEmail = search(group(filter("email", "EQ", "late@x.io")));
    assertThat(api.post("/crm/v3/objects/contacts/search", byEmail).json().getInteger("total"))
        .isZero();
    fx.clock.advance(Duration.ofMillis(3000));
    assertThat(ids(api.post("/crm/v3/objects/contacts/search", byEmail).json()))
        .containsExactly(id);
    api.patch(
        "/crm/v3/objects/contacts/" + id,
        new JsonObject().put("properties", new JsonObject().put("firstname", "Renamed")));
    JsonObject byName = search(group(filter("firstname", "EQ", "Renamed")));
    assertThat(api.post("/crm/v3/objects/contacts/search", byName).json().getInteger("total"))
        .isZero();
    fx.clock.advance(Duration.ofMillis(3000));
    assertThat(api.post("/crm/v3/objects/contacts/search", byName).json().getInteger("total"))
        .isEqualTo(1);
  }

  @Test
  void searchIsLimitedToFivePerSecondWithoutRateLimitHeaders() {
    fx = new SandboxFixture();
    TestHttp api = fx.portalClient();
    for (int i = 0; i < 5; i++) {
      TestHttp.Res ok = api.post("/crm/v3/objects/contacts/search", new JsonObject());
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.header("X-HubSpot-RateLimit-Max")).isNull();
    }
    TestHttp.Res limited = api.post("/crm/v3/objects/contacts/search", new JsonObject());
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().getString("message"))
        .isEqualTo("You have reached your secondly limit.");
    assertThat(limited.json().getString("errorType")).isEqualTo("RATE_LIMIT");
    assertThat(limited.header("X-HubSpot-RateLimit-Remaining")).isNull();
    fx.clock.advance(Duration.ofSeconds(1));
    assertThat(api.post("/crm/v3/objects/contacts/search", new JsonObject()).status())
        .isEqualTo(200);
    assertThat(fx.sandbox.rateLimiter().stats().getJsonObject("byPolicy").getLong("SECONDLY"))
        .isEqualTo(1);
  }
}

package com.queast.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.support.Http;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.ScriptedConnector;
import com.queast.gateway.support.TestConnections;
import com.queast.gateway.support.TestDatabase;
import com.queast.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class MappingApiIT {

  private static TestGateway gw;
  private static Http http;
  private static UUID conn;
  private static TestDatabase db;

  @BeforeAll
  static void start(TestDatabase database) {
    db = database;
    gw = TestGateway.start(database, Map.of(), new ScriptedConnector(100));
    http = gw.http();
    http.put("/v1/tenants/t1", new JsonObject().put("name", "T1"));
    conn =
        TestConnections.active(database, gw.gateway().services().connections(), "t1", "test", "a1");
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private String path() {
    return "/v1/tenants/t1/connections/" + conn + "/mapping";
  }

  @Test
  void overridesAreVersionedValidatedAgainstTheCrmAndNeverHalfApplied() {
    JsonObject first = http.get(path()).json();
    assertThat(first.getInteger("version")).isZero();
    assertThat(first.getJsonObject("effective")).isEqualTo(first.getJsonObject("defaults"));

    JsonObject patch =
        new JsonObject()
            .put(
                "company",
                new JsonObject()
                    .put(
                        "properties",
                        new JsonObject().put("city", new JsonObject().put("from", "city"))));
    Http.Res ok = http.put(path(), patch);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().getInteger("version")).isEqualTo(1);
    assertThat(
            ok.json()
                .getJsonObject("effective")
                .getJsonObject("company")
                .getJsonObject("properties")
                .containsKey("city"))
        .isTrue();

    Http.Res unknownProp =
        http.put(
            path(),
            new JsonObject()
                .put(
                    "company",
                    new JsonObject()
                        .put(
                            "properties",
                            new JsonObject()
                                .put("revenue_band", new JsonObject().put("from", "name")))));
    assertThat(unknownProp.status()).isEqualTo(400);
    assertThat(unknownProp.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("objects.properties.revenue_band");

    Http.Res invalid =
        http.put(path(), new JsonObject().put("signal", new JsonObject().put("as", "fax")));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().getJsonArray("errors").encode()).contains("signal.as");
    assertThat(http.get(path()).json().getInteger("version")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM mapping_overrides")).isEqualTo(1);

    assertThat(http.get("/v1/tenants/t2/connections/" + conn + "/mapping").status()).isEqualTo(404);
  }
}

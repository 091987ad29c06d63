package com.queast.gateway.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.connector.IdentityResolver;
import com.queast.gateway.record.RecordType;
import com.queast.gateway.support.Http;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.ScriptedConnector;
import com.queast.gateway.support.TestDatabase;
import com.queast.gateway.support.TestGateway;
import com.queast.gateway.tenant.Connection;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class MatchingIT {

  private static TestGateway gw;
  private static Http http;
  private static ScriptedConnector crm;
  private static TestDatabase db;
  private static UUID conn;

  @BeforeAll
  static void start(TestDatabase database) {
    db = database;
    crm =
        new ScriptedConnector(100)
            .crmRecords(
                List.of(
                    CrmRecord.company("101", "Globex Corporation", "globex.com", null, "US"),
                    CrmRecord.company("102", "Initech", null, null, "US"),
                    CrmRecord.company("103", "Umbrella Holdings", "umbrella.example", null, "GB"),
                    CrmRecord.company("104", "Hooli", "hooli.com", null, "US"),
                    CrmRecord.company("105", "Massive Dynamic", "massivedynamic.com", null, "US")));
    gw = TestGateway.start(database, Map.of(), crm);
    http = gw.http();
    http.put("/v1/tenants/t1", new JsonObject().put("name", "T1"));
    http.put("/v1/tenants/t2", new JsonObject().put("name", "T2"));
    http.put(
        "/v1/tenants/t1/companies/q-globex",
        new JsonObject().put("name", "Globex Corp.").put("domain", "https://www.globex.com"));
    http.put(
        "/v1/tenants/t1/companies/q-initech",
        new JsonObject().put("name", "Initech Systems").put("country", "US"));
    http.put(
        "/v1/tenants/t1/companies/q-new",
        new JsonObject().put("name", "Brand New Ventures").put("domain", "brandnew.io"));
    connected =
        http.post(
                "/v1/tenants/t1/connections",
                new JsonObject()
                    .put("crm", "test")
                    .put("auth", "token")
                    .put("apiToken", "good-token"))
            .json();
    conn = UUID.fromString(connected.getString("connectionId"));
  }

  private static JsonObject connected;

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static Connection connection() {
    return gw.gateway()
        .services()
        .connections()
        .get("t1", conn)
        .await()
        .indefinitely()
        .orElseThrow();
  }

  private static IdentityResolver.Resolution resolve(String id) {
    var rec =
        gw.gateway()
            .services()
            .records()
            .get("t1", RecordType.COMPANY, id)
            .await()
            .indefinitely()
            .orElseThrow();
    return gw.gateway().services().identity().resolve(connection(), rec).await().indefinitely();
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void theIndexIsBuiltBeforeTheBackfillAndMatchesCarryEvidenceAndCanBeCorrected() {
    assertThat(connected.getBoolean("indexing")).isTrue();
    // Index pages (5 companies in pages of 2, 0 people) run in the lane; the last one starts the
    // backfill.
    await().atMost(Duration.ofSeconds(15)).until(() -> crm.totalWrites() == 3);
    assertThat(db.count("SELECT count(*) FROM crm_records WHERE source = 'pull'")).isEqualTo(5);
    assertThat(connection().config().getJsonObject("index"))
        .isEqualTo(new JsonObject().put("company", "complete").put("person", "complete"));

    IdentityResolver.Resolution globex = resolve("q-globex");
    assertThat(globex.action()).isEqualTo(IdentityResolver.Action.LINK);
    assertThat(globex.crmId()).isEqualTo("101");
    assertThat(resolve("q-new").action()).isEqualTo(IdentityResolver.Action.CREATE);
    IdentityResolver.Resolution initech = resolve("q-initech");
    assertThat(initech.action()).isEqualTo(IdentityResolver.Action.WAIT_FOR_REVIEW);

    var all = http.get("/v1/tenants/t1/matches").json().getJsonArray("items");
    assertThat(all).hasSize(2);
    JsonObject auto =
        http.get("/v1/tenants/t1/matches?state=auto_linked")
            .json()
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(auto.getString("recordId")).isEqualTo("q-globex");
    assertThat(auto.getString("strategy")).isEqualTo("domain");
    assertThat(auto.getJsonObject("evidence").encode()).contains("domain");
    JsonObject review =
        http.get("/v1/tenants/t1/matches?state=needs_review")
            .json()
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(review.getString("crmId")).isEqualTo("102");
    assertThat(http.get("/v1/tenants/t2/matches").json().getJsonArray("items")).isEmpty();
    assertThat(
            http.post("/v1/tenants/t2/matches/" + review.getLong("id") + "/confirm", null).status())
        .isEqualTo(404);
    assertThat(http.get("/v1/tenants/t1/matches?state=bogus").status()).isEqualTo(400);

    // A person confirms the review item: later deliveries link.
    JsonObject confirmed =
        http.post("/v1/tenants/t1/matches/" + review.getLong("id") + "/confirm", null).json();
    assertThat(confirmed.getString("state")).isEqualTo("confirmed");
    assertThat(resolve("q-initech").crmId()).isEqualTo("102");

    // The auto-link was wrong: reject it; the record is re-delivered and creates its own CRM
    // record.
    int before = crm.writes().get("company/q-globex").get();
    JsonObject rejected =
        http.post("/v1/tenants/t1/matches/" + auto.getLong("id") + "/reject", null).json();
    assertThat(rejected.getString("state")).isEqualTo("rejected");
    assertThat(rejected.getString("previousCrmId")).isEqualTo("101");
    assertThat(rejected.getJsonArray("writtenUnderPreviousLink")).isNotNull();
    assertThat(resolve("q-globex").action()).isEqualTo(IdentityResolver.Action.CREATE);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> crm.writes().get("company/q-globex").get() == before + 1);

    // Relink to another CRM record.
    JsonObject relinked =
        http.post(
                "/v1/tenants/t1/matches/" + auto.getLong("id") + "/relink",
                new JsonObject().put("crmId", "104"))
            .json();
    assertThat(relinked.getString("state")).isEqualTo("confirmed");
    assertThat(resolve("q-globex").crmId()).isEqualTo("104");
    assertThat(
            http.post("/v1/tenants/t1/matches/" + auto.getLong("id") + "/relink", new JsonObject())
                .status())
        .isEqualTo(400);
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void matchingSettingsAreValidated() {
    String path = "/v1/tenants/t1/connections/" + conn + "/matching";
    assertThat(
            http.put(
                    path,
                    new JsonObject()
                        .put("autoLink", 0.95)
                        .put("reviewFloor", 0.6)
                        .put("onReview", "create"))
                .status())
        .isEqualTo(200);
    assertThat(connection().config().getJsonObject("matching").getString("onReview"))
        .isEqualTo("create");
    Http.Res bad =
        http.put(path, new JsonObject().put("autoLink", 2).put("onReview", "maybe").put("x", 1));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getJsonArray("errors").encode())
        .contains("autoLink", "onReview", "\"x\"");
    assertThat(
            http.put(path, new JsonObject().put("autoLink", 0.5).put("reviewFloor", 0.7)).status())
        .isEqualTo(400);
  }
}

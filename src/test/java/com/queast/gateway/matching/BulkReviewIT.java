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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST .../matches:decide} settles every review a filter selects in one call, with the
 * effect of single decisions (confirmed records are delivered to the proposed CRM record, rejected
 * ones get their own), and {@code GET .../matching-report} counts what happened per connection.
 */
@ExtendWith(PostgresExtension.class)
class BulkReviewIT {

  private static final int SAME = 30;
  private static final int LONGER = 10;

  private static TestGateway gw;
  private static Http http;
  private static ScriptedConnector crm;
  private static TestDatabase db;
  private static String conn;

  /** A made-up two-word name unique to n (no real company facts, no shared words). */
  private static String name(int n) {
    return word(n, new String[] {"ka", "lo", "mi", "te", "vu", "za", "bre", "quo", "fi", "da"})
        + " "
        + word(
            n, new String[] {"nor", "pel", "sut", "gri", "hov", "jax", "wim", "yel", "ost", "ruk"});
  }

  private static String word(int n, String[] syllables) {
    String digits = String.format("%03d", n);
    StringBuilder w = new StringBuilder();
    for (char c : digits.toCharArray()) {
      w.append(syllables[c - '0']);
    }
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }

  @BeforeAll
  static void start(TestDatabase database) {
    db = database;
    List<CrmRecord> existing = new ArrayList<>();
    for (int i = 0; i < SAME + LONGER; i++) {
      existing.add(CrmRecord.company(Integer.toString(500 + i), name(i), null, null, "US"));
    }
    crm = new ScriptedConnector(100).crmRecords(existing);
    gw = TestGateway.start(database, Map.of(), crm);
    http = gw.http();
    http.put("/v1/tenants/t1", new JsonObject().put("name", "T1"));
    http.put("/v1/tenants/t2", new JsonObject().put("name", "T2"));
    conn =
        http.post(
                "/v1/tenants/t1/connections",
                new JsonObject()
                    .put("crm", "test")
                    .put("auth", "token")
                    .put("apiToken", "good-token"))
            .json()
            .getString("connectionId");
    JsonArray items = new JsonArray();
    for (int i = 0; i < SAME + LONGER; i++) {
      // The last ten carry an extra word: a lower name score than the exact ones.
      String n = i < SAME ? name(i) : name(i) + " Trading";
      items.add(new JsonObject().put("id", "q" + i).put("name", n).put("country", "US"));
    }
    assertThat(
            http.post("/v1/tenants/t1/companies:batch", new JsonObject().put("items", items))
                .status())
        .isEqualTo(202);
    await().atMost(Duration.ofSeconds(60)).until(() -> crm.totalWrites() >= SAME + LONGER);
    // The scripted connector does not resolve identities itself: resolve each record as a
    // connector would, which stores the match decisions.
    for (int i = 0; i < SAME + LONGER; i++) {
      resolve("q" + i);
    }
    review = (int) db.count("SELECT count(*) FROM matches WHERE state = 'needs_review'");
    assertThat(review).as("exact names wait for review").isGreaterThanOrEqualTo(SAME);
  }

  private static int review;

  private static IdentityResolver.Resolution resolve(String id) {
    Connection c =
        gw.gateway()
            .services()
            .connections()
            .get("t1", UUID.fromString(conn))
            .await()
            .indefinitely()
            .orElseThrow();
    var rec =
        gw.gateway()
            .services()
            .records()
            .get("t1", RecordType.COMPANY, id)
            .await()
            .indefinitely()
            .orElseThrow();
    return gw.gateway().services().identity().resolve(c, rec).await().indefinitely();
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static Http.Res decide(String tenant, JsonObject body) {
    return http.post("/v1/tenants/" + tenant + "/matches:decide", body);
  }

  @Test
  void oneCallSettlesAWholeScoreBandAndTheRecordsFollowTheDecisions() {
    TreeSet<Double> scores = new TreeSet<>();
    http.get("/v1/tenants/t1/matches?state=needs_review&limit=1000")
        .json()
        .getJsonArray("items")
        .forEach(m -> scores.add(((JsonObject) m).getDouble("score")));
    double cut = scores.last() - 1e-6;
    int writesBefore = crm.totalWrites();

    // Another tenant's call touches nothing.
    Http.Res other =
        decide("t2", new JsonObject().put("action", "confirm").put("filter", new JsonObject()));
    assertThat(other.json().getInteger("changed")).isZero();

    Http.Res confirmed =
        decide(
            "t1",
            new JsonObject()
                .put("action", "confirm")
                .put("filter", new JsonObject().put("connectionId", conn).put("minScore", cut)));
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    int top =
        (int)
            db.count("SELECT count(*) FROM matches WHERE state = 'confirmed' AND score >= " + cut);
    assertThat(confirmed.json().getInteger("changed")).isEqualTo(top).isPositive();
    Http.Res rejected =
        decide(
            "t1",
            new JsonObject()
                .put("action", "reject")
                .put("filter", new JsonObject().put("strategy", "name")));
    assertThat(rejected.json().getInteger("changed")).isEqualTo(review - top);
    assertThat(db.count("SELECT count(*) FROM matches WHERE state = 'needs_review'")).isZero();

    // Every decided record is delivered again, and later resolutions follow the decisions:
    // confirmed ones link to the proposed CRM record, rejected ones get their own.
    await().atMost(Duration.ofSeconds(30)).until(() -> crm.totalWrites() >= writesBefore + review);
    for (Object o : http.get("/v1/tenants/t1/matches?limit=1000").json().getJsonArray("items")) {
      JsonObject m = (JsonObject) o;
      IdentityResolver.Resolution r = resolve(m.getString("recordId"));
      if ("confirmed".equals(m.getString("state"))) {
        assertThat(r.action()).isEqualTo(IdentityResolver.Action.LINK);
        assertThat(r.crmId()).isEqualTo(m.getString("crmId"));
      } else if ("rejected".equals(m.getString("state"))) {
        assertThat(r.action()).as(m.encode()).isEqualTo(IdentityResolver.Action.CREATE);
      }
    }
    JsonObject report = http.get("/v1/tenants/t1/connections/" + conn + "/matching-report").json();
    assertThat(report.getJsonObject("outcomes").getLong("confirmed")).isEqualTo(top);
    assertThat(report.getJsonObject("outcomes").getLong("rejected")).isEqualTo(review - top);
    long bandConfirmed = 0;
    long bandRejected = 0;
    for (Object b : report.getJsonArray("bands")) {
      bandConfirmed += ((JsonObject) b).getLong("confirmed");
      bandRejected += ((JsonObject) b).getLong("rejected");
    }
    assertThat(bandConfirmed).isEqualTo(top);
    assertThat(bandRejected).isEqualTo(review - top);
    assertThat(report.getJsonObject("thresholds").getDouble("autoLink")).isEqualTo(0.9);
    assertThat(http.get("/v1/tenants/t2/connections/" + conn + "/matching-report").status())
        .isEqualTo(404);
  }

  @Test
  void badBulkDecisionsAreRefusedNamingTheField() {
    Map<String, JsonObject> bad =
        Map.of(
            "action",
            new JsonObject().put("action", "approve"),
            "filter.minScore",
            new JsonObject()
                .put("action", "confirm")
                .put("filter", new JsonObject().put("minScore", 2)),
            "filter.connectionId",
            new JsonObject()
                .put("action", "confirm")
                .put("filter", new JsonObject().put("connectionId", "not-a-uuid")),
            "filter.bogus",
            new JsonObject()
                .put("action", "confirm")
                .put("filter", new JsonObject().put("bogus", 1)),
            "filter.state",
            new JsonObject()
                .put("action", "reject")
                .put("filter", new JsonObject().put("state", "confirmed")),
            "filter",
            new JsonObject().put("action", "reject").put("filter", "all"));
    bad.forEach(
        (field, body) -> {
          Http.Res r = decide("t1", body);
          assertThat(r.status()).as(field + ": " + r.body()).isEqualTo(400);
          assertThat(r.body()).as(field).contains("\"field\":\"" + field + "\"");
        });
  }
}

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Decisions racing a rule being applied to the waiting reviews (issue 15): an operator confirms one
 * review of a pair (the alias it teaches settles the other waiting ones) while other operators
 * reject some of the same reviews one by one, or reject them all in bulk. Whatever the
 * interleaving, no operator decision is lost (every rejected review stays rejected, the confirmed
 * one stays confirmed), nothing is linked to another CRM record, and no review is left waiting.
 */
@ExtendWith(PostgresExtension.class)
class LearningRaceIT {

  private static final String[][] PAIRS = {
    {"SAI", "Sorvek Almetra Industries", "901"},
    {"KDM", "Kelvor Dustan Maritime", "902"},
    {"POG", "Pravel Ontrix Gallery", "903"},
    {"BTF", "Brunel Tasko Freight", "904"},
    {"LVC", "Lumeni Vostra Carriers", "905"},
    {"DRW", "Dalvik Rosen Weavers", "906"},
  };
  private static final int PER_ROUND = 24;

  private static TestGateway gw;
  private static Http http;
  private static TestDatabase db;
  private static String conn;

  @BeforeAll
  static void start(TestDatabase database) {
    db = database;
    List<CrmRecord> existing = new ArrayList<>();
    for (String[] p : PAIRS) {
      existing.add(CrmRecord.company(p[2], p[1], null, null, "US"));
    }
    gw = TestGateway.start(database, Map.of(), new ScriptedConnector(100).crmRecords(existing));
    http = gw.http();
    http.put("/v1/tenants/t1", new JsonObject().put("name", "T1"));
    conn =
        http.post(
                "/v1/tenants/t1/connections",
                new JsonObject()
                    .put("crm", "test")
                    .put("auth", "token")
                    .put("apiToken", "good-token"))
            .json()
            .getString("connectionId");
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                !connection().config().isEmpty()
                    && !MatchSettings.of(connection().config()).indexBuilding("company"));
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static Connection connection() {
    return gw.gateway()
        .services()
        .connections()
        .get("t1", UUID.fromString(conn))
        .await()
        .indefinitely()
        .orElseThrow();
  }

  /** Ingests PER_ROUND companies with the short name and resolves them: all wait for review. */
  private static List<Long> waiting(int round) {
    String name = PAIRS[round][0];
    JsonArray items = new JsonArray();
    for (int i = 0; i < PER_ROUND; i++) {
      items.add(
          new JsonObject().put("id", "r" + round + "-" + i).put("name", name).put("country", "US"));
    }
    assertThat(
            http.post("/v1/tenants/t1/companies:batch", new JsonObject().put("items", items))
                .status())
        .isEqualTo(202);
    Connection c = connection();
    for (int i = 0; i < PER_ROUND; i++) {
      var rec =
          gw.gateway()
              .services()
              .records()
              .get("t1", RecordType.COMPANY, "r" + round + "-" + i)
              .await()
              .indefinitely()
              .orElseThrow();
      IdentityResolver.Resolution r =
          gw.gateway().services().identity().resolve(c, rec).await().indefinitely();
      assertThat(r.action()).isEqualTo(IdentityResolver.Action.WAIT_FOR_REVIEW);
    }
    List<Long> ids = new ArrayList<>();
    for (Object o :
        http.get("/v1/tenants/t1/matches?state=needs_review&limit=1000")
            .json()
            .getJsonArray("items")) {
      JsonObject m = (JsonObject) o;
      if (m.getString("recordId").startsWith("r" + round + "-")) {
        ids.add(m.getLong("id"));
      }
    }
    assertThat(ids).hasSize(PER_ROUND);
    ids.sort(null);
    return ids;
  }

  private static Map<Long, JsonObject> states(List<Long> ids) {
    Map<Long, JsonObject> out = new HashMap<>();
    for (Object o : http.get("/v1/tenants/t1/matches?limit=1000").json().getJsonArray("items")) {
      JsonObject m = (JsonObject) o;
      if (ids.contains(m.getLong("id"))) {
        out.put(m.getLong("id"), m);
      }
    }
    return out;
  }

  @Test
  void aConfirmationThatSettlesWaitingReviewsNeverOverwritesDecisionsTakenMeanwhile()
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < PAIRS.length; round++) {
        List<Long> ids = waiting(round);
        long confirmed = ids.get(0);
        boolean bulk = round % 2 == 1;
        List<Long> rejectedByOperator = bulk ? List.of() : ids.subList(PER_ROUND / 2, PER_ROUND);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Res>> calls = new ArrayList<>();
        calls.add(
            pool.submit(
                () -> {
                  go.await();
                  return http.post("/v1/tenants/t1/matches/" + confirmed + "/confirm", null);
                }));
        if (bulk) {
          calls.add(
              pool.submit(
                  () -> {
                    go.await();
                    return http.post(
                        "/v1/tenants/t1/matches:decide",
                        new JsonObject()
                            .put("action", "reject")
                            .put("filter", new JsonObject().put("connectionId", conn)));
                  }));
        } else {
          for (long id : rejectedByOperator) {
            calls.add(
                pool.submit(
                    () -> {
                      go.await();
                      return http.post("/v1/tenants/t1/matches/" + id + "/reject", null);
                    }));
          }
        }
        go.countDown();
        Http.Res confirmation = calls.get(0).get(60, TimeUnit.SECONDS);
        // In a bulk round the operator's reject-all may commit first: it rejects the review being
        // confirmed too (a rejected review has no CRM record), and the confirmation is refused with
        // a 409 that says so. The rejection is then the decision that stands.
        boolean rejectedFirst = bulk && confirmation.status() == 409;
        if (rejectedFirst) {
          assertThat(confirmation.json().getString("code")).isEqualTo("nothing_to_confirm");
        } else {
          assertThat(confirmation.status()).as(confirmation.body()).isEqualTo(200);
        }
        for (Future<Http.Res> f : calls.subList(1, calls.size())) {
          Http.Res r = f.get(60, TimeUnit.SECONDS);
          assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        Map<Long, JsonObject> after = states(ids);
        assertThat(after).hasSize(PER_ROUND);
        assertThat(after.get(confirmed).getString("state"))
            .as("round " + round)
            .isEqualTo(rejectedFirst ? "rejected" : "confirmed");
        for (JsonObject m : after.values()) {
          String state = m.getString("state");
          assertThat(state)
              .as("round %d: %s", round, m.encode())
              .isIn("confirmed", "auto_linked", "rejected");
          if (!state.equals("rejected")) {
            assertThat(m.getString("crmId")).isEqualTo(PAIRS[round][2]);
          } else {
            assertThat(m.getString("crmId")).isNull();
          }
        }
        Map<String, Integer> tally = new TreeMap<>();
        after.values().forEach(m -> tally.merge(m.getString("state"), 1, Integer::sum));
        System.out.println(
            "LearningRaceIT round "
                + round
                + (bulk ? " bulk" : " single")
                + (rejectedFirst ? " (the reject-all first)" : "")
                + ": "
                + tally);
        for (long id : rejectedByOperator) {
          assertThat(after.get(id).getString("state"))
              .as("round %d: the operator's rejection of %d is kept", round, id)
              .isEqualTo("rejected");
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(db.count("SELECT count(*) FROM matches WHERE state = 'needs_review'")).isZero();
  }
}

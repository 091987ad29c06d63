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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Matching that learns (issue 15), end to end through the API on real Postgres: a confirmed review
 * teaches an alias that settles the other waiting reviews of that pair and links later records
 * (evidence naming the rule); a rejection is never proposed again; a deleted rule stops applying;
 * alias lists load as CSV and JSON (tenant and operator-wide) and bad lists are 400s naming the row
 * and field; bulk decisions teach too. All names are made up.
 */
@ExtendWith(PostgresExtension.class)
class LearningIT {

  private static TestGateway gw;
  private static Http http;
  private static ScriptedConnector crm;
  private static TestDatabase db;
  private static String conn;
  private static int next;

  @BeforeAll
  static void start(TestDatabase database) {
    db = database;
    List<CrmRecord> existing =
        List.of(
            CrmRecord.company("801", "Quorvex Lantern Systems", null, null, "US"),
            CrmRecord.company("802", "Vantor Meridian Logistics", null, null, "US"),
            CrmRecord.company("803", "Zamplex Orvani", null, null, "US"),
            CrmRecord.company("804", "Trelvan Ostrac", "trelvanostrac.com", null, "US"),
            CrmRecord.company("805", "Bruvik Halden Partners", null, null, "US"),
            CrmRecord.company("806", "Pelmora Sutrix Works", null, null, "US"),
            CrmRecord.company("807", "Idrel Voskan Studio", null, null, "US"),
            CrmRecord.company("808", "Nesko Parvel Group Trading", null, null, "US"));
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
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                !MatchSettings.of(
                        gw.gateway()
                            .services()
                            .connections()
                            .get("t1", UUID.fromString(conn))
                            .await()
                            .indefinitely()
                            .orElseThrow()
                            .config())
                    .indexBuilding("company"));
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  /** Ingests a company and resolves it as a connector would (storing the match decision). */
  private static IdentityResolver.Resolution company(String name, String domain) {
    String id = "q" + (++next);
    JsonObject item = new JsonObject().put("id", id).put("name", name).put("country", "US");
    if (domain != null) {
      item.put("domain", domain);
    }
    assertThat(
            http.post(
                    "/v1/tenants/t1/companies:batch",
                    new JsonObject().put("items", new JsonArray().add(item)))
                .status())
        .isEqualTo(202);
    last = id;
    return resolve(id);
  }

  private static String last;

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
    IdentityResolver.Resolution[] r = new IdentityResolver.Resolution[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              r[0] = gw.gateway().services().identity().resolve(c, rec).await().indefinitely();
              return !IdentityResolver.Resolution.INDEX_BUILDING.equals(
                  r[0].evidence().getString("reason"));
            });
    return r[0];
  }

  private static JsonObject match(String recordId) {
    for (Object o : http.get("/v1/tenants/t1/matches?limit=1000").json().getJsonArray("items")) {
      JsonObject m = (JsonObject) o;
      if (m.getString("recordId").equals(recordId)) {
        return m;
      }
    }
    return null;
  }

  private static JsonArray rules(String tenant) {
    return http.get("/v1/tenants/" + tenant + "/match-rules").json().getJsonArray("items");
  }

  private static JsonObject rule(String left, String right) {
    for (Object o : rules("t1")) {
      JsonObject r = (JsonObject) o;
      if ((r.getString("left").equals(left) && r.getString("right").equals(right))
          || (r.getString("left").equals(right) && r.getString("right").equals(left))) {
        return r;
      }
    }
    return null;
  }

  @Test
  void aConfirmedReviewTeachesAnAliasThatSettlesWaitingReviewsAndLinksLaterRecords() {
    // "QLS" is an initialism of the CRM's name: review, not a link.
    assertThat(company("QLS", null).action()).isEqualTo(IdentityResolver.Action.WAIT_FOR_REVIEW);
    String first = last;
    assertThat(company("QLS", null).action()).isEqualTo(IdentityResolver.Action.WAIT_FOR_REVIEW);
    String second = last;

    Http.Res confirmed =
        http.post("/v1/tenants/t1/matches/" + match(first).getLong("id") + "/confirm", null);
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    JsonObject alias = rule("QLS", "Quorvex Lantern Systems");
    assertThat(alias).as(rules("t1").encode()).isNotNull();
    assertThat(alias.getString("kind")).isEqualTo("name_alias");
    assertThat(alias.getString("source")).isEqualTo("confirm");
    assertThat(alias.getLong("matchId")).isEqualTo(match(first).getLong("id"));
    assertThat(rules("t2").encode()).as("another tenant sees nothing of it").doesNotContain("QLS");

    // The other waiting review of that pair was settled by the rule, which its evidence names.
    JsonObject settled = match(second);
    assertThat(settled.getString("state")).isEqualTo("auto_linked");
    assertThat(settled.getString("strategy")).isEqualTo("learned");
    assertThat(settled.getString("crmId")).isEqualTo("801");
    assertThat(settled.getJsonObject("evidence").encode())
        .contains("rule " + alias.getLong("id") + " (confirm)");

    // The per-connection report counts the rule's link as learned, not as an operator's decision.
    JsonObject report = http.get("/v1/tenants/t1/connections/" + conn + "/matching-report").json();
    assertThat(report.getJsonObject("byStrategy").encode()).contains("learned");
    // A later record with the alias links at once, and its evidence names the rule.
    IdentityResolver.Resolution later = company("QLS", null);
    assertThat(later.action()).isEqualTo(IdentityResolver.Action.LINK);
    assertThat(later.crmId()).isEqualTo("801");
    assertThat(match(last).getString("strategy")).isEqualTo("learned");
    assertThat(match(last).getJsonObject("evidence").encode())
        .contains("rule " + alias.getLong("id"))
        .contains("learned_alias");

    // Deleted, the rule stops applying: the next such record waits for review again.
    assertThat(
            http.send("DELETE", "/v1/tenants/t2/match-rules/" + alias.getLong("id"), null, Map.of())
                .status())
        .isEqualTo(404);
    assertThat(
            http.send("DELETE", "/v1/tenants/t1/match-rules/" + alias.getLong("id"), null, Map.of())
                .status())
        .isEqualTo(204);
    assertThat(rule("QLS", "Quorvex Lantern Systems")).isNull();
    assertThat(company("QLS", null).action()).isEqualTo(IdentityResolver.Action.WAIT_FOR_REVIEW);
  }

  @Test
  void aRejectedPairIsNeverProposedAgain() {
    assertThat(company("Vantor Meridian", null).action())
        .isEqualTo(IdentityResolver.Action.WAIT_FOR_REVIEW);
    String first = last;
    Http.Res rejected =
        http.post("/v1/tenants/t1/matches/" + match(first).getLong("id") + "/reject", null);
    assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
    JsonObject r = rule("Vantor Meridian", "Vantor Meridian Logistics");
    assertThat(r).isNotNull();
    assertThat(r.getString("kind")).isEqualTo("rejected_pair");
    IdentityResolver.Resolution again = company("Vantor Meridian", null);
    assertThat(again.action()).isEqualTo(IdentityResolver.Action.CREATE);
    assertThat(match(last)).as("not even stored as a review").isNull();
  }

  @Test
  void aRelinkTeachesTheAliasOfTheRightRecordAndRejectsTheOneProposed() {
    IdentityResolver.Resolution first = company("Nesko Parvel", null);
    assertThat(first.action()).isEqualTo(IdentityResolver.Action.WAIT_FOR_REVIEW);
    JsonObject m = match(last);
    assertThat(m.getString("crmId")).isEqualTo("808");
    Http.Res relinked =
        http.post(
            "/v1/tenants/t1/matches/" + m.getLong("id") + "/relink",
            new JsonObject().put("crmId", "807"));
    assertThat(relinked.status()).as(relinked.body()).isEqualTo(200);
    assertThat(rule("Nesko Parvel", "Idrel Voskan Studio").getString("kind"))
        .isEqualTo("name_alias");
    assertThat(rule("Nesko Parvel", "Idrel Voskan Studio").getString("source")).isEqualTo("relink");
    assertThat(rule("Nesko Parvel", "Nesko Parvel Group Trading").getString("kind"))
        .isEqualTo("rejected_pair");
    IdentityResolver.Resolution later = company("Nesko Parvel", null);
    assertThat(later.action()).isEqualTo(IdentityResolver.Action.LINK);
    assertThat(later.crmId()).isEqualTo("807");
  }

  @Test
  void bulkDecisionsTeachRules() {
    assertThat(company("Pelmora Sutrix", null).action())
        .isEqualTo(IdentityResolver.Action.WAIT_FOR_REVIEW);
    Http.Res bulk =
        http.post(
            "/v1/tenants/t1/matches:decide",
            new JsonObject()
                .put("action", "confirm")
                .put(
                    "filter",
                    new JsonObject()
                        .put("connectionId", conn)
                        .put("minScore", match(last).getDouble("score"))
                        .put("maxScore", match(last).getDouble("score"))));
    assertThat(bulk.status()).as(bulk.body()).isEqualTo(200);
    assertThat(bulk.json().getInteger("changed")).isPositive();
    assertThat(rule("Pelmora Sutrix", "Pelmora Sutrix Works")).isNotNull();
    assertThat(company("Pelmora Sutrix", null).action()).isEqualTo(IdentityResolver.Action.LINK);
  }

  @Test
  void aliasListsLoadAsCsvAndJsonAndLinkThroughTheirRules() {
    Http.Res csv =
        http.send(
            "POST",
            "/v1/tenants/t1/alias-lists?name=renames",
            "kind,left,right\r\nformer_name,Oldbrook Fintrel,Zamplex Orvani\r\n",
            Map.of("Content-Type", "text/csv"));
    assertThat(csv.status()).as(csv.body()).isEqualTo(201);
    assertThat(csv.json().getInteger("entries")).isEqualTo(1);
    IdentityResolver.Resolution renamed = company("Oldbrook Fintrel", null);
    assertThat(renamed.action()).isEqualTo(IdentityResolver.Action.LINK);
    assertThat(renamed.crmId()).isEqualTo("803");
    assertThat(match(last).getJsonObject("evidence").encode()).contains("(list)");

    Http.Res json =
        http.post(
            "/v1/tenants/t1/alias-lists",
            new JsonObject()
                .put("name", "domains")
                .put(
                    "entries",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("kind", "domain")
                                .put("left", "trelvanold.com")
                                .put("right", "trelvanostrac.com"))));
    assertThat(json.status()).as(json.body()).isEqualTo(201);
    IdentityResolver.Resolution byDomain = company("Trelvan Ostrac", "https://trelvanold.com");
    assertThat(byDomain.action()).isEqualTo(IdentityResolver.Action.LINK);
    assertThat(byDomain.crmId()).isEqualTo("804");

    // Operator-wide: applies to every tenant, listed as such, not deletable by a tenant.
    Http.Res operator =
        http.send(
            "POST",
            "/v1/admin/alias-lists?name=operator",
            "kind,left,right\nname,Halden Bruvik,Bruvik Halden Partners\n",
            Map.of("Content-Type", "text/csv"));
    assertThat(operator.status()).as(operator.body()).isEqualTo(201);
    assertThat(operator.json().getBoolean("operatorWide")).isTrue();
    JsonObject wide = rule("Halden Bruvik", "Bruvik Halden Partners");
    assertThat(wide.getBoolean("operatorWide")).isTrue();
    assertThat(rules("t2").encode()).contains("Halden Bruvik");
    assertThat(
            http.send("DELETE", "/v1/tenants/t1/match-rules/" + wide.getLong("id"), null, Map.of())
                .status())
        .isEqualTo(404);
    assertThat(http.get("/v1/admin/alias-lists").json().getJsonArray("items").size()).isEqualTo(1);
    assertThat(http.get("/v1/tenants/t1/alias-lists").json().getJsonArray("items").size())
        .isEqualTo(3);
    long listId = csv.json().getLong("id");
    assertThat(http.send("DELETE", "/v1/tenants/t1/alias-lists/" + listId, null, Map.of()).status())
        .isEqualTo(204);
    assertThat(rule("Oldbrook Fintrel", "Zamplex Orvani")).as("its rules went with it").isNull();
  }

  @Test
  void badAliasListsAreRefusedNamingTheRowAndField() {
    Map<String, Http.Res> bad =
        Map.of(
            "header",
            http.send(
                "POST",
                "/v1/tenants/t1/alias-lists?name=x",
                "kind,left\nname,A\n",
                Map.of("Content-Type", "text/csv")),
            "line 3.kind",
            http.send(
                "POST",
                "/v1/tenants/t1/alias-lists?name=x",
                "kind,left,right\nname,Aa Bb,Cc Dd\nticker,Ee,Ff\n",
                Map.of("Content-Type", "text/csv")),
            "line 2.right",
            http.send(
                "POST",
                "/v1/tenants/t1/alias-lists?name=x",
                "kind,left,right\ndomain,okone.com,gmail.com\n",
                Map.of("Content-Type", "text/csv")),
            "name",
            http.send(
                "POST",
                "/v1/tenants/t1/alias-lists",
                "kind,left,right\nname,Aa,Bb\n",
                Map.of("Content-Type", "text/csv")),
            "entries[0].left",
            http.post(
                "/v1/tenants/t1/alias-lists",
                new JsonObject()
                    .put("name", "x")
                    .put(
                        "entries",
                        new JsonArray()
                            .add(new JsonObject().put("kind", "name").put("right", "B")))),
            "entries",
            http.post(
                "/v1/tenants/t1/alias-lists",
                new JsonObject().put("name", "x").put("entries", "all")));
    bad.forEach(
        (field, r) -> {
          assertThat(r.status()).as(field + ": " + r.body()).isEqualTo(400);
          assertThat(r.body()).as(field).contains("\"field\":\"" + field + "\"");
        });
    assertThat(db.count("SELECT count(*) FROM alias_lists WHERE name = 'x'")).isZero();
  }
}

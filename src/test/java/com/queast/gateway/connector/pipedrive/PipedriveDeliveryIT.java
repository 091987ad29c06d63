package com.queast.gateway.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.sandbox.common.FaultPlan;
import com.queast.gateway.sandbox.pipedrive.CompanyCredentials;
import com.queast.gateway.sandbox.pipedrive.Plan;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import com.queast.gateway.tenant.Connection;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Volume runs over real HTTP against the Pipedrive sandbox: a clean run without any 429 within the
 * daily budget and with one token refresh mid-run, and a run with 20% injected faults that ends
 * with every record in Pipedrive exactly once. Volumes are the reduced IT volumes (the full
 * 5,000/10,000/10,000 run is {@code PipedriveVolumeBench}).
 */
@ExtendWith(PostgresExtension.class)
class PipedriveDeliveryIT {

  private static final Logger LOG = LoggerFactory.getLogger(PipedriveDeliveryIT.class);

  static final int COMPANIES = Integer.getInteger("pipedrive.it.companies", 500);
  static final int PEOPLE = Integer.getInteger("pipedrive.it.people", 1000);
  static final int SIGNALS = Integer.getInteger("pipedrive.it.signals", 1000);

  static final int FAULT_COMPANIES = COMPANIES / 2;
  static final int FAULT_PEOPLE = PEOPLE / 2;
  static final int FAULT_SIGNALS = SIGNALS / 2;

  private PipedriveFixture fx;

  @BeforeEach
  void start(TestDatabase db) {
    fx = new PipedriveFixture(db, Map.of());
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void oauthRunDeliversEveryRecordOnceWithoutRateLimitsAndRefreshesTheTokenOnce() throws Exception {
    cleanRun(fx, Plan.PREMIUM, 1, COMPANIES, PEOPLE, SIGNALS);
  }

  /**
   * A clean OAuth run: every record exactly once, no 429 and no 403, the budget respected, one
   * token refresh after the access token expires mid-run.
   */
  static void cleanRun(
      PipedriveFixture fx, Plan plan, int seats, int companies, int people, int signals)
      throws Exception {
    CompanyCredentials company = fx.company(plan, seats);
    fx.tenant("t1");
    String id = fx.connectWithOAuth("t1", company).getString("connectionId");
    long start = System.nanoTime();
    ingestAll(fx, companies, people, signals);
    long total = companies + people + signals;
    fx.awaitDelivered(id, total / 3, Duration.ofSeconds(120 + total / 50));
    expireAccessToken(fx, id);
    fx.awaitDelivered(id, total, Duration.ofSeconds(180 + total / 50));
    double secs = (System.nanoTime() - start) / 1e9;
    assertExactlyOnce(fx, company, companies, people, signals);
    JsonObject summary = fx.sandbox.companySummary(company.companyId());
    LOG.info(
        "pipedrive oauth run records={} seconds={} recordsPerSecond={} tokensUsed={} budget={}"
            + " rateLimited429={} blocked403={} refreshes={}",
        total,
        String.format("%.1f", secs),
        String.format("%.0f", total / secs),
        summary.getLong("tokensUsedToday"),
        summary.getLong("dailyBudget"),
        fx.sandbox.rateLimitedCount(),
        fx.sandbox.blockedCount(),
        fx.gatewayCounter("gateway.pipedrive.token.refreshes"));
    assertThat(fx.sandbox.rateLimitedCount()).isZero();
    assertThat(fx.sandbox.blockedCount()).isZero();
    assertThat(summary.getLong("tokensUsedToday"))
        .isLessThanOrEqualTo(summary.getLong("dailyBudget"));
    assertThat(fx.gatewayCounter("gateway.pipedrive.token.refreshes")).isEqualTo(1.0);
  }

  @Test
  void faultRunEndsWithEveryRecordInPipedriveExactlyOnce() throws Exception {
    faultRun(fx, Plan.PREMIUM, 1, FAULT_COMPANIES, FAULT_PEOPLE, FAULT_SIGNALS);
  }

  /**
   * A run with 20% injected faults (2% 429, 6% 500, 6% connection reset, 6% committed then
   * dropped): every record ends in Pipedrive exactly once (by {@code queast_id} for organizations
   * and persons, by the marker for notes), no job is dead, no 403, the sandbox's daily budget is
   * respected.
   *
   * @return the run's figures
   */
  static JsonObject faultRun(
      PipedriveFixture fx, Plan plan, int seats, int companies, int people, int signals)
      throws Exception {
    CompanyCredentials company = fx.company(plan, seats);
    fx.tenant("t1");
    String id = fx.connectWithOAuth("t1", company).getString("connectionId");
    FaultPlan plan20 = new FaultPlan(0.02, 0.06, 0.06, 0.06, 0, 0, 42);
    fx.sandbox.faults().set(plan20);
    long start = System.nanoTime();
    ingestAll(fx, companies, people, signals);
    long total = companies + people + signals;
    fx.awaitDelivered(id, total, Duration.ofSeconds(240 + total / 10));
    double secs = (System.nanoTime() - start) / 1e9;
    fx.sandbox.faults().set(FaultPlan.NONE);
    JsonObject summary = fx.sandbox.companySummary(company.companyId());
    JsonObject figures =
        new JsonObject()
            .put("organizations", companies)
            .put("persons", people)
            .put("signals", signals)
            .put("records", total)
            .put("seconds", Math.round(secs * 10) / 10.0)
            .put("recordsPerSecond", Math.round(total / secs))
            .put("faults", plan20.toJson())
            .put("rateLimited429", fx.sandbox.rateLimitedCount())
            .put("blocked403", fx.sandbox.blockedCount())
            .put("tokensUsed", summary.getLong("tokensUsedToday"))
            .put("dailyBudget", summary.getLong("dailyBudget"))
            .put("duplicates", duplicates(fx, company))
            .put("deadJobs", fx.db.count("SELECT count(*) FROM jobs WHERE state::text = 'dead'"));
    LOG.info("pipedrive fault run {}", figures.encode());
    assertExactlyOnce(fx, company, companies, people, signals);
    assertThat(figures.getLong("duplicates")).isZero();
    assertThat(figures.getLong("deadJobs")).as(fx.logSummary()).isZero();
    assertThat(fx.sandbox.blockedCount()).isZero();
    assertThat(figures.getLong("tokensUsed")).isLessThanOrEqualTo(figures.getLong("dailyBudget"));
    return figures;
  }

  /**
   * Records in Pipedrive beyond the first with the same Queast id (organizations, persons, notes).
   */
  private static long duplicates(PipedriveFixture fx, CompanyCredentials company) throws Exception {
    long dups = 0;
    for (String[] e :
        List.of(
            new String[] {"organization", "organizationFields"},
            new String[] {"person", "personFields"})) {
      List<String> ids = fx.queastIds(company.companyId(), e[0], fieldKey(fx, company, e[1]));
      dups += ids.size() - new HashSet<>(ids).size();
    }
    List<String> refs = new java.util.ArrayList<>();
    for (JsonObject n : fx.sandbox.records(company.companyId(), "note")) {
      String content = n.getString("content");
      int at = content.indexOf(Payloads.marker(""));
      refs.add(at < 0 ? content : content.substring(at).replaceAll("<.*", ""));
    }
    dups += refs.size() - new HashSet<>(refs).size();
    return dups;
  }

  private static void ingestAll(PipedriveFixture fx, int companies, int people, int signals) {
    fx.ingest("t1", "companies", companies, PipedriveFixture::company);
    fx.ingest("t1", "people", people, PipedriveFixture.person(companies));
    fx.ingest("t1", "signals", signals, PipedriveFixture.signal(companies, people));
  }

  private static void expireAccessToken(PipedriveFixture fx, String connectionId) throws Exception {
    var store = fx.gw.gateway().services().connections();
    Connection c = store.getAnyTenant(UUID.fromString(connectionId)).await().indefinitely().get();
    String token = store.credentials(c).getString("accessToken");
    assertThat(
            fx.admin(
                "POST",
                "/_sandbox/oauth/access-tokens/expire",
                new JsonObject().put("token", token)))
        .isEqualTo(200);
  }

  static void assertExactlyOnce(
      PipedriveFixture fx, CompanyCredentials company, int orgs, int people, int signals)
      throws Exception {
    String orgKey = fieldKey(fx, company, "organizationFields");
    String personKey = fieldKey(fx, company, "personFields");
    List<String> orgIds = fx.queastIds(company.companyId(), "organization", orgKey);
    List<String> personIds = fx.queastIds(company.companyId(), "person", personKey);
    assertThat(orgIds).hasSize(orgs).doesNotHaveDuplicates();
    assertThat(personIds).hasSize(people).doesNotHaveDuplicates();
    List<JsonObject> notes = fx.sandbox.records(company.companyId(), "note");
    HashSet<String> markers = new HashSet<>();
    for (JsonObject n : notes) {
      String content = n.getString("content");
      int at = content.indexOf(Payloads.marker(""));
      assertThat(at).isNotNegative();
      String ref = content.substring(at).replaceAll("<.*", "");
      assertThat(markers.add(ref)).as("duplicate note " + ref).isTrue();
    }
    assertThat(markers).hasSize(signals);
    // Every person sits on its company's organization.
    Map<Long, String> orgById = new java.util.HashMap<>();
    for (JsonObject o : fx.sandbox.records(company.companyId(), "organization")) {
      orgById.put(o.getLong("id"), o.getJsonObject("custom_fields").getString(orgKey));
    }
    for (JsonObject p : fx.sandbox.records(company.companyId(), "person")) {
      int n = Integer.parseInt(p.getJsonObject("custom_fields").getString(personKey).substring(1));
      assertThat(orgById.get(p.getLong("org_id"))).isEqualTo("c" + (n % orgs));
    }
  }

  private static String fieldKey(PipedriveFixture fx, CompanyCredentials company, String what)
      throws Exception {
    return fx.adminItems(company.companyId(), what).stream()
        .filter(f -> "queast_id".equals(f.getString("field_name")))
        .findFirst()
        .orElseThrow()
        .getString("field_code");
  }
}

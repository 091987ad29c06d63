package com.queast.gateway.matching;

import com.queast.gateway.tenant.Connection;
import com.queast.gateway.tenant.ConnectionStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Decisions teach the matcher (issue 15): after an operator confirms, relinks or rejects matches
 * (one or in bulk) the rules they teach are stored, and the reviews still waiting that a new rule
 * decides are settled at once: a waiting company whose proposal the new alias covers is linked as
 * proposed ({@code auto_linked}, strategy {@code learned}, evidence naming the rule), one whose
 * pair was rejected is rejected. Only rows still waiting with the same proposal change (the update
 * checks both), so an operator's decision taken meanwhile is never overwritten and nothing is
 * linked twice. Every settled record is delivered again, as after a single decision.
 */
public final class ReviewLearning {

  /** Waiting reviews read per statement when a rule is applied to them. */
  static final int PAGE = 500;

  private final Pool pool;
  private final MatchRules rules;
  private final BulkReview bulk;
  private final ConnectionStore connections;
  private final Normalizers normalizers;
  private final Clock clock;

  /**
   * The learning step of the review queue.
   *
   * @param pool pool
   * @param rules the rule store
   * @param bulk re-delivery of settled records
   * @param connections connections (thresholds)
   * @param normalizers the matcher's normalisers
   * @param clock time source
   */
  public ReviewLearning(
      Pool pool,
      MatchRules rules,
      BulkReview bulk,
      ConnectionStore connections,
      Normalizers normalizers,
      Clock clock) {
    this.pool = pool;
    this.rules = rules;
    this.bulk = bulk;
    this.connections = connections;
    this.normalizers = normalizers;
    this.clock = clock;
  }

  /**
   * Learns from decided matches and applies what was learned to the reviews still waiting.
   *
   * @param tenantId tenant
   * @param matchIds the matches just decided
   * @param source {@code confirm}, {@code relink} or {@code reject}
   * @return a Uni emitting how many waiting reviews the new rules settled
   */
  public Uni<Integer> learn(String tenantId, List<Long> matchIds, String source) {
    if (matchIds.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    return pool.preparedQuery(MatchRules.SQL.get("decision-sides"))
        .execute(Tuple.of(tenantId, matchIds.toArray(Long[]::new)))
        .map(
            rows -> {
              List<MatchRules.Taught> taught = new ArrayList<>();
              for (Row r : rows) {
                RuleLearner.Side q =
                    new RuleLearner.Side(r.getString("q_name"), r.getString("q_domain"));
                RuleLearner.Side c =
                    r.getString("c_name") == null && r.getString("c_domain") == null
                        ? null
                        : new RuleLearner.Side(r.getString("c_name"), r.getString("c_domain"));
                RuleLearner.Side p =
                    r.getString("p_name") == null
                        ? null
                        : new RuleLearner.Side(r.getString("p_name"), null);
                // A rejection clears the link: the rejected CRM record is the previous one.
                if ("reject".equals(source)) {
                  c = p;
                  p = null;
                }
                for (LearnedRule rule : RuleLearner.learn(source, q, c, p, normalizers)) {
                  taught.add(new MatchRules.Taught(rule, r.getLong("id")));
                }
              }
              return taught;
            })
        .chain(taught -> rules.store(tenantId, taught))
        .chain(
            stored ->
                stored.isEmpty()
                    ? Uni.createFrom().item(0)
                    : apply(tenantId, LearnedRules.of(stored, normalizers), 0L, 0));
  }

  /**
   * Applies rules to the tenant's waiting reviews, a page at a time.
   *
   * @param tenantId tenant
   * @param fresh the rules to apply
   * @param after the last match id read
   * @param settled how many were settled so far
   * @return a Uni emitting how many waiting reviews the rules settled
   */
  Uni<Integer> apply(String tenantId, LearnedRules fresh, long after, int settled) {
    if (fresh.isEmpty()) {
      return Uni.createFrom().item(settled);
    }
    Map<UUID, Optional<Connection>> lanes = new HashMap<>();
    return pool.preparedQuery(MatchRules.SQL.get("waiting-reviews"))
        .execute(Tuple.of(tenantId, after, PAGE))
        .chain(
            rows -> {
              List<Row> page = new ArrayList<>();
              rows.forEach(page::add);
              if (page.isEmpty()) {
                return Uni.createFrom().item(settled);
              }
              long last = page.get(page.size() - 1).getLong("id");
              Uni<Void> lookups = Uni.createFrom().voidItem();
              for (UUID c :
                  page.stream().map(r -> r.getUUID("connection_id")).distinct().toList()) {
                lookups =
                    lookups
                        .chain(() -> connections.get(tenantId, c).invoke(o -> lanes.put(c, o)))
                        .replaceWithVoid();
              }
              return lookups
                  .chain(() -> settle(tenantId, fresh, page, lanes))
                  .chain(
                      n ->
                          page.size() < PAGE
                              ? Uni.createFrom().item(settled + n)
                              : apply(tenantId, fresh, last, settled + n));
            });
  }

  private Uni<Integer> settle(
      String tenantId, LearnedRules fresh, List<Row> page, Map<UUID, Optional<Connection>> lanes) {
    LearnedStrategy strategy = new LearnedStrategy(fresh, normalizers);
    List<Long> ids = new ArrayList<>();
    List<String> crmIds = new ArrayList<>();
    List<String> states = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    List<JsonObject> evidence = new ArrayList<>();
    for (Row r : page) {
      Profile q =
          Profile.of(
              QueastCompany.builder()
                  .name(r.getString("q_name"))
                  .domain(r.getString("q_domain"))
                  .country(r.getString("q_country"))
                  .city(r.getString("q_city"))
                  .build(),
              normalizers);
      Profile c =
          Profile.of(
              new CrmRecord(
                  RecordKind.COMPANY,
                  r.getString("crm_id"),
                  null,
                  r.getString("c_name"),
                  r.getString("c_domain"),
                  null,
                  null,
                  r.getString("c_country"),
                  r.getString("c_city"),
                  null,
                  null),
              normalizers);
      String rejection = fresh.rejection(q, c);
      MatchThresholds t =
          lanes
              .getOrDefault(r.getUUID("connection_id"), Optional.empty())
              .map(x -> MatchSettings.of(x.config()).thresholds())
              .orElse(MatchThresholds.DEFAULT);
      MatchDecision d = null;
      if (rejection != null) {
        d =
            new MatchDecision(
                MatchOutcome.CREATE,
                null,
                r.getDouble("score"),
                "learned",
                "rejected by " + rejection,
                List.of());
      } else {
        Optional<Evidence> e = strategy.evaluate(q, c, TokenWeights.UNIFORM);
        if (e.isPresent() && e.get().score() >= t.autoLink()) {
          d =
              new MatchDecision(
                  MatchOutcome.AUTO_LINK,
                  r.getString("crm_id"),
                  e.get().score(),
                  "learned",
                  "auto-link by learned rule (applied to a waiting review)",
                  List.of(e.get()));
        }
      }
      if (d != null) {
        ids.add(r.getLong("id"));
        crmIds.add(r.getString("crm_id"));
        states.add(d.outcome() == MatchOutcome.AUTO_LINK ? "auto_linked" : "rejected");
        scores.add(d.score());
        evidence.add(MatchingResolver.evidence(d));
      }
    }
    if (ids.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return pool.withTransaction(
            tx ->
                tx.preparedQuery(MatchRules.SQL.get("settle-by-rule"))
                    .execute(
                        Tuple.tuple(
                            Arrays.asList(
                                tenantId,
                                now,
                                ids.toArray(Long[]::new),
                                crmIds.toArray(String[]::new),
                                states.toArray(String[]::new),
                                scores.toArray(Double[]::new),
                                evidence.toArray(JsonObject[]::new))))
                    .chain(
                        rows -> {
                          List<BulkReview.Decided> decided = new ArrayList<>();
                          List<BulkReview.Decided> rejected = new ArrayList<>();
                          for (Row r : rows) {
                            BulkReview.Decided x =
                                new BulkReview.Decided(
                                    r.getUUID("connection_id"),
                                    r.getString("record_type"),
                                    r.getString("record_id"));
                            decided.add(x);
                            if ("rejected".equals(r.getString("state"))) {
                              rejected.add(x);
                            }
                          }
                          return rejected.isEmpty()
                              ? Uni.createFrom().item(decided)
                              : bulk.forget(tx, rejected).replaceWith(decided);
                        }))
        .chain(decided -> bulk.redeliver(tenantId, decided, now).replaceWith(decided.size()));
  }
}

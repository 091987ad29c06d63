package com.queast.gateway.matching;

import com.queast.gateway.db.SqlStatements;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's matching rules in Postgres ({@code match_rules}, row-level security): what the matcher
 * applies (cached per tenant, reloaded when the rules' signature changes, so another instance's
 * decisions apply from its next batch), what decisions teach ({@link RuleLearner}), and the list
 * and delete operations of the API.
 */
public final class MatchRules {

  /** Named statements of {@code sql/rules.sql}. */
  public static final SqlStatements SQL = SqlStatements.load("/sql/rules.sql");

  private final Pool pool;
  private final Normalizers normalizers;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(String signature, LearnedRules rules) {}

  /**
   * A store.
   *
   * @param pool pool
   * @param normalizers the matcher's normalisers
   */
  public MatchRules(Pool pool, Normalizers normalizers) {
    this.pool = pool;
    this.normalizers = normalizers;
  }

  /**
   * The rules the matcher applies for a tenant: its own and the operator-wide ones.
   *
   * @param tenantId tenant
   * @return a Uni emitting the indexed rules (one statement when unchanged since the last call)
   */
  public Uni<LearnedRules> rules(String tenantId) {
    return pool.preparedQuery(SQL.get("rules-signature"))
        .execute(Tuple.of(tenantId))
        .chain(
            rows -> {
              Row r = rows.iterator().next();
              String sig = r.getLong("n") + "/" + r.getLong("max_id") + "/" + r.getLong("sum_id");
              Cached c = cache.get(tenantId);
              if (c != null && c.signature().equals(sig)) {
                return Uni.createFrom().item(c.rules());
              }
              if (r.getLong("n") == 0) {
                cache.put(tenantId, new Cached(sig, LearnedRules.EMPTY));
                return Uni.createFrom().item(LearnedRules.EMPTY);
              }
              return pool.preparedQuery(SQL.get("tenant-rules"))
                  .execute(Tuple.of(tenantId))
                  .map(
                      all -> {
                        List<LearnedRule> list = new ArrayList<>();
                        all.forEach(x -> list.add(rule(x)));
                        LearnedRules rules = LearnedRules.of(list, normalizers);
                        cache.put(tenantId, new Cached(sig, rules));
                        return rules;
                      });
            });
  }

  private static LearnedRule rule(Row x) {
    return new LearnedRule(
        x.getLong("id"),
        x.getString("kind"),
        x.getString("left_value"),
        x.getString("right_value"),
        x.getString("source"),
        x.getString("tenant_id") == null);
  }

  /**
   * Stores what decisions taught: contradicted learned rules go first (the latest decision wins),
   * rules that exist already are kept.
   *
   * @param tenantId tenant
   * @param taught rules with the match each came from
   * @return a Uni emitting the rules newly stored, with their ids
   */
  Uni<List<LearnedRule>> store(String tenantId, List<Taught> taught) {
    if (taught.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    int n = taught.size();
    String[] kinds = new String[n];
    String[] lefts = new String[n];
    String[] rights = new String[n];
    String[] lk = new String[n];
    String[] rk = new String[n];
    String[] sources = new String[n];
    Long[] matchIds = new Long[n];
    String[] opposite = new String[n];
    for (int i = 0; i < n; i++) {
      LearnedRule r = taught.get(i).rule();
      String a = RuleLearner.key(r.kind(), r.left(), normalizers);
      String b = RuleLearner.key(r.kind(), r.right(), normalizers);
      boolean swap = a.compareTo(b) > 0;
      kinds[i] = r.kind();
      lefts[i] = swap ? r.right() : r.left();
      rights[i] = swap ? r.left() : r.right();
      lk[i] = swap ? b : a;
      rk[i] = swap ? a : b;
      sources[i] = r.source();
      matchIds[i] = taught.get(i).matchId();
      opposite[i] =
          switch (r.kind()) {
            case LearnedRule.NAME_ALIAS -> LearnedRule.REJECTED_PAIR;
            case LearnedRule.REJECTED_PAIR -> LearnedRule.NAME_ALIAS;
            default -> "none";
          };
    }
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(SQL.get("drop-contradicted"))
                .execute(Tuple.of(tenantId, opposite, lk, rk))
                .chain(
                    () ->
                        tx.preparedQuery(SQL.get("insert-learned"))
                            .execute(
                                Tuple.tuple(
                                    Arrays.asList(
                                        tenantId, kinds, lefts, rights, lk, rk, sources,
                                        matchIds))))
                .map(
                    rows -> {
                      List<LearnedRule> out = new ArrayList<>();
                      rows.forEach(x -> out.add(rule(x)));
                      return out;
                    }));
  }

  /**
   * A rule and the decision that taught it.
   *
   * @param rule the rule
   * @param matchId the match decided
   */
  record Taught(LearnedRule rule, long matchId) {}

  /**
   * Lists a tenant's rules (its own and the operator-wide ones), newest first.
   *
   * @param tenantId tenant
   * @param kind a kind or null
   * @param before id for paging or null
   * @param limit page size
   * @return a Uni emitting {@code {items, nextBefore}}
   */
  public Uni<JsonObject> list(String tenantId, String kind, Long before, int limit) {
    return pool.preparedQuery(SQL.get("list-rules"))
        .execute(Tuple.of(tenantId, kind, before, limit))
        .map(
            rows -> {
              JsonArray items = new JsonArray();
              rows.forEach(
                  r ->
                      items.add(
                          new JsonObject()
                              .put("id", r.getLong("id"))
                              .put("kind", r.getString("kind"))
                              .put("left", r.getString("left_value"))
                              .put("right", r.getString("right_value"))
                              .put("leftKey", r.getString("left_key"))
                              .put("rightKey", r.getString("right_key"))
                              .put("source", r.getString("source"))
                              .put("operatorWide", r.getString("tenant_id") == null)
                              .put("matchId", r.getLong("match_id"))
                              .put("listId", r.getLong("list_id"))
                              .put(
                                  "createdAt",
                                  r.getOffsetDateTime("created_at").toInstant().toString())));
              JsonObject out = new JsonObject().put("items", items);
              if (items.size() == limit) {
                out.put("nextBefore", items.getJsonObject(items.size() - 1).getLong("id"));
              }
              return out;
            });
  }

  /**
   * Deletes one of the tenant's own rules; it stops being applied from the next batch.
   *
   * @param tenantId tenant, or null for an operator-wide rule
   * @param id rule id
   * @return a Uni emitting true when a rule was deleted
   */
  public Uni<Boolean> delete(String tenantId, long id) {
    return (tenantId == null
            ? pool.preparedQuery(SQL.get("delete-operator-rule")).execute(Tuple.of(id))
            : pool.preparedQuery(SQL.get("delete-rule")).execute(Tuple.of(id, tenantId)))
        .map(rows -> rows.size() > 0);
  }
}

package com.queast.gateway.matching;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.queast.gateway.connector.IdentityResolver;
import com.queast.gateway.record.QueastRecord;
import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Identity matching before a record's first write: an earlier decision (auto-linked, confirmed,
 * rejected, waiting for review) is honoured; otherwise the record is matched against the
 * connection's local CRM index and the decision is stored with its evidence, auto-links included,
 * so every link can be reviewed and undone. Signals are never matched (they always create a
 * note/task/activity).
 */
public final class MatchingResolver implements IdentityResolver {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Pool pool;
  private final ConnectionIndexes indexes;
  private final Normalizers normalizers;
  private final MatchRules rules;

  /**
   * A resolver without learned rules.
   *
   * @param pool pool
   * @param indexes per-connection CRM indexes
   * @param normalizers shared normalisers
   */
  public MatchingResolver(Pool pool, ConnectionIndexes indexes, Normalizers normalizers) {
    this(pool, indexes, normalizers, null);
  }

  /**
   * A resolver.
   *
   * @param pool pool
   * @param indexes per-connection CRM indexes
   * @param normalizers shared normalisers
   * @param rules the tenants' learned rules and alias lists, applied to every match (null: none)
   */
  public MatchingResolver(
      Pool pool, ConnectionIndexes indexes, Normalizers normalizers, MatchRules rules) {
    this.rules = rules;
    this.pool = pool;
    this.indexes = indexes;
    this.normalizers = normalizers;
  }

  @Override
  public Uni<Resolution> resolve(Connection connection, QueastRecord record) {
    return resolveAll(connection, List.of(record)).map(l -> l.get(0));
  }

  /**
   * Resolves a whole batch with two statements at most, whatever its size: one reads the stored
   * decisions of every record ({@code get-matches}), one writes the new ones ({@code
   * insert-matches}); only records that lost a race to a concurrent decision are read once more.
   */
  @Override
  public Uni<List<Resolution>> resolveAll(Connection connection, List<QueastRecord> records) {
    Resolution[] out = new Resolution[records.size()];
    List<Integer> matched = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      String type = records.get(i).type();
      if (type.equals("company") || type.equals("person")) {
        matched.add(i);
      } else {
        out[i] = Resolution.CREATE;
      }
    }
    if (matched.isEmpty()) {
      return Uni.createFrom().item(Arrays.asList(out));
    }
    MatchSettings settings = MatchSettings.of(connection.config());
    return stored(connection, records, matched)
        .chain(
            known -> {
              List<Integer> undecided = new ArrayList<>();
              for (int i : matched) {
                Row r = known.get(key(records.get(i)));
                if (r != null) {
                  out[i] = fromDecision(r, settings);
                } else if (settings.indexBuilding(records.get(i).type())) {
                  out[i] = Resolution.waitForIndex(30);
                } else {
                  undecided.add(i);
                }
              }
              if (undecided.isEmpty()) {
                return Uni.createFrom().item(Arrays.asList(out));
              }
              Uni<LearnedRules> learned =
                  rules == null
                      ? Uni.createFrom().item(LearnedRules.EMPTY)
                      : rules.rules(connection.tenantId());
              return learned
                  .chain(
                      lr ->
                          companyLinks(connection, records, undecided)
                              .chain(
                                  links ->
                                      indexes
                                          .index(connection.id())
                                          .chain(
                                              index ->
                                                  decideAll(
                                                      connection,
                                                      records,
                                                      undecided,
                                                      index,
                                                      settings,
                                                      lr,
                                                      links,
                                                      out))))
                  .map(x -> Arrays.asList(out));
            });
  }

  /** The stored decisions of the given records, by type and id, in one statement. */
  private Uni<Map<String, Row>> stored(
      Connection connection, List<QueastRecord> records, List<Integer> which) {
    String[] types = new String[which.size()];
    String[] ids = new String[which.size()];
    for (int k = 0; k < which.size(); k++) {
      types[k] = records.get(which.get(k)).type();
      ids[k] = records.get(which.get(k)).id();
    }
    return pool.preparedQuery(ConnectionIndexes.SQL.get("get-matches"))
        .execute(Tuple.of(connection.id(), types, ids))
        .map(
            rows -> {
              Map<String, Row> byKey = new HashMap<>();
              for (Row r : rows) {
                byKey.put(r.getString("record_type") + "/" + r.getString("record_id"), r);
              }
              return byKey;
            });
  }

  private static String key(QueastRecord r) {
    return r.type() + "/" + r.id();
  }

  /**
   * What a person's Queast company tells its matching: the CRM company it stands for in this
   * connection (delivered to or linked with, may be null) and its country.
   */
  private record CompanyLink(String crmId, String country) {}

  /**
   * The {@link CompanyLink} of each undecided person's company, in one statement, and only when the
   * batch has persons with a {@code companyId}.
   */
  private Uni<Map<String, CompanyLink>> companyLinks(
      Connection connection, List<QueastRecord> records, List<Integer> undecided) {
    java.util.Set<String> companies = new java.util.LinkedHashSet<>();
    for (int i : undecided) {
      QueastRecord r = records.get(i);
      String companyId = r.type().equals("person") ? r.data().getString("companyId") : null;
      if (companyId != null) {
        companies.add(companyId);
      }
    }
    if (companies.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return pool.preparedQuery(ConnectionIndexes.SQL.get("company-links"))
        .execute(Tuple.of(connection.id(), connection.tenantId(), companies.toArray(new String[0])))
        .map(
            rows -> {
              Map<String, CompanyLink> byCompany = new HashMap<>();
              for (Row r : rows) {
                byCompany.put(
                    r.getString("record_id"),
                    new CompanyLink(r.getString("crm_id"), r.getString("country")));
              }
              return byCompany;
            });
  }

  private Uni<Void> decideAll(
      Connection connection,
      List<QueastRecord> records,
      List<Integer> undecided,
      CrmIndex index,
      MatchSettings settings,
      LearnedRules learned,
      Map<String, CompanyLink> companyLinks,
      Resolution[] out) {
    IdentityMatcher matcher =
        new IdentityMatcher(index, settings.thresholds(), normalizers, learned);
    // The candidate search is CPU work (a batch of 100 against a large index takes milliseconds to
    // tens of them): it runs on a worker thread, so the event loop it would hold stays free for
    // what shares it (webhook receipt and the API answered behind it in WebhookReceiptBench).
    // Index entries are added off the event loop (refresh) and by our own writes: read under the
    // same lock the writers take.
    return indexes
        .offEventLoop(
            () -> {
              Map<Integer, MatchDecision> found = new HashMap<>();
              synchronized (index) {
                for (int i : undecided) {
                  found.put(
                      i,
                      match(
                          matcher,
                          connection,
                          records.get(i),
                          records.get(i).data(),
                          companyLinks));
                }
              }
              return found;
            })
        .chain(decisions -> store(connection, records, undecided, settings, decisions, out));
  }

  private Uni<Void> store(
      Connection connection,
      List<QueastRecord> records,
      List<Integer> undecided,
      MatchSettings settings,
      Map<Integer, MatchDecision> decisions,
      Resolution[] out) {
    List<Integer> toStore = new ArrayList<>();
    for (int i : undecided) {
      MatchDecision decision = decisions.get(i);
      if (decision.outcome() == MatchOutcome.CREATE) {
        out[i] = new Resolution(Action.CREATE, null, evidence(decision));
      } else {
        toStore.add(i);
      }
    }
    if (toStore.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int n = toStore.size();
    String[] types = new String[n];
    String[] ids = new String[n];
    String[] states = new String[n];
    String[] crmIds = new String[n];
    Double[] scores = new Double[n];
    String[] strategies = new String[n];
    JsonObject[] evidences = new JsonObject[n];
    for (int k = 0; k < n; k++) {
      int i = toStore.get(k);
      MatchDecision d = decisions.get(i);
      types[k] = records.get(i).type();
      ids[k] = records.get(i).id();
      states[k] = d.outcome() == MatchOutcome.AUTO_LINK ? "auto_linked" : "needs_review";
      crmIds[k] = d.crmId();
      scores[k] = d.score();
      strategies[k] = d.strategy();
      evidences[k] = evidence(d);
    }
    return pool.preparedQuery(ConnectionIndexes.SQL.get("insert-matches"))
        .execute(
            Tuple.tuple(
                Arrays.asList(
                    connection.tenantId(),
                    connection.id(),
                    types,
                    ids,
                    states,
                    crmIds,
                    scores,
                    strategies,
                    evidences)))
        .chain(
            rows -> {
              Map<String, Row> stored = new HashMap<>();
              for (Row r : rows) {
                stored.put(r.getString("record_type") + "/" + r.getString("record_id"), r);
              }
              List<Integer> lost = new ArrayList<>();
              for (int k = 0; k < n; k++) {
                int i = toStore.get(k);
                Row r = stored.get(key(records.get(i)));
                if (r == null) {
                  lost.add(i);
                } else {
                  out[i] = merged(fromDecision(r, settings), evidences[k]);
                }
              }
              if (lost.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              // A concurrent decision for the same record won; read back whichever was stored.
              return stored(connection, records, lost)
                  .invoke(
                      again -> {
                        for (int i : lost) {
                          Row r = again.get(key(records.get(i)));
                          out[i] =
                              r == null
                                  ? new Resolution(Action.CREATE, null, evidence(decisions.get(i)))
                                  : merged(fromDecision(r, settings), evidence(decisions.get(i)));
                        }
                      })
                  .replaceWithVoid();
            });
  }

  private static Resolution merged(Resolution r, JsonObject evidence) {
    return new Resolution(r.action(), r.crmId(), evidence.copy().mergeIn(r.evidence()));
  }

  private MatchDecision match(
      IdentityMatcher matcher,
      Connection connection,
      QueastRecord record,
      JsonObject d,
      Map<String, CompanyLink> companyLinks) {
    if (!record.type().equals("company")) {
      String companyId = d.getString("companyId");
      CompanyLink link = companyId == null ? null : companyLinks.get(companyId);
      return matcher.match(
          new QueastPerson(
              record.id(),
              join(d.getString("firstName"), d.getString("lastName")),
              d.getString("email"),
              d.getString("linkedinUrl"),
              null,
              null,
              null,
              null,
              suppliedCrmId(d, connection),
              personPhone(d.getString("phone"), link),
              link == null ? null : link.crmId()));
    }
    return matcher.match(
        QueastCompany.builder()
            .queastId(record.id())
            .name(d.getString("name"))
            .domain(d.getString("domain") != null ? d.getString("domain") : d.getString("website"))
            .linkedin(d.getString("linkedinUrl"))
            .country(d.getString("country"))
            .city(d.getString("city"))
            .phone(d.getString("phone"))
            .suppliedCrmId(suppliedCrmId(d, connection))
            .build());
  }

  /**
   * A person has no country of its own: a national number is read in its company's country (the
   * country is not given to the person, whose own country may differ from its company's).
   */
  private String personPhone(String raw, CompanyLink link) {
    if (raw == null || link == null || link.country() == null) {
      return raw;
    }
    String iso = normalizers.location().country(link.country()).orElse(null);
    return normalizers.phone().normalize(raw, iso).orElse(raw);
  }

  private static Resolution fromDecision(Row r, MatchSettings settings) {
    String state = r.getString("state");
    JsonObject evidence = new JsonObject().put("matchId", r.getLong("id")).put("state", state);
    return switch (state) {
      case "auto_linked", "confirmed" ->
          new Resolution(Action.LINK, r.getString("crm_id"), evidence);
      case "needs_review" ->
          settings.createWhileInReview()
              ? new Resolution(Action.CREATE, null, evidence)
              : new Resolution(Action.WAIT_FOR_REVIEW, null, evidence);
      default -> new Resolution(Action.CREATE, null, evidence);
    };
  }

  @Override
  public Uni<Void> written(
      Connection connection,
      QueastRecord record,
      String crmObjectType,
      String crmId,
      JsonObject properties) {
    return writtenAll(connection, List.of(new Write(record, crmObjectType, crmId, properties)));
  }

  /** Adds the batch's companies and people to the index with one statement. */
  @Override
  public Uni<Void> writtenAll(Connection connection, List<Write> writes) {
    List<CrmRecord> rows = new ArrayList<>();
    for (Write w : writes) {
      CrmRecord r = indexEntry(w.record(), w.crmId());
      if (r != null) {
        rows.add(r);
      }
    }
    return rows.isEmpty()
        ? Uni.createFrom().voidItem()
        : indexes.add(connection.id(), "write", rows);
  }

  private static CrmRecord indexEntry(QueastRecord record, String crmId) {
    if (record == null || crmId == null) {
      return null;
    }
    JsonObject d = record.data();
    if (record.type().equals("company")) {
      return new CrmRecord(
          RecordKind.COMPANY,
          crmId,
          record.id(),
          d.getString("name"),
          d.getString("domain"),
          d.getString("linkedinUrl"),
          null,
          d.getString("country"),
          d.getString("city"),
          null,
          null,
          d.getString("phone"),
          null);
    }
    if (record.type().equals("person")) {
      return new CrmRecord(
          RecordKind.PERSON,
          crmId,
          record.id(),
          join(d.getString("firstName"), d.getString("lastName")),
          null,
          d.getString("linkedinUrl"),
          d.getString("email"),
          null,
          null,
          null,
          null,
          d.getString("phone"),
          null);
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  static JsonObject evidence(MatchDecision d) {
    Map<String, Object> m = JSON.convertValue(d, Map.class);
    return new JsonObject(m);
  }

  /** The CRM id Queast supplied for this CRM ({@code crmIds: {"hubspot": "123"}}), if any. */
  private static String suppliedCrmId(JsonObject data, Connection c) {
    JsonObject ids = data.getJsonObject("crmIds");
    return ids == null ? null : ids.getString(c.crm());
  }

  private static String join(String a, String b) {
    String s = ((a == null ? "" : a) + " " + (b == null ? "" : b)).trim();
    return s.isEmpty() ? null : s;
  }
}

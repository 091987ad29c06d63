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

  /**
   * A resolver.
   *
   * @param pool pool
   * @param indexes per-connection CRM indexes
   * @param normalizers shared normalisers
   */
  public MatchingResolver(Pool pool, ConnectionIndexes indexes, Normalizers normalizers) {
    this.pool = pool;
    this.indexes = indexes;
    this.normalizers = normalizers;
  }

  @Override
  public Uni<Resolution> resolve(Connection connection, QueastRecord record) {
    if (!record.type().equals("company") && !record.type().equals("person")) {
      return Uni.createFrom().item(Resolution.CREATE);
    }
    MatchSettings settings = MatchSettings.of(connection.config());
    return pool.preparedQuery(ConnectionIndexes.SQL.get("get-match"))
        .execute(Tuple.of(connection.id(), record.type(), record.id()))
        .chain(
            rows -> {
              if (rows.size() > 0) {
                return Uni.createFrom().item(fromDecision(rows.iterator().next(), settings));
              }
              if (settings.indexBuilding(record.type())) {
                return Uni.createFrom().item(Resolution.waitForIndex(30));
              }
              return indexes
                  .index(connection.id())
                  .chain(index -> decide(connection, record, index, settings));
            });
  }

  private MatchDecision match(
      IdentityMatcher matcher, Connection connection, QueastRecord record, JsonObject d) {
    return record.type().equals("company")
        ? matcher.match(
            QueastCompany.builder()
                .queastId(record.id())
                .name(d.getString("name"))
                .domain(
                    d.getString("domain") != null ? d.getString("domain") : d.getString("website"))
                .linkedin(d.getString("linkedinUrl"))
                .country(d.getString("country"))
                .city(d.getString("city"))
                .suppliedCrmId(suppliedCrmId(d, connection))
                .build())
        : matcher.match(
            new QueastPerson(
                record.id(),
                join(d.getString("firstName"), d.getString("lastName")),
                d.getString("email"),
                d.getString("linkedinUrl"),
                null,
                null,
                null,
                null,
                suppliedCrmId(d, connection)));
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

  private Uni<Resolution> decide(
      Connection connection, QueastRecord record, CrmIndex index, MatchSettings settings) {
    IdentityMatcher matcher = new IdentityMatcher(index, settings.thresholds(), normalizers);
    JsonObject d = record.data();
    MatchDecision decision;
    // Index entries are added off the event loop (refresh) and by our own writes: read under the
    // same lock the writers take.
    synchronized (index) {
      decision = match(matcher, connection, record, d);
    }
    JsonObject evidence = evidence(decision);
    if (decision.outcome() == MatchOutcome.CREATE) {
      return Uni.createFrom().item(new Resolution(Action.CREATE, null, evidence));
    }
    String state = decision.outcome() == MatchOutcome.AUTO_LINK ? "auto_linked" : "needs_review";
    return pool.preparedQuery(ConnectionIndexes.SQL.get("insert-match"))
        .execute(
            Tuple.tuple(
                java.util.Arrays.asList(
                    connection.tenantId(),
                    connection.id(),
                    record.type(),
                    record.id(),
                    state,
                    decision.crmId(),
                    decision.score(),
                    decision.strategy(),
                    evidence)))
        // A concurrent decision for the same record wins; read back whichever was stored.
        .chain(
            () ->
                pool.preparedQuery(ConnectionIndexes.SQL.get("get-match"))
                    .execute(Tuple.of(connection.id(), record.type(), record.id())))
        .map(
            rows -> {
              Resolution r = fromDecision(rows.iterator().next(), settings);
              return new Resolution(r.action(), r.crmId(), evidence.mergeIn(r.evidence()));
            });
  }

  @Override
  public Uni<Void> written(
      Connection connection,
      QueastRecord record,
      String crmObjectType,
      String crmId,
      JsonObject properties) {
    if (record == null || crmId == null) {
      return Uni.createFrom().voidItem();
    }
    JsonObject d = record.data();
    CrmRecord r;
    if (record.type().equals("company")) {
      r =
          new CrmRecord(
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
              null);
    } else if (record.type().equals("person")) {
      r =
          new CrmRecord(
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
              null);
    } else {
      return Uni.createFrom().voidItem();
    }
    return indexes.add(connection.id(), "write", List.of(r));
  }

  @SuppressWarnings("unchecked")
  private static JsonObject evidence(MatchDecision d) {
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

package com.queast.gateway.matching;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Alias lists as data (issue 15): a tenant, or the operator for every tenant, loads pairs of names
 * (aliases, former names) and of domains as CSV ({@code kind,left,right} with a header) or JSON
 * ({@code {"name", "entries": [{"kind", "left", "right"}]}}). Kinds: {@code name}, {@code
 * former_name} (both name aliases) and {@code domain}. A bad entry is a 400 naming its row and
 * field; nothing of a bad list is stored. The gateway ships the mechanism, no company facts.
 */
public final class AliasLists {

  /** Most entries in one list. */
  public static final int MAX_ENTRIES = 10_000;

  /** Longest value. */
  static final int MAX_VALUE = 500;

  private static final Map<String, String> KINDS =
      Map.of(
          "name", LearnedRule.NAME_ALIAS,
          "former_name", LearnedRule.NAME_ALIAS,
          "domain", LearnedRule.DOMAIN_ALIAS);

  private final Pool pool;
  private final Normalizers normalizers;

  /**
   * Alias lists.
   *
   * @param pool pool
   * @param normalizers the matcher's normalisers (values must normalise to something comparable)
   */
  public AliasLists(Pool pool, Normalizers normalizers) {
    this.pool = pool;
    this.normalizers = normalizers;
  }

  /** One validated entry. */
  private record Entry(String kind, String left, String right, String leftKey, String rightKey) {}

  /**
   * Parses a CSV list: a header naming {@code kind}, {@code left} and {@code right} (any order,
   * other columns ignored), then one pair a row.
   *
   * @param csv the body
   * @return entries as JSON objects, for {@link #load}
   * @throws GatewayException a 400 naming the row (line) and field
   */
  public static JsonArray fromCsv(String csv) {
    List<CsvParser.Row> rows;
    try {
      rows = CsvParser.parse(new StringReader(csv));
    } catch (CsvFormatException e) {
      throw bad("line " + e.line(), "format", e.getMessage());
    } catch (IOException e) {
      throw bad("body", "format", "the body is not readable CSV");
    }
    if (rows.isEmpty()) {
      throw bad("body", "required", "a header row kind,left,right is required");
    }
    List<String> header =
        rows.get(0).fields().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    int k = header.indexOf("kind");
    int l = header.indexOf("left");
    int r = header.indexOf("right");
    for (String col : List.of("kind", "left", "right")) {
      if (!header.contains(col)) {
        throw bad("header", "required", "the header has no column " + col);
      }
    }
    if (rows.size() - 1 > MAX_ENTRIES) {
      throw bad("body", "size", "a list holds at most " + MAX_ENTRIES + " entries");
    }
    JsonArray out = new JsonArray();
    for (CsvParser.Row row : rows.subList(1, rows.size())) {
      List<String> f = row.fields();
      if (f.size() == 1 && f.get(0).isBlank()) {
        continue;
      }
      out.add(
          new JsonObject()
              .put("kind", k < f.size() ? f.get(k) : null)
              .put("left", l < f.size() ? f.get(l) : null)
              .put("right", r < f.size() ? f.get(r) : null)
              .put("line", row.line()));
    }
    return out;
  }

  /**
   * Validates and stores a list.
   *
   * @param tenantId tenant, or null for an operator-wide list
   * @param name the list's name (1 to 200 characters)
   * @param entries entries ({@code kind}, {@code left}, {@code right}; {@code line} when from CSV)
   * @return a Uni emitting {@code {id, name, entries, operatorWide}}; fails with a 400 naming the
   *     first bad entries
   */
  public Uni<JsonObject> load(String tenantId, Object name, JsonArray entries) {
    List<FieldError> errors = new ArrayList<>();
    if (!(name instanceof String n) || n.isBlank() || n.length() > 200) {
      errors.add(new FieldError("name", "required", "name must be 1 to 200 characters"));
    }
    if (entries.isEmpty()) {
      errors.add(new FieldError("entries", "required", "a list needs at least one entry"));
    }
    if (entries.size() > MAX_ENTRIES) {
      throw bad("entries", "size", "a list holds at most " + MAX_ENTRIES + " entries");
    }
    List<Entry> valid = new ArrayList<>();
    for (int i = 0; i < entries.size() && errors.size() < 20; i++) {
      Object o = entries.getValue(i);
      String at;
      if (o instanceof JsonObject e && e.getValue("line") instanceof Number line) {
        at = "line " + line;
      } else {
        at = "entries[" + i + "]";
      }
      if (!(o instanceof JsonObject e)) {
        errors.add(new FieldError(at, "type", at + " must be an object"));
        continue;
      }
      for (String f : e.fieldNames()) {
        if (!List.of("kind", "left", "right", "line").contains(f)) {
          errors.add(new FieldError(at + "." + f, "unknown", "unknown field " + f));
        }
      }
      Object kind = e.getValue("kind");
      String ruleKind =
          kind instanceof String s ? KINDS.get(s.strip().toLowerCase(Locale.ROOT)) : null;
      if (ruleKind == null) {
        errors.add(new FieldError(at + ".kind", "enum", "kind is name, former_name or domain"));
        continue;
      }
      String left = value(e, "left", at, errors);
      String right = value(e, "right", at, errors);
      if (left == null || right == null) {
        continue;
      }
      String lk = RuleLearner.key(ruleKind, left, normalizers);
      String rk = RuleLearner.key(ruleKind, right, normalizers);
      String what = ruleKind.equals(LearnedRule.DOMAIN_ALIAS) ? "a company domain" : "a name";
      if (lk == null) {
        errors.add(new FieldError(at + ".left", "format", "left is not " + what));
      } else if (rk == null) {
        errors.add(new FieldError(at + ".right", "format", "right is not " + what));
      } else if (lk.equals(rk)) {
        errors.add(
            new FieldError(at + ".right", "same", "left and right are the same once normalised"));
      } else {
        valid.add(new Entry(ruleKind, left, right, lk, rk));
      }
    }
    if (!errors.isEmpty()) {
      throw GatewayException.validation("invalid alias list", errors);
    }
    int size = valid.size();
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(MatchRules.SQL.get("insert-list"))
                .execute(Tuple.of(tenantId, name, size))
                .chain(
                    rows -> {
                      long id = rows.iterator().next().getLong("id");
                      return tx.preparedQuery(MatchRules.SQL.get("insert-list-rules"))
                          .execute(
                              Tuple.tuple(
                                  Arrays.asList(
                                      tenantId,
                                      id,
                                      valid.stream().map(Entry::kind).toArray(String[]::new),
                                      valid.stream().map(Entry::left).toArray(String[]::new),
                                      valid.stream().map(Entry::right).toArray(String[]::new),
                                      valid.stream().map(Entry::leftKey).toArray(String[]::new),
                                      valid.stream().map(Entry::rightKey).toArray(String[]::new))))
                          .map(
                              x ->
                                  new JsonObject()
                                      .put("id", id)
                                      .put("name", name)
                                      .put("entries", size)
                                      .put("operatorWide", tenantId == null));
                    }));
  }

  private static String value(JsonObject e, String field, String at, List<FieldError> errors) {
    Object v = e.getValue(field);
    if (!(v instanceof String s) || s.isBlank() || s.length() > MAX_VALUE) {
      errors.add(
          new FieldError(
              at + "." + field, "required", field + " must be 1 to " + MAX_VALUE + " characters"));
      return null;
    }
    return s.strip();
  }

  /**
   * Lists alias lists: a tenant's own and the operator-wide ones, or (tenant null) the
   * operator-wide ones.
   *
   * @param tenantId tenant or null
   * @return a Uni emitting {@code {items}}
   */
  public Uni<JsonObject> list(String tenantId) {
    return pool.preparedQuery(MatchRules.SQL.get("list-lists"))
        .execute(Tuple.of(tenantId, tenantId != null))
        .map(
            rows -> {
              JsonArray items = new JsonArray();
              rows.forEach(
                  r ->
                      items.add(
                          new JsonObject()
                              .put("id", r.getLong("id"))
                              .put("name", r.getString("name"))
                              .put("entries", r.getInteger("entries"))
                              .put("operatorWide", r.getString("tenant_id") == null)
                              .put(
                                  "createdAt",
                                  r.getOffsetDateTime("created_at").toInstant().toString())));
              return new JsonObject().put("items", items);
            });
  }

  /**
   * Deletes a list and its rules.
   *
   * @param tenantId the tenant, or null for an operator-wide list
   * @param id list id
   * @return a Uni emitting true when a list was deleted
   */
  public Uni<Boolean> delete(String tenantId, long id) {
    return pool.preparedQuery(MatchRules.SQL.get("delete-list"))
        .execute(Tuple.of(id, tenantId))
        .map(rows -> rows.size() > 0);
  }

  private static GatewayException bad(String field, String rule, String message) {
    return GatewayException.validation(
        "invalid alias list", List.of(new FieldError(field, rule, message)));
  }
}

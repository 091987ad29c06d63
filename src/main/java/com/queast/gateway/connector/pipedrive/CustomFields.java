package com.queast.gateway.connector.pipedrive;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves custom fields by name to the 40-character hash keys Pipedrive uses in {@code
 * custom_fields} (vendor notes §1.6), creating the missing ones through the v2 fields API.
 * Idempotent: a field that exists by name is reused.
 */
public final class CustomFields {

  /** The field holding the Queast id on organizations and persons. */
  public static final String QUEAST_ID = "queast_id";

  /** The organization field a CRM user sets to mark a company as interesting (inbound). */
  public static final String INTEREST = "Queast interest";

  /** Fields the connector needs on organizations. */
  public static final List<String> ORGANIZATION_FIELDS = List.of(QUEAST_ID, INTEREST);

  /** Fields the connector needs on persons. */
  public static final List<String> PERSON_FIELDS = List.of(QUEAST_ID);

  private CustomFields() {}

  /**
   * Finds (or creates, as {@code varchar}) the named custom fields of a kind.
   *
   * @param s session
   * @param kind organization or person
   * @param names field names
   * @return a Uni emitting name → hash key; fails with {@link IllegalStateException} naming the
   *     vendor's error
   */
  public static Uni<JsonObject> ensure(PipedriveSession s, ContactKind kind, List<String> names) {
    return existing(s, kind, null, new HashMap<>())
        .chain(
            found -> {
              JsonObject out = new JsonObject();
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (String name : names) {
                String code = found.get(name);
                if (code != null) {
                  out.put(name, code);
                } else {
                  chain =
                      chain
                          .chain(() -> create(s, kind, name).invoke(c -> out.put(name, c)))
                          .replaceWithVoid();
                }
              }
              return chain.replaceWith(out);
            });
  }

  /**
   * The property names a mapping may write on an entity of this account: the field codes of the
   * built-in fields the v2 fields API lists, the connector's flat {@code email}/{@code phone} for
   * {@code emails}/{@code phones}, and for persons the contact-sync body fields the v2 spec accepts
   * even when the account's field list does not show them ({@code postal_address}, {@code notes},
   * {@code im}, {@code birthday}, {@code job_title}; vendor notes §1.4). Custom fields are named
   * {@code custom:<Field name>} in mappings and resolved (or created) by the setup.
   *
   * @param s a session of the connection
   * @param kind organization or person
   * @return a Uni emitting the names; fails when the fields cannot be read
   */
  public static Uni<java.util.Set<String>> writable(PipedriveSession s, ContactKind kind) {
    Map<String, String> builtIn = new HashMap<>();
    return fieldPages(s, kind, null, builtIn, false)
        .map(
            m -> {
              java.util.Set<String> out = new java.util.TreeSet<>(m.values());
              if (out.contains("emails")) {
                out.add("email");
              }
              if (out.contains("phones")) {
                out.add("phone");
              }
              if (kind == ContactKind.PERSON) {
                out.addAll(List.of("postal_address", "notes", "im", "birthday", "job_title"));
              }
              return out;
            });
  }

  private static Uni<Map<String, String>> existing(
      PipedriveSession s, ContactKind kind, String cursor, Map<String, String> acc) {
    return fieldPages(s, kind, cursor, acc, true);
  }

  private static Uni<Map<String, String>> fieldPages(
      PipedriveSession s,
      ContactKind kind,
      String cursor,
      Map<String, String> acc,
      boolean custom) {
    Map<String, String> q = new HashMap<>();
    q.put("limit", "500");
    if (cursor != null) {
      q.put("cursor", cursor);
    }
    return s.call(kind.fields(), null, q, null)
        .chain(
            r -> {
              if (!r.ok()) {
                return Uni.createFrom()
                    .failure(
                        new IllegalStateException(
                            "reading "
                                + kind.configKey()
                                + " fields: "
                                + PipedriveErrors.message(r)));
              }
              JsonArray data = r.body().getJsonArray("data", new JsonArray());
              for (int i = 0; i < data.size(); i++) {
                JsonObject f = data.getJsonObject(i);
                if (f.getBoolean("is_custom_field", false) == custom) {
                  acc.putIfAbsent(
                      custom ? f.getString("field_name") : f.getString("field_code"),
                      f.getString("field_code"));
                }
              }
              JsonObject more = r.body().getJsonObject("additional_data");
              String next = more == null ? null : more.getString("next_cursor");
              return next == null
                  ? Uni.createFrom().item(acc)
                  : fieldPages(s, kind, next, acc, custom);
            });
  }

  private static Uni<String> create(PipedriveSession s, ContactKind kind, String name) {
    JsonObject body = new JsonObject().put("field_name", name).put("field_type", "varchar");
    return s.call(kind.fieldCreate(), null, Map.of(), body)
        .map(
            r -> {
              if (!r.ok() || r.data() == null || r.data().getString("field_code") == null) {
                throw new IllegalStateException(
                    "creating field " + name + ": " + PipedriveErrors.message(r));
              }
              return r.data().getString("field_code");
            });
  }
}

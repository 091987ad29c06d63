package com.queast.gateway.connector.pipedrive;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * API v2 organizations and persons: create, update, exact search by the {@code queast_id} custom
 * field, and paging through all records (for the local CRM index).
 */
public final class ContactsApi {

  /** Page size of list calls: the cost is per call, so always the maximum. */
  static final int PAGE = 500;

  private ContactsApi() {}

  /**
   * Creates a record.
   *
   * @param s session
   * @param kind organization or person
   * @param body v2 body
   * @return a Uni emitting the answer
   */
  public static Uni<PipedriveResponse> create(
      PipedriveSession s, ContactKind kind, JsonObject body) {
    return s.call(kind.create(), null, Map.of(), body);
  }

  /**
   * Updates a record.
   *
   * @param s session
   * @param kind organization or person
   * @param id Pipedrive id
   * @param body v2 body
   * @return a Uni emitting the answer
   */
  public static Uni<PipedriveResponse> update(
      PipedriveSession s, ContactKind kind, String id, JsonObject body) {
    return s.call(kind.update(), id, Map.of(), body);
  }

  /**
   * Finds records whose custom fields hold exactly {@code value} (case-insensitive at the vendor).
   *
   * @param s session
   * @param kind organization or person
   * @param value the queast id
   * @return a Uni emitting the answer; {@link #ids} reads the found ids
   */
  public static Uni<PipedriveResponse> searchByCustomField(
      PipedriveSession s, ContactKind kind, String value) {
    Map<String, String> q = new HashMap<>();
    q.put("term", value);
    q.put("fields", "custom_fields");
    q.put("exact_match", "true");
    q.put("limit", "10");
    return s.call(kind.search(), null, q, null);
  }

  /**
   * The ids of a search answer, lowest first.
   *
   * @param r a successful search answer
   * @return ids
   */
  public static List<Long> ids(PipedriveResponse r) {
    List<Long> out = new ArrayList<>();
    JsonObject data = r.data();
    JsonArray items = data == null ? null : data.getJsonArray("items");
    if (items != null) {
      for (int i = 0; i < items.size(); i++) {
        JsonObject item = items.getJsonObject(i).getJsonObject("item");
        if (item != null && item.getValue("id") instanceof Number n) {
          out.add(n.longValue());
        }
      }
    }
    out.sort(Long::compare);
    return out;
  }

  /**
   * Pages through every organization or person of the company (v2 list with {@code cursor}).
   *
   * @param s session
   * @param kind organization or person
   * @param queastIdKey hash key of the {@code queast_id} custom field, or null
   * @return a Uni emitting all records; fails with {@link IllegalStateException} naming the
   *     vendor's error when a page fails
   */
  public static Uni<List<PipedriveContact>> listAll(
      PipedriveSession s, ContactKind kind, String queastIdKey) {
    return page(s, kind, queastIdKey, null, new ArrayList<>());
  }

  /**
   * One page of organizations or persons (v2 list with {@code cursor}), for the paged CRM index.
   *
   * @param s session
   * @param kind organization or person
   * @param queastIdKey hash key of the {@code queast_id} custom field, or null
   * @param cursor null for the first page
   * @return a Uni emitting the page and the next cursor (null at the end)
   */
  public static Uni<Page> onePage(
      PipedriveSession s, ContactKind kind, String queastIdKey, String cursor) {
    Map<String, String> q = new HashMap<>();
    q.put("limit", String.valueOf(PAGE));
    if (cursor != null) {
      q.put("cursor", cursor);
    }
    return s.call(kind.list(), null, q, null)
        .map(
            r -> {
              if (!r.ok()) {
                throw new IllegalStateException(
                    "listing " + kind.objectType() + ": " + PipedriveErrors.message(r));
              }
              List<PipedriveContact> out = new ArrayList<>();
              JsonArray data = r.body().getJsonArray("data", new JsonArray());
              for (int i = 0; i < data.size(); i++) {
                out.add(contact(kind, data.getJsonObject(i), queastIdKey));
              }
              JsonObject more = r.body().getJsonObject("additional_data");
              return new Page(out, more == null ? null : more.getString("next_cursor"));
            });
  }

  /**
   * A page of records.
   *
   * @param contacts the records
   * @param next cursor of the next page, or null
   */
  public record Page(List<PipedriveContact> contacts, String next) {}

  private static Uni<List<PipedriveContact>> page(
      PipedriveSession s, ContactKind kind, String key, String cursor, List<PipedriveContact> acc) {
    return onePage(s, kind, key, cursor)
        .chain(
            p -> {
              acc.addAll(p.contacts());
              return p.next() == null
                  ? Uni.createFrom().item(acc)
                  : page(s, kind, key, p.next(), acc);
            });
  }

  /**
   * Reads a v2 organization or person.
   *
   * @param kind organization or person
   * @param o the v2 object
   * @param queastIdKey hash key of {@code queast_id}, or null
   * @return the contact
   */
  public static PipedriveContact contact(ContactKind kind, JsonObject o, String queastIdKey) {
    JsonObject address = o.getJsonObject(kind == ContactKind.PERSON ? "postal_address" : "address");
    List<String> emails = values(o.getJsonArray("emails"));
    JsonObject custom = o.getJsonObject("custom_fields");
    Object qid = custom == null || queastIdKey == null ? null : custom.getValue(queastIdKey);
    Object orgId = o.getValue("org_id");
    return new PipedriveContact(
        kind,
        String.valueOf(o.getValue("id")),
        o.getString("name"),
        kind == ContactKind.ORGANIZATION ? o.getString("website") : null,
        kind == ContactKind.ORGANIZATION ? o.getString("linkedin") : null,
        address == null ? null : address.getString("country"),
        address == null ? null : address.getString("locality"),
        emails,
        orgId == null ? null : String.valueOf(orgId),
        qid == null ? null : String.valueOf(qid),
        kind == ContactKind.PERSON ? values(o.getJsonArray("phones")) : List.of());
  }

  /**
   * The values of a v2 {@code emails}/{@code phones} array ({@code [{value, label, primary}]};
   * plain strings in search results), the primary one first.
   */
  private static List<String> values(JsonArray items) {
    List<String> out = new ArrayList<>();
    if (items == null) {
      return out;
    }
    for (int i = 0; i < items.size(); i++) {
      Object e = items.getValue(i);
      String v = e instanceof JsonObject j ? j.getString("value") : String.valueOf(e);
      if (v != null && !v.isBlank()) {
        if (e instanceof JsonObject j && Boolean.TRUE.equals(j.getBoolean("primary"))) {
          out.add(0, v);
        } else {
          out.add(v);
        }
      }
    }
    return out;
  }
}

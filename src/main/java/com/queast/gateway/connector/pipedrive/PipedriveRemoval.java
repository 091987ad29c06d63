package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.connector.ItemResult;
import com.queast.gateway.connector.Removals;
import com.queast.gateway.record.DeliveryItem;
import com.queast.gateway.record.RecordType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Pipedrive's side of deletions and erasures (issue 16), one call per record (Pipedrive has no
 * batch delete in v2). {@code unlink} calls nothing; {@code archive} deletes the organization,
 * person, note or activity (organizations and persons stay recoverable for 30 days); {@code clear}
 * patches the written fields of an organization or person to empty (the required {@code name} and
 * the {@code queast_id} field stay; a Signal's note or activity cannot be emptied, so it is only
 * unlinked). An erasure deletes the person (by its id, or found by {@code queast_id}); a 404 means
 * nothing is left.
 */
final class PipedriveRemoval {

  /**
   * Applies deletions and erasures.
   *
   * @param scopes connections of the batch (absent = gone)
   * @param items removal items
   * @return a Uni emitting one result per item; never fails
   */
  Uni<List<ItemResult>> run(Map<UUID, ConnectionScope> scopes, List<DeliveryItem> items) {
    List<ItemResult> out = new ArrayList<>();
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (DeliveryItem i : items) {
      ConnectionScope s = scopes.get(i.job().connectionId());
      if (s == null) {
        out.add(Results.cancel(i.job(), "connection_gone", "the connection no longer exists"));
        continue;
      }
      chain =
          chain.chain(
              () ->
                  one(s, i)
                      .onFailure()
                      .recoverWithItem(t -> Results.fromFailure(i.job(), t))
                      .invoke(out::add)
                      .replaceWithVoid());
    }
    return chain.map(ignored -> out);
  }

  private Uni<ItemResult> one(ConnectionScope s, DeliveryItem i) {
    if (Removals.isErasure(i)) {
      return erase(s, i);
    }
    if (i.previous() == null || i.previous().crmId() == null) {
      return done(Removals.forgotten(i, "nothing_linked", "no CRM record was linked", null));
    }
    String type = i.previous().crmObjectType();
    String id = i.previous().crmId();
    String policy = s.mapping().spec().onDelete(RecordType.fromLabel(i.job().recordType()));
    PipedriveEndpoint delete = deleteOf(type);
    if ("archive".equals(policy) && delete != null) {
      return s.session()
          .call(delete, id, Map.of(), null)
          .map(r -> settled(i, r, "archived", "deleted " + type + " " + id));
    }
    ContactKind kind = kindOf(type);
    if ("clear".equals(policy) && kind != null) {
      JsonObject body = cleared(i.previous().deliveredProps(), s.fieldKeys(kind));
      return s.session()
          .call(kind.update(), id, Map.of(), body)
          .map(r -> settled(i, r, "cleared", "emptied the written fields of " + type + " " + id));
    }
    return done(
        Removals.forgotten(
            i, "unlinked", "the CRM record " + type + " " + id + " stays; link forgotten", null));
  }

  private Uni<ItemResult> erase(ConnectionScope s, DeliveryItem i) {
    String crmId = i.job().payload() == null ? null : i.job().payload().getString("crmId");
    if (crmId != null) {
      return deletePerson(s, i, crmId);
    }
    return ContactsApi.searchByCustomField(s.session(), ContactKind.PERSON, i.job().recordId())
        .chain(
            r -> {
              if (!r.ok()) {
                return done(Results.failed(i.job(), r));
              }
              List<Long> ids = ContactsApi.ids(r);
              if (ids.isEmpty()) {
                return done(
                    Removals.erased(i, "nothing_to_erase", "no person carries the id", r.status()));
              }
              return deletePerson(s, i, String.valueOf(ids.get(0)));
            });
  }

  private Uni<ItemResult> deletePerson(ConnectionScope s, DeliveryItem i, String id) {
    return s.session()
        .call(PipedriveEndpoint.PERSON_DELETE, id, Map.of(), null)
        .map(
            r -> {
              if (r.ok()) {
                return Removals.erased(i, "erased", "deleted person " + id, r.status());
              }
              if (r.status() == 404) {
                return Removals.erased(i, "nothing_to_erase", "no person " + id + " left", 404);
              }
              return Results.failed(i.job(), r);
            });
  }

  private static ItemResult settled(
      DeliveryItem i, PipedriveResponse r, String code, String message) {
    if (r.ok() || r.status() == 404) {
      return Removals.forgotten(
          i, code, r.ok() ? message : message + " (already gone)", r.status());
    }
    return Results.failed(i.job(), r);
  }

  private static PipedriveEndpoint deleteOf(String type) {
    return switch (type == null ? "" : type) {
      case "organizations" -> PipedriveEndpoint.ORG_DELETE;
      case "persons" -> PipedriveEndpoint.PERSON_DELETE;
      case SignalWriter.NOTES -> PipedriveEndpoint.NOTE_DELETE;
      case SignalWriter.ACTIVITIES -> PipedriveEndpoint.ACTIVITY_DELETE;
      default -> null;
    };
  }

  private static ContactKind kindOf(String type) {
    for (ContactKind k : ContactKind.values()) {
      if (k.objectType().equals(type)) {
        return k;
      }
    }
    return null;
  }

  /** The written fields emptied: lists to [], the rest to null; name and queast_id stay. */
  static JsonObject cleared(JsonObject sent, JsonObject fieldKeys) {
    JsonObject out = new JsonObject();
    if (sent == null) {
      return out;
    }
    String qid = fieldKeys.getString(CustomFields.QUEAST_ID);
    for (String k : sent.fieldNames()) {
      Object v = sent.getValue(k);
      if (k.equals("name")) {
        continue;
      }
      if (k.equals("custom_fields") && v instanceof JsonObject cf) {
        JsonObject c = new JsonObject();
        for (String f : cf.fieldNames()) {
          if (!f.equals(qid)) {
            c.putNull(f);
          }
        }
        if (!c.isEmpty()) {
          out.put("custom_fields", c);
        }
      } else if (v instanceof JsonArray) {
        out.put(k, new JsonArray());
      } else {
        out.putNull(k);
      }
    }
    return out;
  }

  private static Uni<ItemResult> done(ItemResult r) {
    return Uni.createFrom().item(r);
  }
}

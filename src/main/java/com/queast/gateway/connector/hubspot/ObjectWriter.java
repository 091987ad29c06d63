package com.queast.gateway.connector.hubspot;

import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes records of one HubSpot object type for one connection: a batch upsert on {@code queast_id}
 * (idempotent, so a retry after an ambiguous failure never duplicates), or a batch update by id for
 * records linked by identity matching. Per-record errors of a 207 complete the good records and
 * fail or retry the bad ones with HubSpot's message; a unique-value conflict writes to the record
 * HubSpot names; a stale link (404) falls back to the upsert.
 */
public final class ObjectWriter {

  /** The unique property every written record carries. */
  public static final String ID_PROPERTY = "queast_id";

  private final HubSpotCaller caller;
  private final HubSpotPaths paths;
  private final java.time.Duration window;

  /**
   * A writer.
   *
   * @param caller paced caller
   * @param paths API paths
   * @param window rate-limit window (the wait after a 429)
   */
  public ObjectWriter(HubSpotCaller caller, HubSpotPaths paths, java.time.Duration window) {
    this.caller = caller;
    this.paths = paths;
    this.window = window;
  }

  /**
   * Writes records (at most 100, all of one object type).
   *
   * @param pacer the portal's pacer
   * @param c the connection
   * @param items the records
   * @return a Uni emitting one result per record
   */
  public Uni<List<WriteItem.Written>> write(
      HubSpotPacer pacer, Connection c, List<WriteItem> items) {
    List<WriteItem> upserts = items.stream().filter(i -> i.linkId() == null).toList();
    List<WriteItem> updates = items.stream().filter(i -> i.linkId() != null).toList();
    return upsert(pacer, c, upserts)
        .chain(a -> update(pacer, c, updates, true).map(b -> concat(a, b)));
  }

  private Uni<List<WriteItem.Written>> upsert(
      HubSpotPacer pacer, Connection c, List<WriteItem> items) {
    if (items.isEmpty()) {
      return Uni.createFrom().item(new ArrayList<>());
    }
    String type = items.get(0).crmObject();
    JsonArray inputs = new JsonArray();
    for (WriteItem w : items) {
      inputs.add(
          new JsonObject()
              .put("id", w.queastId())
              .put("idProperty", ID_PROPERTY)
              .put("properties", w.send()));
    }
    return caller
        .call(
            pacer,
            c,
            HttpMethod.POST,
            paths.batch(type, "upsert"),
            new JsonObject().put("inputs", inputs))
        .chain(
            r -> {
              HubSpotErrors.Decision d = HubSpotErrors.classify(r, window);
              if (d.kind() != HubSpotErrors.Kind.OK) {
                return Uni.createFrom().item(failAll(items, d, r));
              }
              JsonObject body = r.json();
              JsonArray results = body.getJsonArray("results", new JsonArray());
              JsonArray errors = body.getJsonArray("errors", new JsonArray());
              Map<String, JsonObject> byKey = matchByKey(items, results, errors.isEmpty());
              if (byKey != null) {
                return settle(pacer, c, items, byKey, errors, r);
              }
              return readByKey(pacer, c, type, items)
                  .chain(
                      found ->
                          found == null
                              ? Uni.createFrom()
                                  .item(
                                      failAll(
                                          items,
                                          new HubSpotErrors.Decision(
                                              HubSpotErrors.Kind.AMBIGUOUS,
                                              "partial_unresolved",
                                              null),
                                          r))
                              : settle(pacer, c, items, found, errors, r));
            });
  }

  /** Results by queast_id when the answer says which is which; null when it must be asked. */
  private static Map<String, JsonObject> matchByKey(
      List<WriteItem> items, JsonArray results, boolean complete) {
    Map<String, JsonObject> out = new HashMap<>();
    boolean keyed = true;
    for (Object o : results) {
      JsonObject res = (JsonObject) o;
      String key = res.getJsonObject("properties", new JsonObject()).getString(ID_PROPERTY);
      if (key == null) {
        keyed = false;
        break;
      }
      out.put(key, res);
    }
    if (keyed) {
      return out;
    }
    if (complete && results.size() == items.size()) {
      out.clear();
      for (int i = 0; i < items.size(); i++) {
        out.put(items.get(i).queastId(), results.getJsonObject(i));
      }
      return out;
    }
    return null;
  }

  private Uni<Map<String, JsonObject>> readByKey(
      HubSpotPacer pacer, Connection c, String type, List<WriteItem> items) {
    JsonArray inputs = new JsonArray();
    items.forEach(w -> inputs.add(new JsonObject().put("id", w.queastId())));
    JsonObject body =
        new JsonObject()
            .put("idProperty", ID_PROPERTY)
            .put("properties", new JsonArray().add(ID_PROPERTY))
            .put("inputs", inputs);
    return caller
        .call(pacer, c, HttpMethod.POST, paths.batch(type, "read"), body)
        .map(
            r -> {
              if (r.status() != 200 && r.status() != 207 || r.json() == null) {
                return null;
              }
              Map<String, JsonObject> out = new HashMap<>();
              for (Object o : r.json().getJsonArray("results", new JsonArray())) {
                JsonObject res = (JsonObject) o;
                String key =
                    res.getJsonObject("properties", new JsonObject()).getString(ID_PROPERTY);
                if (key != null) {
                  out.put(key, res);
                }
              }
              return out;
            });
  }

  private Uni<List<WriteItem.Written>> settle(
      HubSpotPacer pacer,
      Connection c,
      List<WriteItem> items,
      Map<String, JsonObject> byKey,
      JsonArray errors,
      HubSpotResponse r) {
    List<WriteItem.Written> out = new ArrayList<>();
    List<WriteItem> missing = new ArrayList<>();
    for (WriteItem w : items) {
      JsonObject res = byKey.get(w.queastId());
      if (res == null) {
        missing.add(w);
      } else {
        boolean created = res.getBoolean("new", false);
        out.add(
            w.result(
                new Outcome.Complete(
                    Outcomes.attempt("ok", r, created ? "created" : "updated", null),
                    w.crmObject(),
                    res.getString("id")),
                res.getString("id")));
      }
    }
    // A record HubSpot re-created (deleted there since the last delivery) got only the changed
    // properties: send it the whole record by id.
    List<WriteItem> refill = new ArrayList<>();
    for (WriteItem.Written w : out) {
      JsonObject res = byKey.get(w.write().queastId());
      if (res.getBoolean("new", false)
          && w.write().item().previous() != null
          && !w.write().send().equals(w.write().full())) {
        refill.add(w.write().linkedTo(w.crmId()));
      }
    }
    List<WriteItem> conflicts = new ArrayList<>();
    for (int i = 0; i < missing.size(); i++) {
      WriteItem w = missing.get(i);
      JsonObject err =
          errors.size() == missing.size()
              ? errors.getJsonObject(i)
              : errors.isEmpty() ? null : errors.getJsonObject(0);
      if (err == null) {
        out.add(
            w.result(
                new Outcome.Retry(
                    Outcomes.attempt("not_written", r, "HubSpot returned no result for it", null),
                    null),
                null));
        continue;
      }
      String message = err.getString("message");
      String category = err.getString("category");
      String existing = HubSpotErrors.existingId(message);
      if (existing != null) {
        conflicts.add(w.linkedTo(existing));
      } else {
        out.add(
            w.result(
                new Outcome.Fail(Outcomes.attempt("vendor_validation", r, message, category)),
                null));
      }
    }
    List<WriteItem> toUpdate = new ArrayList<>(conflicts);
    toUpdate.addAll(refill);
    java.util.Set<String> refilled = new java.util.HashSet<>();
    refill.forEach(w -> refilled.add(w.queastId()));
    List<WriteItem.Written> kept =
        out.stream().filter(w -> !refilled.contains(w.write().queastId())).toList();
    return update(pacer, c, toUpdate, false).map(u -> concat(kept, u));
  }

  private Uni<List<WriteItem.Written>> update(
      HubSpotPacer pacer, Connection c, List<WriteItem> items, boolean mayFallBack) {
    if (items.isEmpty()) {
      return Uni.createFrom().item(new ArrayList<>());
    }
    String type = items.get(0).crmObject();
    JsonArray inputs = new JsonArray();
    Map<String, WriteItem> byId = new LinkedHashMap<>();
    // HubSpot refuses a whole batch that names one id twice ("Duplicate IDs found in batch
    // input"): two Queast records linked to the same CRM record (a review confirmed both) go one
    // per request, the later one in the next round, with its attempt given back.
    List<WriteItem.Written> later = new ArrayList<>();
    for (WriteItem w : items) {
      if (byId.containsKey(w.linkId())) {
        later.add(
            w.result(
                Outcomes.snooze(
                    "same_crm_record",
                    "another record of this batch writes CRM record " + w.linkId(),
                    java.time.Duration.ofSeconds(1)),
                null));
        continue;
      }
      byId.put(w.linkId(), w);
      JsonObject props = w.full().copy().put(ID_PROPERTY, w.queastId());
      inputs.add(new JsonObject().put("id", w.linkId()).put("properties", props));
    }
    return caller
        .call(
            pacer,
            c,
            HttpMethod.POST,
            paths.batch(type, "update"),
            new JsonObject().put("inputs", inputs))
        .chain(
            r -> {
              HubSpotErrors.Decision d = HubSpotErrors.classify(r, window);
              if (d.kind() != HubSpotErrors.Kind.OK) {
                return Uni.createFrom()
                    .item(concat(later, failAll(new ArrayList<>(byId.values()), d, r)));
              }
              List<WriteItem.Written> out = new ArrayList<>();
              for (Object o : r.json().getJsonArray("results", new JsonArray())) {
                JsonObject res = (JsonObject) o;
                WriteItem w = byId.remove(res.getString("id"));
                if (w != null) {
                  out.add(
                      w.result(
                          new Outcome.Complete(
                              Outcomes.attempt("ok", r, "linked", null),
                              w.crmObject(),
                              res.getString("id")),
                          res.getString("id")));
                }
              }
              List<WriteItem> stale = new ArrayList<>();
              for (WriteItem w : byId.values()) {
                if (mayFallBack) {
                  stale.add(w.linkedTo(null));
                } else {
                  out.add(
                      w.result(
                          new Outcome.Retry(
                              Outcomes.attempt(
                                  "stale_link",
                                  r,
                                  "record " + w.linkId() + " not found",
                                  "OBJECT_NOT_FOUND"),
                              null),
                          null));
                }
              }
              out.addAll(later);
              return upsert(pacer, c, stale).map(u -> concat(out, u));
            });
  }

  private static List<WriteItem.Written> failAll(
      List<WriteItem> items, HubSpotErrors.Decision d, HubSpotResponse r) {
    Outcome o = Outcomes.forFailedCall(d, r);
    if (o instanceof Outcome.Fail f && items.size() > 1) {
      // A whole-batch refusal does not say which record is bad: retry them, never dead-letter all.
      o = new Outcome.Retry(f.attempt(), null);
    }
    List<WriteItem.Written> out = new ArrayList<>();
    for (WriteItem w : items) {
      out.add(w.result(o, null));
    }
    return out;
  }

  private static List<WriteItem.Written> concat(
      List<WriteItem.Written> a, List<WriteItem.Written> b) {
    List<WriteItem.Written> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}

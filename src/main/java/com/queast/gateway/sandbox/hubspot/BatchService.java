package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The batch endpoints of the objects API with HubSpot's semantics: at most 100 inputs; batch create
 * is all-or-nothing unless every input carries {@code objectWriteTraceId} (then 207 with per-input
 * errors); batch read answers 207 {@code OBJECT_NOT_FOUND} for missing ids; upsert needs a unique
 * {@code idProperty} and reports {@code new: true|false} per record.
 */
final class BatchService {

  static final int MAX_INPUTS = 100;

  private final ObjectService objects;

  BatchService(ObjectService objects) {
    this.objects = objects;
  }

  static JsonArray inputs(JsonObject body, int max) {
    JsonArray inputs = body.getJsonArray("inputs");
    if (inputs == null) {
      throw HubSpotError.validation("inputs: must not be null");
    }
    if (inputs.size() > max) {
      throw HubSpotError.validation(
          "Too many inputs: " + inputs.size() + ". The maximum batch size is " + max + ".");
    }
    for (Object o : inputs) {
      if (!(o instanceof JsonObject)) {
        throw HubSpotError.validation("inputs: every input must be an object");
      }
    }
    return inputs;
  }

  BatchResult create(Portal portal, ObjectType type, JsonObject body) {
    JsonArray inputs = inputs(body, MAX_INPUTS);
    BatchResult out = new BatchResult(objects.now(), 201);
    boolean multiStatus =
        !inputs.isEmpty()
            && inputs.stream()
                .allMatch(i -> ((JsonObject) i).getValue("objectWriteTraceId") != null);
    synchronized (portal) {
      if (multiStatus) {
        for (Object i : inputs) {
          JsonObject in = (JsonObject) i;
          String trace = String.valueOf(in.getValue("objectWriteTraceId"));
          try {
            CrmObject o =
                objects.create(
                    portal,
                    type,
                    in.getJsonObject("properties"),
                    in.getJsonArray("associations"),
                    CrmEvents.Source.INTEGRATION);
            out.result(
                ObjectJson.written(o, in.getJsonObject("properties"))
                    .put("objectWriteTraceId", trace));
          } catch (HubSpotError e) {
            out.error(e.toBatchError(Map.of("objectWriteTraceId", trace)));
          }
        }
        return out;
      }
      // All or nothing: validate every input (and the batch against itself) before writing any.
      List<Map<String, String>> values = new ArrayList<>();
      List<List<Object[]>> links = new ArrayList<>();
      Map<String, Set<String>> seen = new HashMap<>();
      for (Object i : inputs) {
        JsonObject in = (JsonObject) i;
        Map<String, String> v =
            PropertyValidator.validate(portal, type, in.getJsonObject("properties"), true);
        objects.checkUnique(portal, type, v, null);
        for (Map.Entry<String, String> e : v.entrySet()) {
          if (!e.getValue().isEmpty() && portal.catalog(type).isUnique(e.getKey())) {
            String key = e.getValue().toLowerCase(Locale.ROOT);
            if (!seen.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(key)) {
              throw HubSpotError.validation(
                  "Duplicate values for unique property "
                      + e.getKey()
                      + " in batch input: "
                      + e.getValue());
            }
          }
        }
        values.add(v);
        links.add(objects.resolveAssociations(portal, type, in.getJsonArray("associations")));
      }
      for (int k = 0; k < values.size(); k++) {
        CrmObject o =
            objects.insert(portal, type, values.get(k), links.get(k), CrmEvents.Source.INTEGRATION);
        out.result(ObjectJson.written(o, values.get(k)));
      }
      return out;
    }
  }

  BatchResult read(Portal portal, ObjectType type, JsonObject body, boolean archived) {
    JsonArray inputs = inputs(body, MAX_INPUTS);
    String idProperty = body.getString("idProperty");
    List<String> props = ObjectJson.requested(body.getJsonArray("properties"));
    BatchResult out = new BatchResult(objects.now(), 200);
    List<String> missing = new ArrayList<>();
    Set<Long> returned = new HashSet<>();
    for (Object i : inputs) {
      String id = String.valueOf(((JsonObject) i).getValue("id"));
      Optional<CrmObject> o = objects.resolve(portal, type, id, idProperty, archived);
      if (o.isEmpty()) {
        missing.add(id);
      } else if (returned.add(o.get().id())) {
        out.result(ObjectJson.render(o.get(), props));
      }
    }
    if (!missing.isEmpty()) {
      out.error(notFound(type, missing));
    }
    return out;
  }

  static JsonObject notFound(ObjectType type, List<String> ids) {
    return new JsonObject()
        .put("status", "error")
        .put("category", "OBJECT_NOT_FOUND")
        .put(
            "message",
            "Could not get some "
                + type.upper()
                + " objects, they may be deleted or not exist. Check that ids are valid.")
        .put("context", new JsonObject().put("ids", new JsonArray(ids)))
        .put("errors", new JsonArray());
  }

  BatchResult update(Portal portal, ObjectType type, JsonObject body) {
    JsonArray inputs = inputs(body, MAX_INPUTS);
    rejectDuplicateIds(inputs);
    BatchResult out = new BatchResult(objects.now(), 200);
    List<String> missing = new ArrayList<>();
    synchronized (portal) {
      List<CrmObject> targets = new ArrayList<>();
      List<Map<String, String>> values = new ArrayList<>();
      for (Object i : inputs) {
        JsonObject in = (JsonObject) i;
        String id = String.valueOf(in.getValue("id"));
        Optional<CrmObject> o =
            objects.resolve(portal, type, id, in.getString("idProperty"), false);
        Map<String, String> v =
            PropertyValidator.validate(portal, type, in.getJsonObject("properties"), false);
        if (o.isEmpty()) {
          missing.add(id);
          continue;
        }
        objects.checkUnique(portal, type, v, o.get().id());
        targets.add(o.get());
        values.add(v);
      }
      for (int k = 0; k < targets.size(); k++) {
        objects.apply(portal, targets.get(k), values.get(k), CrmEvents.Source.INTEGRATION);
        out.result(ObjectJson.written(targets.get(k), values.get(k)));
      }
    }
    if (!missing.isEmpty()) {
      out.error(notFound(type, missing));
    }
    return out;
  }

  BatchResult upsert(Portal portal, ObjectType type, JsonObject body) {
    JsonArray inputs = inputs(body, MAX_INPUTS);
    rejectDuplicateIds(inputs);
    BatchResult out = new BatchResult(objects.now(), 200);
    synchronized (portal) {
      for (Object i : inputs) {
        JsonObject in = (JsonObject) i;
        String idProperty = in.getString("idProperty");
        String id = in.getValue("id") == null ? null : String.valueOf(in.getValue("id"));
        if (idProperty == null || idProperty.isEmpty() || id == null) {
          throw HubSpotError.validation("Each upsert input needs id and idProperty");
        }
        objects.requireUniqueIdProperty(portal, type, idProperty);
        try {
          out.result(upsertOne(portal, type, in, idProperty, id));
        } catch (HubSpotError e) {
          if (e.status() >= 500) {
            throw e;
          }
          out.error(e.toBatchError(Map.of()));
        }
      }
    }
    return out;
  }

  private JsonObject upsertOne(
      Portal portal, ObjectType type, JsonObject in, String idProperty, String id) {
    JsonObject props = in.getJsonObject("properties", new JsonObject()).copy();
    Optional<CrmObject> existing = portal.findBy(type, idProperty, id);
    if (existing.isPresent()) {
      CrmObject o = objects.update(portal, existing.get(), props, CrmEvents.Source.INTEGRATION);
      return ObjectJson.written(o, props).put("new", false);
    }
    props.put(idProperty, id);
    CrmObject o = objects.create(portal, type, props, null, CrmEvents.Source.INTEGRATION);
    return ObjectJson.written(o, props).put("new", true);
  }

  void archive(Portal portal, ObjectType type, JsonObject body) {
    JsonArray inputs = inputs(body, MAX_INPUTS);
    synchronized (portal) {
      for (Object i : inputs) {
        String id = String.valueOf(((JsonObject) i).getValue("id"));
        objects
            .resolve(portal, type, id, null, false)
            .ifPresent(o -> objects.archive(portal, o, CrmEvents.Source.INTEGRATION));
      }
    }
  }

  private static void rejectDuplicateIds(JsonArray inputs) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Object i : inputs) {
      Object id = ((JsonObject) i).getValue("id");
      String key = id == null ? "" : id.toString().toLowerCase(Locale.ROOT);
      counts.merge(key, 1, Integer::sum);
    }
    List<String> dupes =
        counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    if (!dupes.isEmpty() && !(dupes.size() == 1 && dupes.get(0).isEmpty())) {
      throw HubSpotError.validation(
          "Duplicate IDs found in batch input: " + dupes + ". IDs must be unique");
    }
  }
}

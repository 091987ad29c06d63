package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One company's records of one entity type, in id order, with the time each was last written (for
 * the search indexing delay). Not thread-safe: callers hold the company's lock.
 */
final class EntityStore {

  private final TreeMap<Long, JsonObject> records = new TreeMap<>();
  private final Map<Long, Instant> writtenAt = new HashMap<>();
  private long nextId = 1;

  long nextId() {
    return nextId++;
  }

  void put(long id, JsonObject record, Instant now) {
    records.put(id, record);
    writtenAt.put(id, now);
  }

  JsonObject get(long id) {
    return records.get(id);
  }

  Instant writtenAt(long id) {
    return writtenAt.get(id);
  }

  List<JsonObject> all() {
    return new ArrayList<>(records.values());
  }

  int size() {
    return records.size();
  }

  long liveCount() {
    return records.values().stream().filter(r -> !r.getBoolean("is_deleted", false)).count();
  }
}

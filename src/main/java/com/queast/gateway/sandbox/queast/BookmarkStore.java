package com.queast.gateway.sandbox.queast;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Bookmarks by tenant and Queast company id. An upsert is idempotent: the same content changes
 * nothing; a newer {@code markedAt} replaces the bookmark; an older one is ignored (deliveries may
 * arrive out of order). Thread-safe.
 */
final class BookmarkStore {

  /** What an upsert did. */
  enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED
  }

  record Result(Outcome outcome, JsonObject bookmark) {}

  private final Map<String, TreeMap<String, JsonObject>> byTenant = new TreeMap<>();
  private long upserts;

  synchronized Result upsert(
      String tenant,
      String company,
      String source,
      String recordId,
      Instant markedAt,
      String markedBy,
      Instant now) {
    upserts++;
    TreeMap<String, JsonObject> t = byTenant.computeIfAbsent(tenant, k -> new TreeMap<>());
    JsonObject old = t.get(company);
    if (old == null) {
      JsonObject b =
          new JsonObject()
              .put("tenantId", tenant)
              .put("companyId", company)
              .put("source", source)
              .put("crmRecordId", recordId)
              .put("markedAt", markedAt.toString())
              .put("markedBy", markedBy)
              .put("createdAt", now.toString())
              .put("updatedAt", now.toString())
              .put("version", 1);
      t.put(company, b);
      return new Result(Outcome.CREATED, b.copy());
    }
    Instant oldMarked = Instant.parse(old.getString("markedAt"));
    boolean same =
        old.getString("source").equals(source)
            && old.getString("crmRecordId").equals(recordId)
            && oldMarked.equals(markedAt)
            && Objects.equals(old.getString("markedBy"), markedBy);
    if (same || markedAt.isBefore(oldMarked)) {
      return new Result(Outcome.UNCHANGED, old.copy());
    }
    old.put("source", source)
        .put("crmRecordId", recordId)
        .put("markedAt", markedAt.toString())
        .put("markedBy", markedBy)
        .put("updatedAt", now.toString())
        .put("version", old.getInteger("version") + 1);
    return new Result(Outcome.UPDATED, old.copy());
  }

  synchronized JsonObject get(String tenant, String company) {
    JsonObject b = byTenant.getOrDefault(tenant, new TreeMap<>()).get(company);
    return b == null ? null : b.copy();
  }

  synchronized boolean delete(String tenant, String company) {
    TreeMap<String, JsonObject> t = byTenant.get(tenant);
    return t != null && t.remove(company) != null;
  }

  synchronized List<JsonObject> list(String tenant) {
    List<JsonObject> out = new ArrayList<>();
    byTenant.getOrDefault(tenant, new TreeMap<>()).values().forEach(b -> out.add(b.copy()));
    return out;
  }

  synchronized List<JsonObject> all() {
    List<JsonObject> out = new ArrayList<>();
    byTenant.values().forEach(t -> t.values().forEach(b -> out.add(b.copy())));
    return out;
  }

  synchronized long upserts() {
    return upserts;
  }

  synchronized void clear() {
    byTenant.clear();
    upserts = 0;
  }
}

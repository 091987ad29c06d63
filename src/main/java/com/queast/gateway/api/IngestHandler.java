package com.queast.gateway.api;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.record.IncomingRecord;
import com.queast.gateway.record.RecordStore;
import com.queast.gateway.record.RecordType;
import com.queast.gateway.removal.Erasures;
import com.queast.gateway.tenant.TenantStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code PUT /v1/tenants/{tenantId}/{companies|people|signals}/{id}} and the {@code :batch}
 * variants. Accepted means committed: records and their delivery jobs are in Postgres before the
 * 202 leaves. A batch keeps its good items and names every bad field of every bad item.
 */
public final class IngestHandler {

  /** Largest batch. */
  public static final int MAX_BATCH = 1000;

  private final RecordStore records;
  private final TenantStore tenants;
  private final Erasures erasures;

  /**
   * A handler.
   *
   * @param records record store
   * @param tenants tenant store
   * @param erasures erasures (writes of an erased person's id are refused, issue 16)
   */
  public IngestHandler(RecordStore records, TenantStore tenants, Erasures erasures) {
    this.records = records;
    this.tenants = tenants;
    this.erasures = erasures;
  }

  /** The people among these ids whose erasure is in force (none for other types). */
  private Uni<Set<String>> erased(String tenantId, RecordType type, List<String> ids) {
    if (type != RecordType.PERSON) {
      return Uni.createFrom().item(Set.of());
    }
    return erasures.erasedAmong(tenantId, ids);
  }

  private static FieldError erasedError(String field, String id) {
    return new FieldError(
        field,
        "erased",
        "person "
            + id
            + " was erased; its id is refused until POST /v1/tenants/{tenantId}/people/"
            + id
            + ":allow");
  }

  /**
   * Single upsert.
   *
   * @param ctx request
   * @param type record type from the path
   * @return a Uni emitting the response (status + body)
   */
  public Uni<Reply> putOne(RoutingContext ctx, RecordType type) {
    String tenantId = Bodies.pathId(ctx, "tenantId");
    String id = Bodies.pathId(ctx, "recordId");
    JsonObject body = Bodies.object(ctx);
    List<FieldError> errors = new ArrayList<>();
    JsonObject clean = RecordValidator.validate(type, "", body, List.of("id"), errors);
    if (body.containsKey("id") && !id.equals(body.getValue("id"))) {
      errors.add(
          new FieldError("id", "mismatch", "id in the body differs from the id in the path"));
    }
    if (!errors.isEmpty()) {
      throw GatewayException.validation("the " + type.label() + " is invalid", errors);
    }
    return requireTenant(tenantId)
        .chain(() -> erased(tenantId, type, List.of(id)))
        .invoke(
            refused -> {
              if (!refused.isEmpty()) {
                throw new GatewayException(
                    "person_erased",
                    409,
                    "person " + id + " was erased",
                    List.of(erasedError("id", id)));
              }
            })
        .chain(() -> records.ingest(tenantId, List.of(new IncomingRecord(type, id, clean))))
        .map(
            r ->
                new Reply(
                    202,
                    new JsonObject()
                        .put("id", id)
                        .put("type", type.label())
                        .put("status", r.changed(type, id) ? "changed" : "unchanged")
                        .put("jobsEnqueued", r.jobsEnqueued())));
  }

  /**
   * Batch upsert.
   *
   * @param ctx request
   * @param type record type from the path
   * @return a Uni emitting the response; 400 problem (with what was accepted) when some items were
   *     bad
   */
  public Uni<Reply> batch(RoutingContext ctx, RecordType type) {
    String tenantId = Bodies.pathId(ctx, "tenantId");
    JsonObject body = Bodies.object(ctx);
    Object itemsValue = body.getValue("items");
    if (!(itemsValue instanceof JsonArray items)) {
      throw GatewayException.validation(
          "items is required",
          List.of(
              new FieldError(
                  "items", itemsValue == null ? "required" : "type", "items must be an array")));
    }
    if (items.isEmpty() || items.size() > MAX_BATCH) {
      throw GatewayException.validation(
          "batch size out of range",
          List.of(
              new FieldError(
                  "items",
                  "size",
                  "items must hold 1 to " + MAX_BATCH + " records, got " + items.size())));
    }
    for (String k : body.fieldNames()) {
      if (!k.equals("items")) {
        throw GatewayException.validation(
            "unknown field", List.of(new FieldError(k, "unknown", "unknown field " + k)));
      }
    }
    List<FieldError> errors = new ArrayList<>();
    List<IncomingRecord> good = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String prefix = "items[" + i + "].";
      Object raw = items.getValue(i);
      if (!(raw instanceof JsonObject item)) {
        errors.add(new FieldError("items[" + i + "]", "type", "each item must be an object"));
        continue;
      }
      int before = errors.size();
      RecordValidator.id(prefix + "id", item.getValue("id"), errors);
      JsonObject clean = RecordValidator.validate(type, prefix, item, List.of("id"), errors);
      if (errors.size() == before && !seen.add(item.getString("id"))) {
        errors.add(
            new FieldError(
                prefix + "id",
                "unique",
                "id " + item.getString("id") + " appears twice in the batch"));
        continue;
      }
      if (errors.size() == before && clean != null) {
        good.add(new IncomingRecord(type, item.getString("id"), clean));
      }
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      if (items.getValue(i) instanceof JsonObject o && o.getValue("id") instanceof String sid) {
        index.putIfAbsent(sid, i);
      }
    }
    return requireTenant(tenantId)
        .chain(() -> erased(tenantId, type, good.stream().map(IncomingRecord::id).toList()))
        .chain(
            refused -> {
              if (!refused.isEmpty()) {
                good.removeIf(g -> refused.contains(g.id()));
                refused.stream()
                    .sorted()
                    .forEach(id -> errors.add(erasedError("items[" + index.get(id) + "].id", id)));
              }
              return records.ingest(tenantId, good);
            })
        .map(
            r -> {
              JsonArray accepted = new JsonArray();
              int changed = 0;
              for (IncomingRecord g : good) {
                boolean c = r.changed(type, g.id());
                changed += c ? 1 : 0;
                accepted.add(
                    new JsonObject().put("id", g.id()).put("status", c ? "changed" : "unchanged"));
              }
              JsonObject summary =
                  new JsonObject()
                      .put("accepted", good.size())
                      .put("rejected", items.size() - good.size())
                      .put("changed", changed)
                      .put("unchanged", good.size() - changed)
                      .put("jobsEnqueued", r.jobsEnqueued())
                      .put("items", accepted);
              if (!errors.isEmpty()) {
                throw new BatchRejected(
                    GatewayException.validation(
                        (items.size() - good.size())
                            + " of "
                            + items.size()
                            + " items are invalid; the valid ones were accepted",
                        errors),
                    summary);
              }
              return new Reply(202, summary);
            });
  }

  private Uni<Void> requireTenant(String tenantId) {
    return tenants
        .get(tenantId)
        .map(
            t -> {
              if (t.isEmpty()) {
                throw GatewayException.notFound("tenant", tenantId);
              }
              return null;
            });
  }

  /** A partly accepted batch: a 400 problem carrying what was committed. */
  public static final class BatchRejected extends GatewayException {
    private final transient JsonObject accepted;

    BatchRejected(GatewayException cause, JsonObject accepted) {
      super(cause.code(), cause.status(), cause.getMessage(), cause.fieldErrors());
      this.accepted = accepted;
    }

    /**
     * What the batch committed.
     *
     * @return the summary
     */
    public JsonObject accepted() {
      return accepted;
    }
  }
}

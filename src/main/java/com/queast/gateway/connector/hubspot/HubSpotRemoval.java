package com.queast.gateway.connector.hubspot;

import com.queast.gateway.connector.BatchResult;
import com.queast.gateway.connector.DeliveryBatch;
import com.queast.gateway.connector.ItemResult;
import com.queast.gateway.connector.Removals;
import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.mapping.MappingService;
import com.queast.gateway.mapping.MappingSpec;
import com.queast.gateway.record.DeliveryItem;
import com.queast.gateway.record.RecordType;
import com.queast.gateway.tenant.Connection;
import com.queast.gateway.tenant.ConnectionStore;
import com.queast.gateway.tenant.TokenManager;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * HubSpot's side of deletions and erasures (issue 16). Deletions follow the connection's mapping
 * policy: {@code unlink} calls nothing; {@code archive} is {@code POST …/{type}/batch/archive} (204
 * whether or not the record still exists, so a repeat after a lost answer is harmless); {@code
 * clear} is {@code POST …/{type}/batch/update} with the written properties set to {@code ""}
 * (HubSpot's empty value), keeping {@code queast_id} and a note's or task's required {@code
 * hs_timestamp}. An erasure is {@code POST /crm/v3/objects/contacts/gdpr-delete} by the contact's
 * id, or by {@code queast_id} when the gateway never learnt the id; a 404 means nothing is left to
 * erase.
 */
final class HubSpotRemoval {

  private static final Duration INACTIVE_WAIT = Duration.ofSeconds(5);

  /** Properties {@code clear} leaves: the identity and what HubSpot requires. */
  private static final List<String> KEEP = List.of(ObjectWriter.ID_PROPERTY, "hs_timestamp");

  private final HubSpotCaller caller;
  private final HubSpotPaths paths;
  private final ConnectionStore connections;
  private final MappingService mapping;
  private final Function<String, HubSpotPacer> pacers;
  private final Duration window;

  HubSpotRemoval(
      HubSpotCaller caller,
      HubSpotPaths paths,
      ConnectionStore connections,
      MappingService mapping,
      Function<String, HubSpotPacer> pacers,
      Duration window) {
    this.caller = caller;
    this.paths = paths;
    this.connections = connections;
    this.mapping = mapping;
    this.pacers = pacers;
    this.window = window;
  }

  /**
   * Applies a batch of deletions and erasures, connection by connection.
   *
   * @param batch removal items of one portal's lane
   * @return a Uni emitting one result per item; never fails
   */
  Uni<BatchResult> remove(DeliveryBatch batch) {
    HubSpotPacer p = pacers.apply(batch.lane());
    Map<UUID, List<DeliveryItem>> byConnection = new LinkedHashMap<>();
    for (DeliveryItem i : batch.items()) {
      byConnection.computeIfAbsent(i.job().connectionId(), k -> new ArrayList<>()).add(i);
    }
    List<ItemResult> results = new ArrayList<>();
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Map.Entry<UUID, List<DeliveryItem>> e : byConnection.entrySet()) {
      chain =
          chain.chain(
              () ->
                  connection(p, e.getKey(), e.getValue())
                      .invoke(results::addAll)
                      .replaceWithVoid());
    }
    return chain.map(ignored -> BatchResult.of(results, p.snapshot()));
  }

  private Uni<List<ItemResult>> connection(HubSpotPacer p, UUID id, List<DeliveryItem> items) {
    return connections
        .getAnyTenant(id)
        .chain(
            (Optional<Connection> c) -> {
              if (c.isEmpty() || !Connection.ACTIVE.equals(c.get().status())) {
                return Uni.createFrom()
                    .item(
                        Removals.all(
                            items,
                            Outcomes.snooze(
                                "connection_inactive",
                                "the connection is " + c.map(Connection::status).orElse("gone"),
                                INACTIVE_WAIT)));
              }
              return mapping.forConnection(c.get()).chain(m -> apply(p, c.get(), m.spec(), items));
            })
        .onFailure()
        .recoverWithItem(
            t ->
                Removals.all(
                    items,
                    t instanceof TokenManager.ReauthRequired
                        ? Outcomes.snooze(
                            "needs_reauth", "HubSpot refused the refresh token", INACTIVE_WAIT)
                        : new Outcome.Retry(
                            Outcome.Attempt.of("connector_error", t.toString()), null)));
  }

  private Uni<List<ItemResult>> apply(
      HubSpotPacer p, Connection c, MappingSpec spec, List<DeliveryItem> items) {
    List<ItemResult> done = new ArrayList<>();
    Map<String, List<DeliveryItem>> archive = new LinkedHashMap<>();
    Map<String, List<DeliveryItem>> clear = new LinkedHashMap<>();
    List<DeliveryItem> erase = new ArrayList<>();
    for (DeliveryItem i : items) {
      if (Removals.isErasure(i)) {
        erase.add(i);
        continue;
      }
      if (i.previous() == null || i.previous().crmId() == null) {
        done.add(Removals.forgotten(i, "nothing_linked", "no CRM record was linked", null));
        continue;
      }
      String policy = spec.onDelete(RecordType.fromLabel(i.job().recordType()));
      String type = i.previous().crmObjectType();
      switch (policy) {
        case "archive" -> archive.computeIfAbsent(type, k -> new ArrayList<>()).add(i);
        case "clear" -> clear.computeIfAbsent(type, k -> new ArrayList<>()).add(i);
        default ->
            done.add(
                Removals.forgotten(
                    i,
                    "unlinked",
                    "the CRM record "
                        + type
                        + " "
                        + i.previous().crmId()
                        + " stays; link forgotten",
                    null));
      }
    }
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Map.Entry<String, List<DeliveryItem>> e : archive.entrySet()) {
      chain =
          chain.chain(
              () -> archive(p, c, e.getKey(), e.getValue()).invoke(done::addAll).replaceWithVoid());
    }
    for (Map.Entry<String, List<DeliveryItem>> e : clear.entrySet()) {
      chain =
          chain.chain(
              () -> clear(p, c, e.getKey(), e.getValue()).invoke(done::addAll).replaceWithVoid());
    }
    for (DeliveryItem i : erase) {
      chain = chain.chain(() -> erase(p, c, i).invoke(done::add).replaceWithVoid());
    }
    return chain.map(ignored -> done);
  }

  private Uni<List<ItemResult>> archive(
      HubSpotPacer p, Connection c, String type, List<DeliveryItem> items) {
    JsonArray inputs = new JsonArray();
    items.forEach(i -> inputs.add(new JsonObject().put("id", i.previous().crmId())));
    return caller
        .call(
            p,
            c,
            HttpMethod.POST,
            paths.batch(type, "archive"),
            new JsonObject().put("inputs", inputs))
        .map(r -> settle(r, items, "archived", type));
  }

  private Uni<List<ItemResult>> clear(
      HubSpotPacer p, Connection c, String type, List<DeliveryItem> items) {
    JsonArray inputs = new JsonArray();
    List<DeliveryItem> sent = new ArrayList<>();
    List<ItemResult> out = new ArrayList<>();
    for (DeliveryItem i : items) {
      JsonObject props = Removals.cleared(i.previous(), KEEP, "");
      if (props.isEmpty()) {
        out.add(Removals.forgotten(i, "cleared", "nothing the gateway wrote is left", null));
        continue;
      }
      inputs.add(new JsonObject().put("id", i.previous().crmId()).put("properties", props));
      sent.add(i);
    }
    if (sent.isEmpty()) {
      return Uni.createFrom().item(out);
    }
    return caller
        .call(
            p,
            c,
            HttpMethod.POST,
            paths.batch(type, "update"),
            new JsonObject().put("inputs", inputs))
        .map(
            r -> {
              out.addAll(settle(r, sent, "cleared", type));
              return out;
            });
  }

  private List<ItemResult> settle(
      HubSpotResponse r, List<DeliveryItem> items, String code, String type) {
    HubSpotErrors.Decision d = HubSpotErrors.classify(r, window);
    List<ItemResult> out = new ArrayList<>();
    // 207 (some records gone meanwhile) and 404 leave nothing to remove for those records.
    boolean done = d.kind() == HubSpotErrors.Kind.OK || d.kind() == HubSpotErrors.Kind.NOT_FOUND;
    for (DeliveryItem i : items) {
      out.add(
          done
              ? Removals.forgotten(
                  i, code, code + " " + type + " " + i.previous().crmId(), r.status())
              : new ItemResult(i.job().id(), Outcomes.forFailedCall(d, r), null));
    }
    return out;
  }

  private Uni<ItemResult> erase(HubSpotPacer p, Connection c, DeliveryItem i) {
    String crmId = i.job().payload() == null ? null : i.job().payload().getString("crmId");
    JsonObject body =
        crmId != null
            ? new JsonObject().put("objectId", crmId)
            : new JsonObject()
                .put("objectId", i.job().recordId())
                .put("idProperty", ObjectWriter.ID_PROPERTY);
    return caller
        .call(p, c, HttpMethod.POST, paths.objects("contacts") + "/gdpr-delete", body)
        .map(
            r -> {
              HubSpotErrors.Decision d = HubSpotErrors.classify(r, window);
              String which = crmId != null ? "contact " + crmId : "contact by queast_id";
              if (d.kind() == HubSpotErrors.Kind.OK) {
                return Removals.erased(i, "erased", "GDPR-deleted " + which, r.status());
              }
              if (d.kind() == HubSpotErrors.Kind.NOT_FOUND) {
                return Removals.erased(i, "nothing_to_erase", "no " + which + " left", r.status());
              }
              return new ItemResult(i.job().id(), Outcomes.forFailedCall(d, r), null);
            });
  }
}

package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.connector.DeliveredIds;
import com.queast.gateway.connector.IdentityResolver;
import com.queast.gateway.connector.ItemResult;
import com.queast.gateway.jobqueue.JobKinds;
import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.mapping.Mapped;
import com.queast.gateway.record.DeliveredState;
import com.queast.gateway.record.DeliveryItem;
import com.queast.gateway.record.RecordType;
import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Delivers the items of one batch in three phases, companies, then people, then Signals, each
 * phase's calls concurrent and paced by the lane's limiter. A person waits for its organization and
 * a Signal for its organization: their Pipedrive ids come from this batch or from the delivered
 * state, and an item whose organization is not in Pipedrive yet snoozes.
 */
final class BatchDelivery {

  /** How long an item waits for its organization to be delivered. */
  static final Duration DEPENDENCY_WAIT = Duration.ofSeconds(5);

  private final ContactWriter contacts;
  private final SignalWriter signals;
  private final DeliveredIds delivered;
  private final IdentityResolver identity;

  BatchDelivery(
      ContactWriter contacts,
      SignalWriter signals,
      DeliveredIds delivered,
      IdentityResolver identity) {
    this.identity = identity;
    this.contacts = contacts;
    this.signals = signals;
    this.delivered = delivered;
  }

  /** CRM ids known per connection and record type ("company"/"person") during a batch. */
  private static final class Known {
    final Map<String, Map<String, String>> ids = new ConcurrentHashMap<>();
    final Map<Long, IdentityResolver.Resolution> resolved = new ConcurrentHashMap<>();

    final Map<String, Set<String>> deleted = new ConcurrentHashMap<>();

    Map<String, String> of(UUID conn, String type) {
      return ids.computeIfAbsent(conn + "/" + type, k -> new ConcurrentHashMap<>());
    }

    /** Queast ids of records of this type Queast has deleted: no link to them, no wait. */
    Set<String> deletedOf(UUID conn, String type) {
      return deleted.computeIfAbsent(conn + "/" + type, k -> ConcurrentHashMap.newKeySet());
    }
  }

  Uni<List<ItemResult>> run(Map<UUID, ConnectionScope> scopes, List<DeliveryItem> items) {
    List<ItemResult> out = new ArrayList<>();
    Map<RecordType, List<DeliveryItem>> byType = new HashMap<>();
    for (DeliveryItem it : items) {
      ItemResult early = screen(scopes, it);
      if (early != null) {
        out.add(early);
      } else {
        RecordType t = RecordType.valueOf(it.job().recordType().toUpperCase(Locale.ROOT));
        byType.computeIfAbsent(t, k -> new ArrayList<>()).add(it);
      }
    }
    Known known = new Known();
    List<DeliveryItem> companies = byType.getOrDefault(RecordType.COMPANY, List.of());
    List<DeliveryItem> people = byType.getOrDefault(RecordType.PERSON, List.of());
    List<DeliveryItem> sigs = byType.getOrDefault(RecordType.SIGNAL, List.of());
    return resolveAll(scopes, companies, people, known)
        .chain(
            () ->
                phase(
                    companies,
                    it -> company(scopes.get(it.job().connectionId()), it, known),
                    known,
                    out))
        .chain(() -> tellIndex(scopes, companies, out))
        .chain(() -> lookup(people, "companyId", "company", known))
        .chain(
            () ->
                phase(
                    people,
                    it -> person(scopes.get(it.job().connectionId()), it, known),
                    known,
                    out))
        .chain(() -> tellIndex(scopes, people, out))
        .chain(() -> lookup(sigs, "companyId", "company", known))
        .chain(() -> lookup(sigs, "personId", "person", known))
        .chain(
            () ->
                phase(
                    sigs, it -> signal(scopes.get(it.job().connectionId()), it, known), known, out))
        .replaceWith(out);
  }

  /**
   * Identity matching for every organization and person of the batch that has no delivered record
   * yet: one {@link IdentityResolver#resolveAll} per connection (a fixed number of statements), not
   * one round trip per record.
   */
  private Uni<Void> resolveAll(
      Map<UUID, ConnectionScope> scopes,
      List<DeliveryItem> companies,
      List<DeliveryItem> people,
      Known known) {
    Map<UUID, List<DeliveryItem>> byConnection = new HashMap<>();
    for (DeliveryItem it : companies) {
      if (ContactWriter.needsIdentity(it, ContactKind.ORGANIZATION)) {
        byConnection.computeIfAbsent(it.job().connectionId(), k -> new ArrayList<>()).add(it);
      }
    }
    for (DeliveryItem it : people) {
      if (ContactWriter.needsIdentity(it, ContactKind.PERSON)) {
        byConnection.computeIfAbsent(it.job().connectionId(), k -> new ArrayList<>()).add(it);
      }
    }
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Map.Entry<UUID, List<DeliveryItem>> e : byConnection.entrySet()) {
      List<DeliveryItem> its = e.getValue();
      chain =
          chain.chain(
              () ->
                  identity
                      .resolveAll(
                          scopes.get(e.getKey()).connection(),
                          its.stream().map(DeliveryItem::record).toList())
                      .invoke(
                          res -> {
                            for (int i = 0; i < its.size(); i++) {
                              known.resolved.put(its.get(i).job().id(), res.get(i));
                            }
                          })
                      .replaceWithVoid());
    }
    return chain;
  }

  /** Tells the CRM index of a phase's writes, one statement per connection. */
  private Uni<Void> tellIndex(
      Map<UUID, ConnectionScope> scopes, List<DeliveryItem> items, List<ItemResult> out) {
    Map<Long, ItemResult> byJob = new HashMap<>();
    for (ItemResult r : out) {
      byJob.put(r.jobId(), r);
    }
    Map<UUID, List<IdentityResolver.Write>> writes = new HashMap<>();
    for (DeliveryItem it : items) {
      ItemResult r = byJob.get(it.job().id());
      if (r != null && r.outcome() instanceof Outcome.Complete && r.delivered() != null) {
        writes
            .computeIfAbsent(it.job().connectionId(), k -> new ArrayList<>())
            .add(
                new IdentityResolver.Write(
                    it.record(),
                    r.delivered().crmObjectType(),
                    r.delivered().crmId(),
                    r.delivered().deliveredProps()));
      }
    }
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Map.Entry<UUID, List<IdentityResolver.Write>> e : writes.entrySet()) {
      chain =
          chain.chain(
              () ->
                  identity
                      .writtenAll(scopes.get(e.getKey()).connection(), e.getValue())
                      .onFailure()
                      .recoverWithNull());
    }
    return chain;
  }

  private static ItemResult screen(Map<UUID, ConnectionScope> scopes, DeliveryItem it) {
    if (!JobKinds.DELIVER.equals(it.job().kind())) {
      return Results.cancel(it.job(), "unsupported_job", "Pipedrive has no job " + it.job().kind());
    }
    if (it.record() == null) {
      return Results.cancel(it.job(), "record_gone", "the record no longer exists");
    }
    ConnectionScope s = scopes.get(it.job().connectionId());
    if (s == null) {
      return Results.cancel(it.job(), "connection_gone", "the connection no longer exists");
    }
    String status = s.connection().status();
    if (Connection.NEEDS_REAUTH.equals(status)) {
      return Results.snooze(
          it.job(),
          Connection.NEEDS_REAUTH,
          "the connection needs re-authorisation",
          Results.REAUTH_WAIT);
    }
    if ("disconnected".equals(status)) {
      return Results.cancel(it.job(), "disconnected", "the connection is disconnected");
    }
    RecordType t = RecordType.valueOf(it.job().recordType().toUpperCase(Locale.ROOT));
    if (!s.mapping().inScope(t, it.record().data())) {
      return Results.cancel(it.job(), "out_of_scope", "the mapping's scope excludes the record");
    }
    return null;
  }

  private Uni<Void> phase(
      List<DeliveryItem> items,
      Function<DeliveryItem, Uni<ItemResult>> write,
      Known known,
      List<ItemResult> out) {
    if (items.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Uni<ItemResult>> calls = new ArrayList<>();
    for (DeliveryItem it : items) {
      calls.add(
          Uni.createFrom()
              .deferred(() -> write.apply(it))
              .onFailure()
              .recoverWithItem(t -> Results.fromFailure(it.job(), t))
              .invoke(
                  r -> {
                    if (r.outcome() instanceof Outcome.Complete c && c.crmId() != null) {
                      known
                          .of(it.job().connectionId(), it.job().recordType())
                          .put(it.job().recordId(), c.crmId());
                    }
                  }));
    }
    return Uni.join().all(calls).andFailFast().invoke(out::addAll).replaceWithVoid();
  }

  private Uni<Void> lookup(List<DeliveryItem> items, String field, String type, Known known) {
    Map<UUID, Set<String>> wanted = new HashMap<>();
    for (DeliveryItem it : items) {
      String ref = it.record().data().getString(field);
      UUID c = it.job().connectionId();
      if (ref != null && !known.of(c, type).containsKey(ref)) {
        wanted.computeIfAbsent(c, k -> new HashSet<>()).add(ref);
      }
    }
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Map.Entry<UUID, Set<String>> e : wanted.entrySet()) {
      chain =
          chain.chain(
              () ->
                  delivered
                      .links(e.getKey(), type, e.getValue())
                      .invoke(
                          l -> {
                            known.of(e.getKey(), type).putAll(l.ids());
                            known.deletedOf(e.getKey(), type).addAll(l.deleted());
                          })
                      .replaceWithVoid());
    }
    return chain;
  }

  private Uni<ItemResult> company(ConnectionScope s, DeliveryItem it, Known known) {
    Mapped m = s.mapping().map(RecordType.COMPANY, it.record().data());
    JsonObject body =
        Payloads.contact(
            m.properties(), s.fieldKeys(ContactKind.ORGANIZATION), it.record().id(), null);
    return contacts.write(s, it, ContactKind.ORGANIZATION, body, known.resolved.get(it.job().id()));
  }

  private Uni<ItemResult> person(ConnectionScope s, DeliveryItem it, Known known) {
    String companyId = it.record().data().getString("companyId");
    Long orgId = null;
    // A person whose company Queast deleted is written without an organization: the company's
    // link may be forgotten or its organization deleted, and waiting for it would never end.
    if (companyId != null
        && !known.deletedOf(it.job().connectionId(), "company").contains(companyId)) {
      String crm = known.of(it.job().connectionId(), "company").get(companyId);
      if (crm == null) {
        return waitFor(it, "company " + companyId);
      }
      orgId = Long.valueOf(crm);
    }
    Mapped m = s.mapping().map(RecordType.PERSON, it.record().data());
    JsonObject body =
        Payloads.contact(m.properties(), s.fieldKeys(ContactKind.PERSON), it.record().id(), orgId);
    return contacts.write(s, it, ContactKind.PERSON, body, known.resolved.get(it.job().id()));
  }

  private Uni<ItemResult> signal(ConnectionScope s, DeliveryItem it, Known known) {
    JsonObject data = it.record().data();
    String companyId = data.getString("companyId");
    // A Signal whose company Queast deleted has nothing to attach to (a Pipedrive note or activity
    // of ours always names its organization), and waiting would never end: the job is cancelled.
    if (known.deletedOf(it.job().connectionId(), "company").contains(companyId)) {
      return Uni.createFrom()
          .item(
              Results.cancel(
                  it.job(),
                  "company_deleted",
                  "its company "
                      + companyId
                      + " was deleted in Queast; it is not written without it"));
    }
    String org = known.of(it.job().connectionId(), "company").get(companyId);
    if (org == null) {
      return waitFor(it, "company " + companyId);
    }
    String personRef = data.getString("personId");
    String person =
        personRef == null ? null : known.of(it.job().connectionId(), "person").get(personRef);
    // A Signal already in Pipedrive stays the kind of object it was written as: a later change of
    // the mapping's target applies to Signals delivered for the first time, never by creating a
    // second object (an activity beside the note) for one Signal.
    DeliveredState prev = it.previous();
    boolean asActivity =
        prev != null && prev.crmId() != null
            ? SignalWriter.ACTIVITIES.equals(prev.crmObjectType())
            : "activity".equals(s.mapping().signalTarget());
    Mapped m = s.mapping().map(RecordType.SIGNAL, data);
    long orgId = Long.parseLong(org);
    Long personId = person == null ? null : Long.valueOf(person);
    JsonObject body =
        asActivity
            ? Payloads.activity(m.properties(), it.record().id(), orgId, personId)
            : Payloads.note(m.properties(), it.record().id(), orgId, personId);
    return signals.write(s, it, asActivity, body, orgId);
  }

  private static Uni<ItemResult> waitFor(DeliveryItem it, String what) {
    return Uni.createFrom()
        .item(
            new ItemResult(
                it.job().id(),
                new Outcome.Snooze(
                    Outcome.Attempt.of(
                        "waiting_for_dependency",
                        "the organization of " + what + " is not in Pipedrive yet"),
                    DEPENDENCY_WAIT,
                    true),
                null));
  }
}

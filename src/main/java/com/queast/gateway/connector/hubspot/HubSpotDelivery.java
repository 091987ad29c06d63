package com.queast.gateway.connector.hubspot;

import com.queast.gateway.common.GatewayException;
import com.queast.gateway.connector.IdentityResolver;
import com.queast.gateway.connector.ItemResult;
import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.mapping.MappingSpec;
import com.queast.gateway.record.DeliveredState;
import com.queast.gateway.record.DeliveryItem;
import com.queast.gateway.record.RecordType;
import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Delivers one connection's share of a batch: maps each record, asks identity matching about
 * records never delivered, sends only changed properties, then writes companies, people (with their
 * company association) and Signals (notes or tasks associated to their company and person), in that
 * order so a Signal is never written before its company.
 */
public final class HubSpotDelivery {

  private final HubSpotMapping mapping;
  private final IdentityResolver identity;
  private final ObjectWriter writer;
  private final LinkedWriter people;
  private final LinkedWriter signals;
  private final CustomSignals custom;

  /** The connection (its config possibly refreshed), mapping and items a delivery goes on with. */
  private record Prepared(Connection c, HubSpotMapping.Effective m, List<DeliveryItem> items) {}

  /**
   * A delivery.
   *
   * @param mapping mapping source
   * @param identity identity matching
   * @param writer object writer
   * @param people person writer ({@link LinkedWriter#PERSON_LINKS})
   * @param signals Signal writer ({@link LinkedWriter#SIGNAL_LINKS})
   * @param custom custom-object Signals (schema resolution)
   */
  public HubSpotDelivery(
      HubSpotMapping mapping,
      IdentityResolver identity,
      ObjectWriter writer,
      LinkedWriter people,
      LinkedWriter signals,
      CustomSignals custom) {
    this.custom = custom;
    this.mapping = mapping;
    this.identity = identity;
    this.writer = writer;
    this.people = people;
    this.signals = signals;
  }

  /**
   * Delivers the items of one connection.
   *
   * @param pacer the portal's pacer
   * @param c the connection (active)
   * @param items its items, companies first
   * @return a Uni emitting one result per item
   */
  public Uni<List<ItemResult>> deliver(HubSpotPacer pacer, Connection c, List<DeliveryItem> items) {
    List<ItemResult> done = new ArrayList<>();
    return mapping
        .forConnection(c)
        .chain(m -> customObject(pacer, c, m, items, done))
        .chain(p -> deliverPrepared(pacer, p, done));
  }

  /**
   * When Signals go to a custom object, makes sure its schema exists (cached in the connection
   * config) and writes them to its object type id; when the portal cannot have it, the Signals fail
   * with HubSpot's reason and the rest of the batch goes on.
   */
  private Uni<Prepared> customObject(
      HubSpotPacer pacer,
      Connection c,
      HubSpotMapping.Effective m,
      List<DeliveryItem> items,
      List<ItemResult> done) {
    boolean signals =
        items.stream()
            .anyMatch(
                i -> i.record() != null && RecordType.SIGNAL.label().equals(i.record().type()));
    if (!signals || !CustomSignals.AS.equals(m.spec().signalAs())) {
      return Uni.createFrom().item(new Prepared(c, m, items));
    }
    return custom
        .ensure(pacer, c, m.spec())
        .map(
            c2 -> {
              String typeId = CustomSignals.Schema.fromConfig(c2.config()).objectTypeId();
              HubSpotMapping.Effective retargeted =
                  new HubSpotMapping.Effective() {
                    @Override
                    public HubSpotMapping.Mapped map(RecordType type, JsonObject data) {
                      HubSpotMapping.Mapped x = m.map(type, data);
                      return type == RecordType.SIGNAL
                          ? new HubSpotMapping.Mapped(typeId, x.properties(), x.inScope())
                          : x;
                    }

                    @Override
                    public MappingSpec spec() {
                      return m.spec();
                    }
                  };
              return new Prepared(c2, retargeted, items);
            })
        .onFailure()
        .recoverWithItem(
            t -> {
              Outcome o =
                  t instanceof GatewayException g && g.clientFault()
                      ? new Outcome.Fail(
                          Outcome.Attempt.of("custom_object_unavailable", messageOf(g)))
                      : new Outcome.Retry(
                          Outcome.Attempt.of("custom_object_setup_failed", t.getMessage()), null);
              List<DeliveryItem> rest = new ArrayList<>();
              for (DeliveryItem i : items) {
                if (i.record() != null && RecordType.SIGNAL.label().equals(i.record().type())) {
                  done.add(new ItemResult(i.job().id(), o, null));
                } else {
                  rest.add(i);
                }
              }
              return new Prepared(c, m, rest);
            });
  }

  private static String messageOf(GatewayException g) {
    return g.fieldErrors().isEmpty()
        ? g.getMessage()
        : g.getMessage() + ": " + g.fieldErrors().get(0).message();
  }

  private Uni<List<ItemResult>> deliverPrepared(
      HubSpotPacer pacer, Prepared prepared, List<ItemResult> done) {
    Connection c = prepared.c();
    return prepare(c, prepared.m(), prepared.items(), done)
        .chain(
            plan -> {
              List<WriteItem> companies = ofType(plan, RecordType.COMPANY);
              return writer
                  .write(pacer, c, companies)
                  .chain(
                      wc -> {
                        Map<String, String> companyIds = Written.ids(wc);
                        return people
                            .write(
                                pacer,
                                c,
                                ofType(plan, RecordType.PERSON),
                                Map.of("company", companyIds),
                                halted(wc))
                            .chain(
                                wp ->
                                    signals
                                        .write(
                                            pacer,
                                            c,
                                            ofType(plan, RecordType.SIGNAL),
                                            Map.of(
                                                "company", companyIds, "person", Written.ids(wp)),
                                            halted(wc) || halted(wp))
                                        .map(ws -> Written.all(wc, wp, ws)));
                      });
            })
        .call(written -> tellIdentity(c, written))
        .map(
            written -> {
              for (WriteItem.Written w : written) {
                done.add(new ItemResult(w.write().item().job().id(), w.outcome(), w.delivered()));
              }
              return done;
            });
  }

  private Uni<List<WriteItem>> prepare(
      Connection c, HubSpotMapping.Effective m, List<DeliveryItem> items, List<ItemResult> done) {
    List<WriteItem> planned = new ArrayList<>();
    List<WriteItem> toResolve = new ArrayList<>();
    for (DeliveryItem item : items) {
      if (item.record() == null) {
        done.add(
            new ItemResult(
                item.job().id(),
                new Outcome.Cancel(
                    Outcome.Attempt.of("record_gone", "the record no longer exists")),
                null));
        continue;
      }
      RecordType type = RecordType.fromLabel(item.record().type());
      HubSpotMapping.Mapped mapped = m.map(type, item.record().data());
      if (!mapped.inScope()) {
        done.add(
            new ItemResult(
                item.job().id(),
                new Outcome.Cancel(
                    Outcome.Attempt.of("out_of_scope", "the mapping's export scope leaves it out")),
                null));
        continue;
      }
      JsonObject full =
          mapped.properties().copy().put(ObjectWriter.ID_PROPERTY, item.record().id());
      DeliveredState prev = item.previous();
      // Delivered as another object type (the mapping moved Signals from notes to tasks or a custom
      // object): the record is written whole to the new type, never diffed against the old one.
      if (prev != null && prev.crmId() != null && mapped.crmObject().equals(prev.crmObjectType())) {
        JsonObject send = PropertyDiff.changed(full, prev.deliveredProps());
        if (send.isEmpty()) {
          done.add(unchanged(item, prev, full));
          continue;
        }
        send.put(ObjectWriter.ID_PROPERTY, item.record().id());
        planned.add(new WriteItem(item, mapped.crmObject(), item.record().id(), full, send, null));
        continue;
      }
      WriteItem w = new WriteItem(item, mapped.crmObject(), item.record().id(), full, full, null);
      (type == RecordType.SIGNAL ? planned : toResolve).add(w);
    }
    if (toResolve.isEmpty()) {
      return Uni.createFrom().item(planned);
    }
    // Identity matching for the whole batch at once: a fixed number of statements, not one per
    // record.
    return identity
        .resolveAll(c, toResolve.stream().map(w -> w.item().record()).toList())
        .map(
            resolutions -> {
              for (int i = 0; i < toResolve.size(); i++) {
                WriteItem w = toResolve.get(i);
                IdentityResolver.Resolution res = resolutions.get(i);
                switch (res.action()) {
                  case CREATE -> planned.add(w);
                  case LINK -> planned.add(w.linkedTo(res.crmId()));
                  case WAIT_FOR_REVIEW ->
                      done.add(
                          new ItemResult(
                              w.item().job().id(),
                              Outcomes.snooze(
                                  "waiting_for_review",
                                  "identity matching: "
                                      + res.evidence()
                                          .getString("reason", "a possible match waits for review"),
                                  reviewWait(res)),
                              null));
                }
              }
              return planned;
            });
  }

  /**
   * How long a record waits for identity matching: briefly while the CRM index is being built, as
   * long as the matcher says otherwise, five minutes for a person's review.
   */
  static java.time.Duration reviewWait(IdentityResolver.Resolution res) {
    return res.indexBuilding()
        ? Outcomes.DEPENDENCY_WAIT
        : res.retryAfter().orElse(java.time.Duration.ofMinutes(5));
  }

  private static ItemResult unchanged(DeliveryItem item, DeliveredState prev, JsonObject full) {
    Outcome o =
        new Outcome.Complete(
            Outcome.Attempt.of("unchanged", "no mapped property changed; nothing sent"),
            prev.crmObjectType(),
            prev.crmId());
    return new ItemResult(
        item.job().id(),
        o,
        new DeliveredState(prev.crmObjectType(), prev.crmId(), item.record().contentHash(), full));
  }

  private static List<WriteItem> ofType(List<WriteItem> plan, RecordType t) {
    return plan.stream().filter(w -> w.item().record().type().equals(t.label())).toList();
  }

  private static boolean halted(List<WriteItem.Written> written) {
    return Written.halted(written);
  }

  private Uni<Void> tellIdentity(Connection c, List<WriteItem.Written> written) {
    List<IdentityResolver.Write> writes = new ArrayList<>();
    for (WriteItem.Written w : written) {
      if (w.delivered() != null && !"signal".equals(w.write().item().record().type())) {
        writes.add(
            new IdentityResolver.Write(
                w.write().item().record(), w.write().crmObject(), w.crmId(), w.write().full()));
      }
    }
    return writes.isEmpty()
        ? Uni.createFrom().voidItem()
        : identity.writtenAll(c, writes).onFailure().recoverWithNull();
  }
}

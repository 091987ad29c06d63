package com.queast.gateway.connector.hubspot;

import com.queast.gateway.connector.DeliveredIds;
import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes people as contacts and associates each with its company (contact → company, type 279). A
 * person whose company is not in HubSpot yet waits for it.
 */
public final class PersonWriter {

  private final ObjectWriter writer;
  private final Associator associator;
  private final Dependencies deps;

  /**
   * A person writer.
   *
   * @param writer object writer
   * @param associator associations
   * @param delivered delivered ids
   */
  public PersonWriter(ObjectWriter writer, Associator associator, DeliveredIds delivered) {
    this.writer = writer;
    this.associator = associator;
    this.deps = new Dependencies(delivered);
  }

  /**
   * Writes people.
   *
   * @param pacer the portal's pacer
   * @param c connection
   * @param items people of the batch
   * @param companyIds companies written in this batch, by Queast id
   * @param halted whether the batch was halted before (then they wait)
   * @return a Uni emitting one result per person
   */
  public Uni<List<WriteItem.Written>> write(
      LanePacer pacer,
      Connection c,
      List<WriteItem> items,
      Map<String, String> companyIds,
      boolean halted) {
    if (items.isEmpty()) {
      return Uni.createFrom().item(new ArrayList<>());
    }
    if (halted) {
      return Uni.createFrom().item(Written.haltAll(items));
    }
    Set<String> wanted = new LinkedHashSet<>();
    items.forEach(w -> addIfPresent(wanted, w.item().record().data().getString("companyId")));
    return deps.resolve(c, "company", wanted, companyIds)
        .chain(
            known -> {
              List<WriteItem> ready = new ArrayList<>();
              List<WriteItem.Written> out = new ArrayList<>();
              for (WriteItem w : items) {
                String company = w.item().record().data().getString("companyId");
                if (company != null && !known.containsKey(company)) {
                  out.add(w.result(waitingFor("company", company), null));
                } else {
                  ready.add(w);
                }
              }
              return writer
                  .write(pacer, c, ready)
                  .chain(written -> associate(pacer, c, written, known))
                  .map(written -> Written.all(out, written));
            });
  }

  private Uni<List<WriteItem.Written>> associate(
      LanePacer pacer, Connection c, List<WriteItem.Written> written, Map<String, String> known) {
    List<Associator.Pair> pairs = new ArrayList<>();
    Set<String> involved = new HashSet<>();
    for (WriteItem.Written w : written) {
      String company = w.write().item().record().data().getString("companyId");
      if (w.delivered() != null && company != null) {
        pairs.add(new Associator.Pair(w.crmId(), known.get(company)));
        involved.add(w.write().queastId());
      }
    }
    return associator
        .associate(pacer, c, "contacts", "companies", Associator.CONTACT_TO_COMPANY, pairs)
        .map(o -> o == null ? written : Written.override(written, involved, o));
  }

  static com.queast.gateway.jobqueue.Outcome waitingFor(String what, String id) {
    return Outcomes.waitForDependency(
        "waiting_for_" + what, "its " + what + " " + id + " is not in HubSpot yet");
  }

  static void addIfPresent(Set<String> s, String v) {
    if (v != null && !v.isBlank()) {
      s.add(v);
    }
  }
}

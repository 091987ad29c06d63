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
 * Writes Signals as notes (or tasks) upserted on {@code queast_id}, then associates each with its
 * company and person. A Signal whose company (or named person) is not in HubSpot yet waits: it is
 * never written orphaned.
 */
public final class SignalWriter {

  private final ObjectWriter writer;
  private final Associator associator;
  private final Dependencies deps;

  /**
   * A Signal writer.
   *
   * @param writer object writer
   * @param associator associations
   * @param delivered delivered ids
   */
  public SignalWriter(ObjectWriter writer, Associator associator, DeliveredIds delivered) {
    this.writer = writer;
    this.associator = associator;
    this.deps = new Dependencies(delivered);
  }

  /**
   * Writes Signals.
   *
   * @param pacer the portal's pacer
   * @param c connection
   * @param items Signals of the batch
   * @param companyIds companies written in this batch
   * @param personIds people written in this batch
   * @param halted whether the batch was halted before
   * @return a Uni emitting one result per Signal
   */
  public Uni<List<WriteItem.Written>> write(
      LanePacer pacer,
      Connection c,
      List<WriteItem> items,
      Map<String, String> companyIds,
      Map<String, String> personIds,
      boolean halted) {
    if (items.isEmpty()) {
      return Uni.createFrom().item(new ArrayList<>());
    }
    if (halted) {
      return Uni.createFrom().item(Written.haltAll(items));
    }
    Set<String> companies = new LinkedHashSet<>();
    Set<String> people = new LinkedHashSet<>();
    for (WriteItem w : items) {
      PersonWriter.addIfPresent(companies, w.item().record().data().getString("companyId"));
      PersonWriter.addIfPresent(people, w.item().record().data().getString("personId"));
    }
    return deps.resolve(c, "company", companies, companyIds)
        .chain(
            co ->
                deps.resolve(c, "person", people, personIds)
                    .chain(pe -> writeReady(pacer, c, items, co, pe)));
  }

  private Uni<List<WriteItem.Written>> writeReady(
      LanePacer pacer,
      Connection c,
      List<WriteItem> items,
      Map<String, String> co,
      Map<String, String> pe) {
    List<WriteItem> ready = new ArrayList<>();
    List<WriteItem.Written> out = new ArrayList<>();
    for (WriteItem w : items) {
      String company = w.item().record().data().getString("companyId");
      String person = w.item().record().data().getString("personId");
      if (company == null || !co.containsKey(company)) {
        out.add(w.result(PersonWriter.waitingFor("company", company), null));
      } else if (person != null && !pe.containsKey(person)) {
        out.add(w.result(PersonWriter.waitingFor("person", person), null));
      } else {
        ready.add(w);
      }
    }
    return writer
        .write(pacer, c, ready)
        .chain(written -> associate(pacer, c, written, co, pe))
        .map(written -> Written.all(out, written));
  }

  private Uni<List<WriteItem.Written>> associate(
      LanePacer pacer,
      Connection c,
      List<WriteItem.Written> written,
      Map<String, String> co,
      Map<String, String> pe) {
    if (written.isEmpty()) {
      return Uni.createFrom().item(written);
    }
    String type = written.get(0).write().crmObject();
    boolean task = "tasks".equals(type);
    List<Associator.Pair> toCompany = new ArrayList<>();
    List<Associator.Pair> toPerson = new ArrayList<>();
    Set<String> withCompany = new HashSet<>();
    Set<String> withPerson = new HashSet<>();
    for (WriteItem.Written w : written) {
      if (w.delivered() == null) {
        continue;
      }
      var data = w.write().item().record().data();
      toCompany.add(new Associator.Pair(w.crmId(), co.get(data.getString("companyId"))));
      withCompany.add(w.write().queastId());
      String person = data.getString("personId");
      if (person != null) {
        toPerson.add(new Associator.Pair(w.crmId(), pe.get(person)));
        withPerson.add(w.write().queastId());
      }
    }
    int companyType = task ? Associator.TASK_TO_COMPANY : Associator.NOTE_TO_COMPANY;
    int personType = task ? Associator.TASK_TO_CONTACT : Associator.NOTE_TO_CONTACT;
    return associator
        .associate(pacer, c, type, "companies", companyType, toCompany)
        .map(o -> o == null ? written : Written.override(written, withCompany, o))
        .chain(
            w1 ->
                associator
                    .associate(pacer, c, type, "contacts", personType, toPerson)
                    .map(o -> o == null ? w1 : Written.override(w1, withPerson, o)));
  }
}

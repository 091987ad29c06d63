package com.queast.gateway.connector.hubspot;

import com.queast.gateway.connector.DeliveredIds;
import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Writes records that point to other records (a person to its company, a Signal to its company and
 * person) and associates each with what it points to. A record whose target is not in HubSpot yet
 * waits for it: it is never written orphaned. What differs between people and Signals is data: the
 * list of {@link Link}s.
 */
public final class LinkedWriter {

  /**
   * One kind of target a record points to.
   *
   * @param kind Queast type label of the target ({@code company}, {@code person})
   * @param field the record's field holding the target's Queast id
   * @param required whether a record without that field waits (true) or is written unlinked; a
   *     required target Queast deleted cancels the record's job ({@code <kind>_deleted})
   * @param crmObject HubSpot object type of the target ({@code companies}, {@code contacts})
   * @param associationType association type id from the written record's object type
   */
  public record Link(
      String kind,
      String field,
      boolean required,
      String crmObject,
      ToIntFunction<String> associationType) {}

  /** People: contact → company (279), only when the person names a company. */
  public static final List<Link> PERSON_LINKS =
      List.of(
          new Link("company", "companyId", false, "companies", t -> Associator.CONTACT_TO_COMPANY));

  /** Signals: note/task → company (always) and → contact (when the Signal names a person). */
  public static final List<Link> SIGNAL_LINKS =
      List.of(
          new Link(
              "company",
              "companyId",
              true,
              "companies",
              t -> "tasks".equals(t) ? Associator.TASK_TO_COMPANY : Associator.NOTE_TO_COMPANY),
          new Link(
              "person",
              "personId",
              false,
              "contacts",
              t -> "tasks".equals(t) ? Associator.TASK_TO_CONTACT : Associator.NOTE_TO_CONTACT));

  private final ObjectWriter writer;
  private final Associator associator;
  private final Dependencies deps;
  private final List<Link> links;

  /**
   * A writer for records with links.
   *
   * @param writer object writer
   * @param associator associations
   * @param delivered delivered ids
   * @param links what the records point to, in resolution order
   */
  public LinkedWriter(
      ObjectWriter writer, Associator associator, DeliveredIds delivered, List<Link> links) {
    this.writer = writer;
    this.associator = associator;
    this.deps = new Dependencies(delivered);
    this.links = List.copyOf(links);
  }

  /**
   * Writes records and associates them.
   *
   * @param pacer the portal's pacer
   * @param c connection
   * @param items records of the batch
   * @param inBatch HubSpot ids written earlier in this batch, by target kind then Queast id
   * @param halted whether the batch was halted before (then they wait)
   * @return a Uni emitting one result per record
   */
  public Uni<List<WriteItem.Written>> write(
      HubSpotPacer pacer,
      Connection c,
      List<WriteItem> items,
      Map<String, Map<String, String>> inBatch,
      boolean halted) {
    if (items.isEmpty()) {
      return Uni.createFrom().item(new ArrayList<>());
    }
    if (halted) {
      return Uni.createFrom().item(Written.haltAll(items));
    }
    return resolveAll(c, items, inBatch, 0, new HashMap<>())
        .chain(known -> writeReady(pacer, c, items, known));
  }

  private Uni<Map<String, Map<String, String>>> resolveAll(
      Connection c,
      List<WriteItem> items,
      Map<String, Map<String, String>> inBatch,
      int i,
      Map<String, Map<String, String>> known) {
    if (i == links.size()) {
      return Uni.createFrom().item(known);
    }
    Link link = links.get(i);
    Set<String> wanted = new LinkedHashSet<>();
    for (WriteItem w : items) {
      String target = target(w, link);
      if (target != null && !target.isBlank()) {
        wanted.add(target);
      }
    }
    return deps.resolve(c, link.kind(), wanted, inBatch.getOrDefault(link.kind(), Map.of()))
        .chain(
            found -> {
              known.put(link.kind(), found);
              return resolveAll(c, items, inBatch, i + 1, known);
            });
  }

  private Uni<List<WriteItem.Written>> writeReady(
      HubSpotPacer pacer,
      Connection c,
      List<WriteItem> items,
      Map<String, Map<String, String>> known) {
    List<WriteItem> ready = new ArrayList<>();
    List<WriteItem.Written> out = new ArrayList<>();
    for (WriteItem w : items) {
      Outcome wait = null;
      for (Link link : links) {
        String target = target(w, link);
        Map<String, String> found = known.get(link.kind());
        boolean missing = target == null ? link.required() : !found.containsKey(target);
        if (missing) {
          wait = waitingFor(link.kind(), target);
          break;
        }
        // A required target Queast deleted (a Signal's company): there is nothing to attach the
        // record to, and waiting would never end; the job is cancelled, logged with the reason.
        if (link.required() && target != null && found.get(target) == null) {
          wait = targetDeleted(link.kind(), target);
          break;
        }
      }
      if (wait == null) {
        ready.add(w);
      } else {
        out.add(w.result(wait, null));
      }
    }
    return writer
        .write(pacer, c, ready)
        .chain(written -> associate(pacer, c, written, known, 0))
        .map(written -> Written.all(out, written));
  }

  private Uni<List<WriteItem.Written>> associate(
      HubSpotPacer pacer,
      Connection c,
      List<WriteItem.Written> written,
      Map<String, Map<String, String>> known,
      int i) {
    if (i == links.size() || written.isEmpty()) {
      return Uni.createFrom().item(written);
    }
    Link link = links.get(i);
    String type = written.get(0).write().crmObject();
    List<Associator.Pair> pairs = new ArrayList<>();
    Set<String> involved = new HashSet<>();
    for (WriteItem.Written w : written) {
      String target = target(w.write(), link);
      String to = target == null ? null : known.get(link.kind()).get(target);
      // A target Queast deleted resolves to null: the record is written without that link.
      if (w.delivered() != null && to != null) {
        pairs.add(new Associator.Pair(w.crmId(), to));
        involved.add(w.write().queastId());
      }
    }
    // A custom object's association types are the schema's (USER_DEFINED, cached per connection).
    boolean custom = CustomSignals.isCustom(type);
    int typeId =
        custom
            ? CustomSignals.associationType(c, link.kind())
            : link.associationType().applyAsInt(type);
    return associator
        .associate(
            pacer,
            c,
            type,
            link.crmObject(),
            custom ? "USER_DEFINED" : "HUBSPOT_DEFINED",
            typeId,
            pairs)
        .map(o -> o == null ? written : Written.override(written, involved, o))
        .chain(w -> associate(pacer, c, w, known, i + 1));
  }

  private static String target(WriteItem w, Link link) {
    return w.item().record().data().getString(link.field());
  }

  private static Outcome targetDeleted(String what, String id) {
    return new Outcome.Cancel(
        Outcome.Attempt.of(
            what + "_deleted",
            "its " + what + " " + id + " was deleted in Queast; it is not written without it"));
  }

  private static Outcome waitingFor(String what, String id) {
    return Outcomes.waitForDependency(
        "waiting_for_" + what, "its " + what + " " + id + " is not in HubSpot yet");
  }
}

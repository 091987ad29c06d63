package com.queast.gateway.connector.hubspot;

import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * Creates HubSpot-defined associations in one batch call (v4 {@code batch/create}; creating an
 * existing association again is harmless, so a retry is safe).
 */
public final class Associator {

  /** contact → company, unlabelled. */
  public static final int CONTACT_TO_COMPANY = 279;

  /** note → company. */
  public static final int NOTE_TO_COMPANY = 190;

  /** note → contact. */
  public static final int NOTE_TO_CONTACT = 202;

  /** task → company. */
  public static final int TASK_TO_COMPANY = 192;

  /** task → contact. */
  public static final int TASK_TO_CONTACT = 204;

  /**
   * One association to create.
   *
   * @param fromId from record id
   * @param toId to record id
   */
  public record Pair(String fromId, String toId) {}

  private final HubSpotCaller caller;
  private final HubSpotPaths paths;
  private final Duration window;

  /**
   * An associator.
   *
   * @param caller paced caller
   * @param paths API paths
   * @param window rate-limit window
   */
  public Associator(HubSpotCaller caller, HubSpotPaths paths, Duration window) {
    this.caller = caller;
    this.paths = paths;
    this.window = window;
  }

  /**
   * Creates associations of one type.
   *
   * @param pacer the portal's pacer
   * @param c connection
   * @param from from object type
   * @param to to object type
   * @param typeId HubSpot-defined association type id
   * @param pairs the pairs (at most 100)
   * @return a Uni emitting null when all were created, else the outcome for the records involved
   */
  public Uni<Outcome> associate(
      HubSpotPacer pacer, Connection c, String from, String to, int typeId, List<Pair> pairs) {
    return associate(pacer, c, from, to, "HUBSPOT_DEFINED", typeId, pairs);
  }

  /**
   * Creates associations of one type of a category ({@code USER_DEFINED} for the types a custom
   * object schema defines).
   *
   * @param pacer the portal's pacer
   * @param c connection
   * @param from from object type
   * @param to to object type
   * @param category association category
   * @param typeId association type id
   * @param pairs the pairs (at most 100)
   * @return a Uni emitting null when all were created, else the outcome for the records involved
   */
  public Uni<Outcome> associate(
      HubSpotPacer pacer,
      Connection c,
      String from,
      String to,
      String category,
      int typeId,
      List<Pair> pairs) {
    if (pairs.isEmpty()) {
      return Uni.createFrom().nullItem();
    }
    JsonArray inputs = new JsonArray();
    for (Pair p : pairs) {
      inputs.add(
          new JsonObject()
              .put("from", new JsonObject().put("id", p.fromId()))
              .put("to", new JsonObject().put("id", p.toId()))
              .put(
                  "types",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("associationCategory", category)
                              .put("associationTypeId", typeId))));
    }
    return caller
        .call(
            pacer,
            c,
            HttpMethod.POST,
            paths.associationsBatchCreate(from, to),
            new JsonObject().put("inputs", inputs))
        .map(
            r -> {
              HubSpotErrors.Decision d = HubSpotErrors.classify(r, window);
              if (d.kind() != HubSpotErrors.Kind.OK) {
                Outcome o = Outcomes.forFailedCall(d, r);
                return o instanceof Outcome.Fail f ? new Outcome.Retry(f.attempt(), null) : o;
              }
              JsonArray errors = r.json() == null ? null : r.json().getJsonArray("errors");
              if (errors != null && !errors.isEmpty()) {
                JsonObject e = errors.getJsonObject(0);
                return new Outcome.Retry(
                    Outcomes.attempt(
                        "association_failed", r, e.getString("message"), e.getString("category")),
                    null);
              }
              return null;
            });
  }
}

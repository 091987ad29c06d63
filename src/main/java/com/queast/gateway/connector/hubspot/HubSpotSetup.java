package com.queast.gateway.connector.hubspot;

import com.queast.gateway.common.GatewayException;
import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Idempotent setup of a portal: the "Queast" property group and the connector's properties on
 * companies, contacts, notes and tasks (a unique {@code queast_id} everywhere, {@code
 * queast_interest} on companies), then the app's webhook subscriptions the CRM index needs ({@link
 * #required()}: creation, deletion and changes of the indexed properties of companies and contacts,
 * plus {@code queast_interest}) when a developer key is configured. "Already exists" counts as
 * done.
 */
public final class HubSpotSetup {

  /** The property group. */
  public static final String GROUP = "queast";

  /** Objects that get a unique {@code queast_id}. */
  public static final List<String> KEYED = List.of("companies", "contacts", "notes", "tasks");

  private final HubSpotOptions cfg;
  private final HubSpotPaths paths;
  private final HubSpotCaller caller;
  private final HubSpotHttp http;

  /**
   * A setup.
   *
   * @param cfg HubSpot settings
   * @param paths API paths
   * @param caller paced caller
   * @param http plain HTTP (the webhook API takes the developer key, not the portal token)
   */
  public HubSpotSetup(
      HubSpotOptions cfg, HubSpotPaths paths, HubSpotCaller caller, HubSpotHttp http) {
    this.cfg = cfg;
    this.paths = paths;
    this.caller = caller;
    this.http = http;
  }

  /**
   * Runs the setup.
   *
   * @param pacer the portal's pacer
   * @param c the connection
   * @return a Uni emitting config to merge ({@code queastProperties}, {@code webhookSubscription}:
   *     the ids of the ensured subscriptions, {@code webhookSubscriptionsPaused} when some are
   *     paused); fails with a 502 {@code GatewayException} when HubSpot refuses a step
   */
  public Uni<JsonObject> run(HubSpotPacer pacer, Connection c) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (String type : KEYED) {
      chain =
          chain
              .chain(() -> create(pacer, c, paths.propertyGroups(type), group()))
              .chain(
                  () ->
                      create(
                          pacer,
                          c,
                          paths.properties(type),
                          property("queast_id", "Queast ID", "string", "text")
                              .put("hasUniqueValue", true)));
    }
    List<JsonObject> extra = new ArrayList<>();
    extra.add(interest());
    extra.add(property("queast_tags", "Queast tags", "string", "text"));
    extra.add(property("queast_linkedin_url", "LinkedIn (Queast)", "string", "text"));
    for (JsonObject p : extra) {
      chain = chain.chain(() -> create(pacer, c, paths.properties("companies"), p));
    }
    chain =
        chain.chain(
            () ->
                create(
                    pacer,
                    c,
                    paths.properties("contacts"),
                    property("queast_linkedin_url", "LinkedIn (Queast)", "string", "text")));
    return chain
        .chain(this::subscribe)
        .map(sub -> new JsonObject().put("queastProperties", true).mergeIn(sub));
  }

  private Uni<Void> create(HubSpotPacer pacer, Connection c, String path, JsonObject body) {
    return caller
        .call(pacer, c, HttpMethod.POST, path, body)
        .map(
            r -> {
              if (r.status() == 200 || r.status() == 201 || r.status() == 409) {
                return null;
              }
              throw new GatewayException(
                  "hubspot_setup_failed",
                  502,
                  "HubSpot refused " + body.getString("name") + " at " + path + ": " + r.message());
            })
        .replaceWithVoid();
  }

  /**
   * One app webhook subscription: an event type and, for {@code propertyChange}, the property.
   *
   * @param eventType e.g. {@code company.creation}
   * @param propertyName the property of a {@code propertyChange}, else null
   */
  public record Subscription(String eventType, String propertyName) {

    /**
     * The subscription as the management API's create body.
     *
     * @return {@code {eventType, propertyName?, active: true}}
     */
    public JsonObject body() {
      JsonObject b = new JsonObject().put("eventType", eventType);
      if (propertyName != null) {
        b.put("propertyName", propertyName);
      }
      return b.put("active", true);
    }

    /**
     * Whether a listed subscription delivers the same events: the same event type and property, or
     * the generic {@code object.*} form of it ({@code objectTypeId} 0-2 companies, 0-1 contacts),
     * which the webhook receiver reads the same way. Paused or not.
     *
     * @param listed a subscription as {@code GET …/subscriptions} lists it
     * @return true if it is this one
     */
    public boolean matches(JsonObject listed) {
      String type = listed.getString("eventType");
      if (type == null) {
        return false;
      }
      int dot = eventType.indexOf('.');
      String object = eventType.substring(0, dot);
      String action = eventType.substring(dot + 1);
      String typeId = "company".equals(object) ? "0-2" : "contact".equals(object) ? "0-1" : null;
      boolean same =
          type.equals(eventType)
              || (type.equals("object." + action)
                  && typeId != null
                  && typeId.equals(listed.getString("objectTypeId")));
      return same && java.util.Objects.equals(propertyName, listed.getString("propertyName"));
    }
  }

  /**
   * The app subscriptions the CRM index needs: creation, deletion and a {@code propertyChange} per
   * property the index reads ({@link CrmListing#COMPANY_PROPERTIES}, {@link
   * CrmListing#CONTACT_PROPERTIES}) for companies and contacts, plus {@code queast_interest} on
   * companies (bookmarks).
   *
   * @return the subscriptions, companies first
   */
  public static List<Subscription> required() {
    List<Subscription> out = new ArrayList<>();
    for (String object : List.of("company", "contact")) {
      List<String> props = new ArrayList<>();
      if ("company".equals(object)) {
        props.addAll(CrmListing.COMPANY_PROPERTIES);
        props.add(HubSpotConnector.INTEREST);
      } else {
        props.addAll(CrmListing.CONTACT_PROPERTIES);
      }
      out.add(new Subscription(object + ".creation", null));
      out.add(new Subscription(object + ".deletion", null));
      for (String p : props) {
        out.add(new Subscription(object + ".propertyChange", p));
      }
    }
    return out;
  }

  /**
   * What is already there of the wanted subscriptions, and what is missing.
   *
   * @param present wanted subscription → the id of a listed one that delivers it
   * @param paused ids of those listed ones that are paused
   * @param missing wanted subscriptions no listed one delivers
   */
  public record Plan(
      Map<Subscription, String> present, List<String> paused, List<Subscription> missing) {}

  /**
   * Compares the wanted subscriptions with the app's listed ones.
   *
   * @param wanted e.g. {@link #required()}
   * @param listed the {@code results} of {@code GET …/subscriptions}
   * @return the plan
   */
  public static Plan plan(List<Subscription> wanted, JsonArray listed) {
    Map<Subscription, String> present = new LinkedHashMap<>();
    List<String> paused = new ArrayList<>();
    List<Subscription> missing = new ArrayList<>();
    for (Subscription w : wanted) {
      JsonObject found = null;
      for (Object o : listed) {
        if (o instanceof JsonObject s && w.matches(s)) {
          found = s;
          if (s.getBoolean("active", false)) {
            break;
          }
        }
      }
      if (found == null) {
        missing.add(w);
        continue;
      }
      String id = String.valueOf(found.getValue("id"));
      present.put(w, id);
      if (!found.getBoolean("active", false) && !paused.contains(id)) {
        paused.add(id);
      }
    }
    return new Plan(present, paused, missing);
  }

  /**
   * Ensures {@link #required()}: lists the app's subscriptions once and creates each missing one
   * active. Existing ones are left as they are (a paused one stays paused: pausing is the app
   * developer's call; it is reported).
   *
   * @return config to merge: {@code webhookSubscription} = the ids ensured, in {@link #required()}
   *     order, and {@code webhookSubscriptionsPaused} when some are paused; or a string saying the
   *     step was skipped
   */
  private Uni<JsonObject> subscribe() {
    if (cfg.appId() == null
        || cfg.appId().isBlank()
        || cfg.developerApiKey() == null
        || cfg.developerApiKey().isBlank()) {
      return Uni.createFrom()
          .item(
              new JsonObject()
                  .put("webhookSubscription", "skipped: no appId/developerApiKey configured"));
    }
    String path =
        paths.webhookSubscriptions(cfg.appId())
            + "?hapikey="
            + URLEncoder.encode(cfg.developerApiKey(), StandardCharsets.UTF_8);
    return http.json(HttpMethod.GET, path, null, null)
        .chain(
            list -> {
              JsonObject j = list.json();
              if (list.status() != 200 || j == null) {
                throw new GatewayException(
                    "hubspot_setup_failed", 502, "webhook subscriptions: " + list.message());
              }
              Plan plan = plan(required(), j.getJsonArray("results", new JsonArray()));
              Map<Subscription, String> ids = new LinkedHashMap<>(plan.present());
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (Subscription s : plan.missing()) {
                chain =
                    chain
                        .chain(() -> create(path, s).invoke(id -> ids.put(s, id)))
                        .replaceWithVoid();
              }
              return chain.map(
                  v -> {
                    JsonArray out = new JsonArray();
                    for (Subscription s : required()) {
                      out.add(ids.get(s));
                    }
                    JsonObject config = new JsonObject().put("webhookSubscription", out);
                    if (!plan.paused().isEmpty()) {
                      config.put("webhookSubscriptionsPaused", new JsonArray(plan.paused()));
                    }
                    return config;
                  });
            });
  }

  private Uni<String> create(String path, Subscription s) {
    return http.json(HttpMethod.POST, path, null, s.body())
        .map(
            r -> {
              if (r.status() != 200 && r.status() != 201 || r.json() == null) {
                throw new GatewayException(
                    "hubspot_setup_failed",
                    502,
                    "webhook subscription "
                        + s.eventType()
                        + (s.propertyName() == null ? "" : " " + s.propertyName())
                        + ": "
                        + r.message());
              }
              return String.valueOf(r.json().getValue("id"));
            });
  }

  private static JsonObject group() {
    return new JsonObject().put("name", GROUP).put("label", "Queast").put("displayOrder", -1);
  }

  private static JsonObject property(String name, String label, String type, String fieldType) {
    return new JsonObject()
        .put("name", name)
        .put("label", label)
        .put("type", type)
        .put("fieldType", fieldType)
        .put("groupName", GROUP);
  }

  private static JsonObject interest() {
    JsonArray options =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("label", "Interested")
                    .put("value", "interested")
                    .put("displayOrder", 0))
            .add(
                new JsonObject()
                    .put("label", "Not interested")
                    .put("value", "not_interested")
                    .put("displayOrder", 1));
    return property("queast_interest", "Queast interest", "enumeration", "select")
        .put("options", options);
  }
}

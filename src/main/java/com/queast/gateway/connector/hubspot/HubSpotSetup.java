package com.queast.gateway.connector.hubspot;

import com.queast.gateway.app.GatewayConfig;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Idempotent setup of a portal: the "Queast" property group and the connector's properties on
 * companies, contacts, notes and tasks (a unique {@code queast_id} everywhere, {@code
 * queast_interest} on companies), then the app's {@code company.propertyChange} subscription for
 * {@code queast_interest} when a developer key is configured. "Already exists" counts as done.
 */
public final class HubSpotSetup {

  /** The property group. */
  public static final String GROUP = "queast";

  /** Objects that get a unique {@code queast_id}. */
  public static final List<String> KEYED = List.of("companies", "contacts", "notes", "tasks");

  private final GatewayConfig.Hubspot cfg;
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
      GatewayConfig.Hubspot cfg, HubSpotPaths paths, HubSpotCaller caller, HubSpotHttp http) {
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
   * @return a Uni emitting config to merge ({@code queastProperties}, {@code webhookSubscription});
   *     fails with a 502 {@code GatewayException} when HubSpot refuses a step
   */
  public Uni<JsonObject> run(LanePacer pacer, Connection c) {
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
        .map(sub -> new JsonObject().put("queastProperties", true).put("webhookSubscription", sub));
  }

  private Uni<Void> create(LanePacer pacer, Connection c, String path, JsonObject body) {
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

  private Uni<String> subscribe() {
    if (cfg.appId() == null
        || cfg.appId().isBlank()
        || cfg.developerApiKey() == null
        || cfg.developerApiKey().isBlank()) {
      return Uni.createFrom().item("skipped: no appId/developerApiKey configured");
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
              for (Object o : j.getJsonArray("results", new JsonArray())) {
                JsonObject s = (JsonObject) o;
                if ("company.propertyChange".equals(s.getString("eventType"))
                    && "queast_interest".equals(s.getString("propertyName"))) {
                  return Uni.createFrom().item(String.valueOf(s.getValue("id")));
                }
              }
              JsonObject body =
                  new JsonObject()
                      .put("eventType", "company.propertyChange")
                      .put("propertyName", "queast_interest")
                      .put("active", true);
              return http.json(HttpMethod.POST, path, null, body)
                  .map(
                      r -> {
                        if (r.status() != 200 && r.status() != 201 || r.json() == null) {
                          throw new GatewayException(
                              "hubspot_setup_failed", 502, "webhook subscription: " + r.message());
                        }
                        return String.valueOf(r.json().getValue("id"));
                      });
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

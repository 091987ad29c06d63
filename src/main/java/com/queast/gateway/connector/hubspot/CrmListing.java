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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pages through every company or contact of a portal with the list endpoints ({@code limit=100},
 * {@code after} cursor), paced like deliveries: the input of the local CRM index used by identity
 * matching.
 */
public final class CrmListing {

  /** Properties read for companies. */
  public static final List<String> COMPANY_PROPERTIES =
      List.of("name", "domain", "website", "queast_linkedin_url", "country", "city", "queast_id");

  /** Properties read for contacts. */
  public static final List<String> CONTACT_PROPERTIES =
      List.of(
          "email", "firstname", "lastname", "queast_linkedin_url", "country", "city", "queast_id");

  /**
   * One CRM record.
   *
   * @param id HubSpot id
   * @param properties the properties read (absent ones missing, values as strings)
   */
  public record Row(String id, Map<String, String> properties) {}

  private final HubSpotCaller caller;
  private final HubSpotPaths paths;

  /**
   * A listing.
   *
   * @param caller paced caller
   * @param paths API paths
   */
  public CrmListing(HubSpotCaller caller, HubSpotPaths paths) {
    this.caller = caller;
    this.paths = paths;
  }

  /**
   * Every live record of a type.
   *
   * @param pacer the portal's pacer
   * @param c connection
   * @param type {@code companies} or {@code contacts}
   * @param properties properties to read
   * @return a Uni emitting all records; fails with a 502 {@code GatewayException} when a page
   *     cannot be read
   */
  public Uni<List<Row>> all(LanePacer pacer, Connection c, String type, List<String> properties) {
    return page(pacer, c, type, properties, null, new ArrayList<>());
  }

  private Uni<List<Row>> page(
      LanePacer pacer,
      Connection c,
      String type,
      List<String> properties,
      String after,
      List<Row> acc) {
    String path =
        paths.objects(type)
            + "?limit=100&properties="
            + URLEncoder.encode(String.join(",", properties), StandardCharsets.UTF_8)
            + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
    return caller
        .call(pacer, c, HttpMethod.GET, path, null)
        .chain(
            r -> {
              JsonObject j = r.json();
              if (r.status() != 200 || j == null) {
                throw new GatewayException(
                    "hubspot_list_failed", 502, "listing " + type + ": " + r.message());
              }
              for (Object o : j.getJsonArray("results", new JsonArray())) {
                JsonObject rec = (JsonObject) o;
                Map<String, String> props = new HashMap<>();
                rec.getJsonObject("properties", new JsonObject())
                    .forEach(
                        e -> {
                          if (e.getValue() != null) {
                            props.put(e.getKey(), String.valueOf(e.getValue()));
                          }
                        });
                acc.add(new Row(rec.getString("id"), props));
              }
              JsonObject next = j.getJsonObject("paging", new JsonObject()).getJsonObject("next");
              String cursor = next == null ? null : next.getString("after");
              return cursor == null
                  ? Uni.createFrom().item(acc)
                  : page(pacer, c, type, properties, cursor, acc);
            });
  }
}

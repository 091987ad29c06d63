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
      List.of(
          "name",
          "domain",
          "website",
          "queast_linkedin_url",
          "linkedin_company_page",
          "country",
          "city",
          "phone",
          "queast_id");

  /** Properties read for contacts. */
  public static final List<String> CONTACT_PROPERTIES =
      List.of(
          "email",
          "firstname",
          "lastname",
          "queast_linkedin_url",
          "country",
          "city",
          "phone",
          "associatedcompanyid",
          "queast_id");

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
   * The property names of object types.
   *
   * @param pacer the portal's pacer
   * @param c connection
   * @param types object types
   * @return a Uni emitting type → names (types HubSpot does not list are left out)
   */
  public Uni<Map<String, java.util.Set<String>>> propertyNames(
      HubSpotPacer pacer, Connection c, java.util.Set<String> types) {
    Map<String, java.util.Set<String>> out = new HashMap<>();
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (String type : types) {
      chain =
          chain.chain(
              () ->
                  caller
                      .call(pacer, c, HttpMethod.GET, paths.properties(type), null)
                      .invoke(
                          r -> {
                            JsonObject j = r.json();
                            if (r.status() == 200 && j != null) {
                              java.util.Set<String> names = new java.util.HashSet<>();
                              for (Object o : j.getJsonArray("results", new JsonArray())) {
                                names.add(((JsonObject) o).getString("name"));
                              }
                              out.put(type, names);
                            }
                          })
                      .replaceWithVoid());
    }
    return chain.map(v -> out);
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
  public Uni<List<Row>> all(
      HubSpotPacer pacer, Connection c, String type, List<String> properties) {
    return collect(pacer, c, type, properties, null, new ArrayList<>());
  }

  private Uni<List<Row>> collect(
      HubSpotPacer pacer,
      Connection c,
      String type,
      List<String> properties,
      String after,
      List<Row> acc) {
    return page(pacer, c, type, properties, after)
        .chain(
            p -> {
              acc.addAll(p.rows());
              return p.next() == null
                  ? Uni.createFrom().item(acc)
                  : collect(pacer, c, type, properties, p.next(), acc);
            });
  }

  /**
   * A page of records.
   *
   * @param rows its records
   * @param next cursor of the next page, or null at the end
   */
  public record Page(List<Row> rows, String next) {}

  /**
   * One page of up to 100 records.
   *
   * @param pacer the portal's pacer
   * @param c connection
   * @param type {@code companies} or {@code contacts}
   * @param properties properties to read
   * @param after cursor, or null for the first page
   * @return a Uni emitting the page; fails with a 502 {@code GatewayException} when HubSpot does
   *     not answer it
   */
  public Uni<Page> page(
      HubSpotPacer pacer, Connection c, String type, List<String> properties, String after) {
    List<Row> acc = new ArrayList<>();
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
              return Uni.createFrom().item(new Page(acc, cursor));
            });
  }

  /**
   * One record by id.
   *
   * @param pacer the portal's pacer
   * @param c connection
   * @param type {@code companies} or {@code contacts}
   * @param properties properties to read
   * @param id HubSpot id
   * @return a Uni emitting the record, or null when HubSpot answers 404 (deleted); fails with a 502
   *     {@code GatewayException} on any other failure
   */
  public Uni<Row> one(
      HubSpotPacer pacer, Connection c, String type, List<String> properties, String id) {
    String path =
        paths.objects(type)
            + "/"
            + URLEncoder.encode(id, StandardCharsets.UTF_8)
            + "?properties="
            + URLEncoder.encode(String.join(",", properties), StandardCharsets.UTF_8);
    return caller
        .call(pacer, c, HttpMethod.GET, path, null)
        .map(
            r -> {
              if (r.status() == 404) {
                return null;
              }
              JsonObject j = r.json();
              if (r.status() != 200 || j == null) {
                throw new GatewayException(
                    "hubspot_read_failed", 502, "reading " + type + " " + id + ": " + r.message());
              }
              return row(j);
            });
  }

  /** Deepest offset HubSpot's search pages to (10,000 results per query). */
  public static final int SEARCH_CAP = 10_000;

  /** Page size of change searches. */
  public static final int SEARCH_PAGE = 100;

  /**
   * A page of records modified at or after a time, oldest first (search API, {@code
   * hs_lastmodifieddate} GTE, sorted ascending), paced by the portal's search bucket.
   *
   * @param pacer the portal's pacer
   * @param c connection
   * @param type {@code companies} or {@code contacts}
   * @param properties properties to read
   * @param sinceMillis watermark, epoch ms
   * @param after offset, or null for the first page
   * @return a Uni emitting the page ({@code next} null at the end of the result set); fails with a
   *     502 {@code GatewayException} when HubSpot does not answer
   */
  public Uni<Page> changed(
      HubSpotPacer pacer,
      Connection c,
      String type,
      List<String> properties,
      long sinceMillis,
      String after) {
    java.time.Duration wait = pacer.tryAcquireSearch();
    if (!wait.isZero()) {
      return Uni.createFrom()
          .item(wait)
          .onItem()
          .delayIt()
          .by(wait)
          .chain(() -> changed(pacer, c, type, properties, sinceMillis, after));
    }
    JsonArray props = new JsonArray();
    properties.forEach(props::add);
    props.add("hs_lastmodifieddate");
    JsonObject body =
        new JsonObject()
            .put(
                "filterGroups",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put(
                                "filters",
                                new JsonArray()
                                    .add(
                                        new JsonObject()
                                            .put("propertyName", "hs_lastmodifieddate")
                                            .put("operator", "GTE")
                                            .put("value", Long.toString(sinceMillis))))))
            .put(
                "sorts",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("propertyName", "hs_lastmodifieddate")
                            .put("direction", "ASCENDING")))
            .put("properties", props)
            .put("limit", SEARCH_PAGE);
    if (after != null) {
      body.put("after", after);
    }
    return caller
        .call(pacer, c, HttpMethod.POST, paths.objects(type) + "/search", body)
        .map(
            r -> {
              JsonObject j = r.json();
              if (r.status() != 200 || j == null) {
                throw new GatewayException(
                    "hubspot_search_failed", 502, "searching " + type + ": " + r.message());
              }
              List<Row> rows = new ArrayList<>();
              for (Object o : j.getJsonArray("results", new JsonArray())) {
                rows.add(row((JsonObject) o));
              }
              JsonObject next = j.getJsonObject("paging", new JsonObject()).getJsonObject("next");
              return new Page(rows, next == null ? null : next.getString("after"));
            });
  }

  private static Row row(JsonObject rec) {
    Map<String, String> props = new HashMap<>();
    rec.getJsonObject("properties", new JsonObject())
        .forEach(
            e -> {
              if (e.getValue() != null) {
                props.put(e.getKey(), String.valueOf(e.getValue()));
              }
            });
    return new Row(rec.getString("id"), props);
  }
}

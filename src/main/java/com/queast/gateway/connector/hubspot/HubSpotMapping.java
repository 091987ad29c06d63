package com.queast.gateway.connector.hubspot;

import com.queast.gateway.record.RecordType;
import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.apache.commons.text.StringEscapeUtils;

/**
 * The one place the connector gets its mapping from. Until the gateway's mapping framework ({@code
 * com.queast.gateway.mapping}) is on this branch it applies the defaults of {@code
 * conf/connectors/hubspot.yaml} directly; switching to {@code MappingService.forConnection} changes
 * only {@link #forConnection}.
 */
public final class HubSpotMapping {

  /**
   * A record mapped to a HubSpot object.
   *
   * @param crmObject HubSpot object type, e.g. {@code companies}
   * @param properties HubSpot properties (string values), without {@code queast_id}
   */
  public record Mapped(String crmObject, JsonObject properties) {}

  /** The mapping in force for one connection. */
  public interface Effective {
    /**
     * Maps a record.
     *
     * @param type record type
     * @param data record fields
     * @return the HubSpot object and properties
     */
    Mapped map(RecordType type, JsonObject data);
  }

  /**
   * The mapping of a connection.
   *
   * @param connection the connection
   * @return a Uni emitting its effective mapping
   */
  public Uni<Effective> forConnection(Connection connection) {
    return Uni.createFrom().item(HubSpotMapping::defaults);
  }

  static Mapped defaults(RecordType type, JsonObject d) {
    JsonObject p = new JsonObject();
    switch (type) {
      case COMPANY -> {
        put(p, "name", truncate(trim(d.getString("name")), 255));
        put(p, "domain", domain(d.getString("domain")));
        put(p, "website", trim(d.getString("website")));
        put(p, "city", trim(d.getString("city")));
        put(p, "country", trim(d.getString("country")));
        put(p, "industry", trim(d.getString("industry")));
        put(p, "description", d.getString("description"));
        Object n = d.getValue("employeeCount");
        put(p, "numberofemployees", n == null ? null : String.valueOf(n));
        put(p, "queast_linkedin_url", trim(d.getString("linkedinUrl")));
        JsonArray tags = d.getJsonArray("tags");
        put(
            p,
            "queast_tags",
            tags == null || tags.isEmpty() ? null : String.join(";", tags.getList()));
        return new Mapped("companies", p);
      }
      case PERSON -> {
        String email = trim(d.getString("email"));
        put(p, "email", email == null ? null : email.toLowerCase(Locale.ROOT));
        put(p, "firstname", trim(d.getString("firstName")));
        put(p, "lastname", trim(d.getString("lastName")));
        put(p, "phone", trim(d.getString("phone")));
        put(p, "jobtitle", trim(d.getString("title")));
        put(p, "queast_linkedin_url", trim(d.getString("linkedinUrl")));
        return new Mapped("contacts", p);
      }
      default -> {
        StringBuilder body = new StringBuilder();
        line(body, "<p><strong>", d.getString("title"), "</strong></p>");
        line(body, "<p>", d.getString("summary"), "</p>");
        String url = d.getString("url");
        if (url != null && !url.isBlank()) {
          String u = StringEscapeUtils.escapeHtml4(url);
          body.append(body.length() == 0 ? "" : "\n").append("<p><a href=\"").append(u);
          body.append("\">").append(u).append("</a></p>");
        }
        put(p, "hs_note_body", body.toString());
        String at = d.getString("occurredAt");
        put(
            p,
            "hs_timestamp",
            at == null ? null : Long.toString(OffsetDateTime.parse(at).toInstant().toEpochMilli()));
        return new Mapped("notes", p);
      }
    }
  }

  private static void line(StringBuilder b, String open, String value, String close) {
    if (value == null || value.isBlank()) {
      return;
    }
    b.append(b.length() == 0 ? "" : "\n")
        .append(open)
        .append(StringEscapeUtils.escapeHtml4(value))
        .append(close);
  }

  private static void put(JsonObject p, String key, String value) {
    if (value != null && !value.isEmpty()) {
      p.put(key, value);
    }
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }

  private static String truncate(String s, int n) {
    return s == null || s.length() <= n ? s : s.substring(0, n);
  }

  static String domain(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    String d = s.trim().toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "");
    int slash = d.indexOf('/');
    d = slash >= 0 ? d.substring(0, slash) : d;
    return d.startsWith("www.") ? d.substring(4) : d;
  }
}

package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.connector.WebhookBatch;
import com.queast.gateway.connector.WebhookConnections;
import com.queast.gateway.connector.WebhookEvent;
import com.queast.gateway.connector.WebhookRequest;
import com.queast.gateway.connector.WebhookSource;
import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

/**
 * Pipedrive's webhooks ({@code POST /v1/webhooks/pipedrive}): per-connection HTTP Basic credentials
 * (user {@code queast-} + the first 8 characters of the connection id, compared in constant time),
 * one v2 event per request, which must belong to the connection's company.
 */
public final class PipedriveWebhooks implements WebhookSource {

  private static final String CRM = "pipedrive";
  private static final String USER_PREFIX = "queast-";

  @Override
  public String pathSegment() {
    return CRM;
  }

  @Override
  public Uni<WebhookBatch> receive(WebhookRequest request, WebhookConnections connections) {
    String[] basic = basic(request.header("Authorization"));
    String user = basic[0];
    if (!user.startsWith(USER_PREFIX) || user.length() != USER_PREFIX.length() + 8) {
      throw new GatewayException("credentials_invalid", 401, "unknown webhook credentials");
    }
    String password = basic[1];
    return connections
        .byIdPrefix(CRM, user.substring(USER_PREFIX.length()))
        .map(
            candidates -> {
              Connection match = null;
              for (Connection c : candidates) {
                JsonObject creds = connections.credentials(c);
                boolean u = equal(user, creds.getString("webhookUser"));
                boolean p = equal(password, creds.getString("webhookPassword"));
                if (u && p) {
                  match = c;
                }
              }
              if (match == null) {
                throw new GatewayException(
                    "credentials_invalid", 401, "unknown webhook credentials");
              }
              return events(match, request.body());
            });
  }

  private static String[] basic(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      throw new GatewayException("credentials_missing", 401, "HTTP Basic credentials needed");
    }
    String pair;
    try {
      pair =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new GatewayException("credentials_invalid", 401, "unreadable Basic credentials");
    }
    int colon = pair.indexOf(':');
    if (colon < 0) {
      throw new GatewayException("credentials_invalid", 401, "unreadable Basic credentials");
    }
    return new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
  }

  private static boolean equal(String given, String expected) {
    return expected != null
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private static GatewayException malformed(String field, String message) {
    return GatewayException.validation(
        "the webhook payload is malformed", List.of(new FieldError(field, "format", message)));
  }

  private WebhookBatch events(Connection c, String body) {
    JsonObject e;
    try {
      Object parsed = Json.decodeValue(body);
      if (!(parsed instanceof JsonObject o)) {
        throw malformed("body", "must be a JSON object with meta and data");
      }
      e = o;
    } catch (DecodeException x) {
      throw malformed("body", "is not JSON");
    }
    JsonObject meta = e.getValue("meta") instanceof JsonObject m ? m : null;
    if (meta == null) {
      throw malformed("meta", "meta must be an object");
    }
    for (String f : List.of("id", "action", "entity", "entity_id", "company_id")) {
      Object v = meta.getValue(f);
      if (!(v instanceof String) && !(v instanceof Number)) {
        throw malformed("meta." + f, f + " is required");
      }
    }
    if (e.getValue("data") != null && !(e.getValue("data") instanceof JsonObject)) {
      throw malformed("data", "data must be an object or null");
    }
    if (!String.valueOf(meta.getValue("company_id")).equals(c.accountId())) {
      // The credentials were issued for another Pipedrive company: never let it touch this one.
      throw new GatewayException(
          "account_mismatch", 401, "the event belongs to another Pipedrive company");
    }
    String entity = String.valueOf(meta.getValue("entity"));
    String kind =
        "organization".equals(entity) ? "company" : "person".equals(entity) ? "person" : null;
    String action = String.valueOf(meta.getValue("action"));
    if (kind == null || echo(c, e)) {
      return new WebhookBatch(List.of(), 1);
    }
    String normalized =
        switch (action) {
          case "create", "added" -> "create";
          case "delete", "deleted" -> "delete";
          default -> "change";
        };
    Instant at;
    try {
      at = time(meta.getValue("timestamp"));
    } catch (DateTimeParseException x) {
      throw malformed("meta.timestamp", "timestamp must be ISO-8601 or epoch ms");
    }
    return new WebhookBatch(
        List.of(
            new WebhookEvent(
                c,
                "pipedrive:" + meta.getValue("id"),
                kind,
                String.valueOf(meta.getValue("entity_id")),
                normalized,
                null,
                null,
                at,
                e)),
        0);
  }

  /**
   * When a Pipedrive event happened: an ISO-8601 string (entity events), or epoch seconds (user
   * events show a 10-digit number, vendor notes §5.2); a number too large for seconds is taken as
   * milliseconds.
   */
  static Instant time(Object ts) {
    if (ts == null) {
      return Instant.EPOCH;
    }
    if (ts instanceof Number n) {
      long v = n.longValue();
      return v < 100_000_000_000L ? Instant.ofEpochSecond(v) : Instant.ofEpochMilli(v);
    }
    String text = String.valueOf(ts).trim();
    if (text.matches("\\d{1,15}")) {
      return time(Long.parseLong(text));
    }
    return Instant.parse(text);
  }

  /**
   * Whether a Pipedrive event reports a write the gateway made itself: made through the API ({@code
   * change_source: api}) by the user the connection acts as. Deletions are never echoes (the
   * gateway deletes nothing); interest changes are not written by the gateway either, so an API
   * change by our user is a record or a note we delivered.
   */
  @Override
  public boolean echo(Connection c, JsonObject event) {
    JsonObject meta = event.getValue("meta") instanceof JsonObject m ? m : new JsonObject();
    String action = String.valueOf(meta.getValue("action"));
    String ours = c == null || c.config() == null ? null : c.config().getString("userId");
    return ours != null
        && "api".equals(meta.getString("change_source"))
        && ours.equals(String.valueOf(meta.getValue("user_id")))
        && !"delete".equals(action)
        && !"deleted".equals(action);
  }

  /**
   * A Pipedrive interest change: the interest field (its hash key is in the connection's config) is
   * set on a created organization, or listed in the v2 {@code previous} object with another value.
   */
  @Override
  public boolean interestChanged(Connection c, String propertyName, JsonObject payload) {
    String key =
        c.config()
            .getJsonObject("fields", new JsonObject())
            .getJsonObject("organization", new JsonObject())
            .getString(CustomFields.INTEREST);
    if (key == null) {
      return false;
    }
    Object now = custom(payload.getValue("data")).getValue(key);
    if (now == null) {
      return false;
    }
    if (!(payload.getValue("previous") instanceof JsonObject)) {
      return true; // a creation with the flag set
    }
    // v2 "previous" lists the fields that changed: no key there means the flag did not change.
    JsonObject before = custom(payload.getValue("previous"));
    return before.containsKey(key) && !now.equals(before.getValue(key));
  }

  private static JsonObject custom(Object record) {
    if (record instanceof JsonObject o && o.getValue("custom_fields") instanceof JsonObject c) {
      return c;
    }
    return new JsonObject();
  }
}

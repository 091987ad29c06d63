package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.mapping.MappingSpec;
import com.queast.gateway.record.RecordType;
import com.queast.gateway.tenant.Connection;
import com.queast.gateway.tenant.ConnectionStore;
import com.queast.gateway.tenant.TokenManager;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Idempotent setup of a connected Pipedrive company: the custom fields the connector needs (and the
 * {@code custom:} targets of the default mapping) resolved or created, and v2 webhooks for every
 * change of organizations and persons with per-connection random Basic credentials, kept encrypted
 * with the connection's credentials.
 */
final class PipedriveSetup {

  /**
   * The webhooks a connection gets ({@code event_action}, {@code event_object}): every create,
   * change and delete of organizations and persons, the two kinds the CRM index holds (vendor notes
   * §5.1). Notes and activities are not subscribed: the index does not hold them.
   */
  static final List<String[]> SUBSCRIPTIONS =
      List.of(new String[] {"*", "organization"}, new String[] {"*", "person"});

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ConnectionStore connections;
  private final TokenManager tokens;
  private final String webhookUrl;

  PipedriveSetup(ConnectionStore connections, TokenManager tokens, String webhookUrl) {
    this.connections = connections;
    this.tokens = tokens;
    this.webhookUrl = webhookUrl;
  }

  /**
   * The custom fields of a kind the connector needs.
   *
   * @param kind organization or person
   * @param defaults the default mapping
   * @return field names
   */
  static List<String> neededFields(ContactKind kind, MappingSpec defaults) {
    List<String> names =
        new ArrayList<>(
            kind == ContactKind.ORGANIZATION
                ? CustomFields.ORGANIZATION_FIELDS
                : CustomFields.PERSON_FIELDS);
    RecordType t = kind == ContactKind.ORGANIZATION ? RecordType.COMPANY : RecordType.PERSON;
    for (String target : defaults.object(t).properties().keySet()) {
      if (target.startsWith(Payloads.CUSTOM)) {
        String name = target.substring(Payloads.CUSTOM.length());
        if (!names.contains(name)) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /**
   * Resolves the field keys of both kinds.
   *
   * @param s session
   * @param defaults the default mapping
   * @return a Uni emitting {@code {"organization": {...}, "person": {...}}}
   */
  static Uni<JsonObject> fields(PipedriveSession s, MappingSpec defaults) {
    return CustomFields.ensure(
            s, ContactKind.ORGANIZATION, neededFields(ContactKind.ORGANIZATION, defaults))
        .chain(
            org ->
                CustomFields.ensure(
                        s, ContactKind.PERSON, neededFields(ContactKind.PERSON, defaults))
                    .map(p -> new JsonObject().put("organization", org).put("person", p)));
  }

  /**
   * Runs the setup.
   *
   * @param s session of the connection
   * @param defaults the default mapping
   * @return a Uni emitting the non-secret config to merge
   */
  Uni<JsonObject> run(PipedriveSession s, MappingSpec defaults) {
    Connection c = s.connection();
    return fields(s, defaults)
        .chain(
            f ->
                webhook(s)
                    .map(
                        id ->
                            new JsonObject()
                                .put("fields", f)
                                .put("webhookId", id)
                                .put("webhookUrl", webhookUrl)
                                .put("companyId", c.accountId())));
  }

  /**
   * Ensures the connection's webhooks: one per {@link #SUBSCRIPTIONS} entry, all with the
   * connection's Basic credentials. Kept as they are when every one is there and known; otherwise
   * the connection's webhooks at our URL (those of an older setup included, such as the {@code
   * change.organization} one of earlier versions) are deleted and created again with fresh
   * credentials, so no webhook is left with a password we no longer hold.
   */
  private Uni<String> webhook(PipedriveSession s) {
    JsonObject creds = connections.credentials(s.connection());
    return WebhooksV1.list(s, webhookUrl, user(s.connection()))
        .chain(
            (List<JsonObject> existing) -> {
              List<String> known = knownIds(creds);
              List<String> found = new ArrayList<>();
              for (String[] sub : SUBSCRIPTIONS) {
                for (JsonObject w : existing) {
                  if (sub[0].equals(w.getString("event_action"))
                      && sub[1].equals(w.getString("event_object"))) {
                    found.add(String.valueOf(w.getValue("id")));
                    break;
                  }
                }
              }
              if (found.size() == SUBSCRIPTIONS.size()
                  && existing.size() == SUBSCRIPTIONS.size()
                  && known.containsAll(found)
                  && creds.getString("webhookPassword") != null) {
                return Uni.createFrom().item(String.join(",", found));
              }
              Uni<Void> cleared = Uni.createFrom().voidItem();
              for (JsonObject w : existing) {
                String id = String.valueOf(w.getValue("id"));
                cleared = cleared.chain(() -> WebhooksV1.delete(s, id));
              }
              return cleared.chain(() -> create(s));
            });
  }

  private static List<String> knownIds(JsonObject creds) {
    String ids = creds.getString("webhookId");
    return ids == null ? List.of() : List.of(ids.split(","));
  }

  private Uni<String> create(PipedriveSession s) {
    Connection c = s.connection();
    String user = user(c);
    String password = secret();
    Uni<List<String>> created = Uni.createFrom().item(new ArrayList<>());
    for (String[] sub : SUBSCRIPTIONS) {
      created =
          created.chain(
              ids ->
                  WebhooksV1.create(s, webhookUrl, sub[0], sub[1], user, password)
                      .map(
                          id -> {
                            ids.add(id);
                            return ids;
                          }));
    }
    return created
        .map(ids -> String.join(",", ids))
        .call(
            id ->
                connections
                    .withLockedCredentials(
                        c.id(),
                        locked ->
                            Uni.createFrom()
                                .item(
                                    Optional.of(
                                        new ConnectionStore.Refreshed(
                                            locked
                                                .credentials()
                                                .copy()
                                                .put("webhookId", id)
                                                .put("webhookUser", user)
                                                .put("webhookPassword", password),
                                            locked.connection().tokenExpiresAt()))))
                    .invoke(() -> tokens.invalidate(c.id(), false)));
  }

  private static String user(Connection c) {
    return "queast-" + c.id().toString().substring(0, 8);
  }

  private static String secret() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}

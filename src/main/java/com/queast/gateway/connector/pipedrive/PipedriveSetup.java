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
 * {@code custom:} targets of the default mapping) resolved or created, and one v2 webhook for
 * organization changes with per-connection random Basic credentials, kept encrypted with the
 * connection's credentials.
 */
final class PipedriveSetup {

  /** Event action of the webhook. */
  static final String ACTION = "change";

  /** Event object of the webhook. */
  static final String OBJECT = "organization";

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
  static Uni<JsonObject> fields(PdSession s, MappingSpec defaults) {
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
  Uni<JsonObject> run(PdSession s, MappingSpec defaults) {
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

  private Uni<String> webhook(PdSession s) {
    Connection c = s.connection();
    JsonObject creds = connections.credentials(c);
    return WebhooksV1.find(s, webhookUrl, ACTION, OBJECT)
        .chain(
            (Optional<JsonObject> existing) -> {
              String known = creds.getString("webhookId");
              if (existing.isPresent()) {
                String id = String.valueOf(existing.get().getValue("id"));
                if (id.equals(known) && creds.getString("webhookPassword") != null) {
                  return Uni.createFrom().item(id);
                }
                return WebhooksV1.delete(s, id).chain(() -> create(s));
              }
              return create(s);
            });
  }

  private Uni<String> create(PdSession s) {
    Connection c = s.connection();
    String user = "queast-" + c.id().toString().substring(0, 8);
    String password = secret();
    return WebhooksV1.create(s, webhookUrl, ACTION, OBJECT, user, password)
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

  private static String secret() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}

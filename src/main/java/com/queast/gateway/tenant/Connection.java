package com.queast.gateway.tenant;

import com.queast.gateway.record.Lanes;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.util.UUID;

/**
 * A tenant's connection to one CRM account. {@code credentials} stays encrypted in this record;
 * only {@link ConnectionStore#credentials} opens it, and {@link #toJson} never shows it.
 *
 * @param id connection id
 * @param tenantId owning tenant
 * @param crm connector id
 * @param authType e.g. {@code oauth}, {@code private_app}, {@code api_token}
 * @param status pending, active, needs_reauth, paused, disconnected, error
 * @param statusReason why, when not active
 * @param accountId CRM account (portal / company), null until connected
 * @param sealedCredentials encrypted credential blob or null
 * @param tokenExpiresAt access-token expiry, or null
 * @param config connector configuration (non-secret)
 * @param createdAt created
 * @param updatedAt last change
 */
public record Connection(
    UUID id,
    String tenantId,
    String crm,
    String authType,
    String status,
    String statusReason,
    String accountId,
    byte[] sealedCredentials,
    Instant tokenExpiresAt,
    JsonObject config,
    Instant createdAt,
    Instant updatedAt) {

  /** Waiting for the OAuth consent. */
  public static final String PENDING = "pending";

  /** Delivering. */
  public static final String ACTIVE = "active";

  /** The refresh token stopped working: a user must connect again; jobs wait. */
  public static final String NEEDS_REAUTH = "needs_reauth";

  /** Paused by an operator or by an exhausted budget; jobs wait. */
  public static final String PAUSED = "paused";

  /**
   * Reads a row of the connection column list.
   *
   * @param r row
   * @return the connection
   */
  public static Connection from(Row r) {
    Object cfg = r.getValue("config");
    return new Connection(
        r.getUUID("id"),
        r.getString("tenant_id"),
        r.getString("crm"),
        r.getString("auth_type"),
        r.getString("status"),
        r.getString("status_reason"),
        r.getString("account_id"),
        r.getBuffer("credentials") == null ? null : r.getBuffer("credentials").getBytes(),
        r.getOffsetDateTime("token_expires_at") == null
            ? null
            : r.getOffsetDateTime("token_expires_at").toInstant(),
        cfg instanceof JsonObject j ? j : new JsonObject(),
        r.getOffsetDateTime("created_at").toInstant(),
        r.getOffsetDateTime("updated_at").toInstant());
  }

  /**
   * The lane of this connection's CRM account.
   *
   * @return lane key, or null before the account is known
   */
  public String lane() {
    return accountId == null ? null : Lanes.of(crm, accountId);
  }

  /**
   * Public view: never the credentials.
   *
   * @return JSON for the API
   */
  public JsonObject toJson() {
    return new JsonObject()
        .put("connectionId", id.toString())
        .put("tenantId", tenantId)
        .put("crm", crm)
        .put("auth", authType)
        .put("status", status)
        .put("statusReason", statusReason)
        .put("accountId", accountId)
        .put("lane", lane())
        .put("tokenExpiresAt", tokenExpiresAt == null ? null : tokenExpiresAt.toString())
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString());
  }
}

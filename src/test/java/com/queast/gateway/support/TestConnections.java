package com.queast.gateway.support;

import com.queast.gateway.tenant.Connection;
import com.queast.gateway.tenant.ConnectionStore;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** Creates tenants and active connections directly in the database for tests. */
public final class TestConnections {

  private TestConnections() {}

  /**
   * Inserts an active connection.
   *
   * @param db test database
   * @param store connection store
   * @param tenantId tenant (created if missing)
   * @param crm connector id
   * @param account CRM account
   * @return the connection id
   */
  public static UUID active(
      TestDatabase db, ConnectionStore store, String tenantId, String crm, String account) {
    db.exec(
        "INSERT INTO tenants (id, name) VALUES ('"
            + tenantId
            + "', '"
            + tenantId
            + "') ON CONFLICT DO NOTHING");
    UUID id = UUID.randomUUID();
    Instant now = Instant.now();
    store
        .insert(
            new Connection(
                id,
                tenantId,
                crm,
                "token",
                Connection.ACTIVE,
                null,
                account,
                store.seal(id, new JsonObject().put("token", "t")),
                null,
                new JsonObject(),
                now,
                now))
        .await()
        .indefinitely();
    return id;
  }
}

package com.queast.gateway.connector;

import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The connection lookups a {@link WebhookSource} may use while it maps a request to connections.
 * Each lookup is one statement on the pool reserved for webhook receipt, so receipt never queues
 * behind delivery; only non-disconnected connections are found.
 */
public interface WebhookConnections {

  /**
   * The connections of a CRM for some accounts (portals, companies), in one statement.
   *
   * @param crm connector id
   * @param accountIds CRM account ids
   * @return a Uni emitting the connections by account id (an account without one is absent)
   */
  Uni<Map<String, List<Connection>>> byAccounts(String crm, List<String> accountIds);

  /**
   * The connections of a CRM whose id starts with a prefix (webhook users derived from the id).
   *
   * @param crm connector id
   * @param idPrefix first characters of the connection id
   * @return a Uni emitting the candidates
   */
  Uni<List<Connection>> byIdPrefix(String crm, String idPrefix);

  /**
   * A connection's decrypted credentials (webhook user and password among them).
   *
   * @param connection the connection
   * @return the credentials
   */
  JsonObject credentials(Connection connection);
}

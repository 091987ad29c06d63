package com.queast.gateway.connector;

import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * The webhook role of a connector: everything the receiver needs to know about one CRM's webhooks.
 * The receiver mounts {@code POST /v1/webhooks/{pathSegment}} for every connector that has one, and
 * stores, deduplicates and answers without naming a CRM.
 */
public interface WebhookSource {

  /**
   * The last path segment of the webhook URL ({@code /v1/webhooks/<segment>}).
   *
   * @return the segment, usually the connector id
   */
  String pathSegment();

  /**
   * Verifies a request (signature, credentials, freshness) and parses it into events mapped to the
   * connections they are for. Echoes of the gateway's own writes are left out ({@link #echo}).
   *
   * @param request the request as received
   * @param connections connection lookups on the receipt pool
   * @return a Uni emitting the events; fails (or throws) with a {@code GatewayException} carrying a
   *     401 for a request that does not authenticate and a 400 naming the field for a malformed one
   */
  Uni<WebhookBatch> receive(WebhookRequest request, WebhookConnections connections);

  /**
   * Whether an event reports a write the gateway made itself (the write already refreshed the
   * index). Deletions and interest changes are never echoes.
   *
   * @param connection the connection the event authenticated for, or null when the source decides
   *     before the event is mapped to a connection
   * @param payload the vendor's event
   * @return true to leave it out
   */
  boolean echo(Connection connection, JsonObject payload);

  /**
   * Whether a stored event changed the company's interest flag (the CRM's "interested in Queast"
   * property or field).
   *
   * @param connection the connection
   * @param propertyName the event's property name, or null
   * @param payload the vendor's event as stored
   * @return true when the flag changed with this event
   */
  boolean interestChanged(Connection connection, String propertyName, JsonObject payload);
}

package com.queast.gateway.inbound;

import com.queast.gateway.connector.WebhookEvent;
import com.queast.gateway.tenant.Connection;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * One accepted CRM webhook event, mapped to the one connection it authenticated for.
 *
 * @param tenantId the connection's tenant
 * @param connectionId the connection
 * @param lane the connection's lane
 * @param crm connector id
 * @param eventKey vendor event id (or object:id:occurredAt): the dedupe key
 * @param kind {@code company} or {@code person}
 * @param crmId the CRM record's id
 * @param action {@code create}, {@code change} or {@code delete}
 * @param propertyName the changed property (HubSpot property changes), or null
 * @param propertyValue its new value, or null
 * @param occurredAt when the vendor says it happened
 * @param payload the event as received
 */
public record InboundEvent(
    String tenantId,
    UUID connectionId,
    String lane,
    String crm,
    String eventKey,
    String kind,
    String crmId,
    String action,
    String propertyName,
    String propertyValue,
    Instant occurredAt,
    JsonObject payload) {

  /**
   * The stored form of an event a connector's webhook source accepted.
   *
   * @param e the accepted event
   * @return the event with its connection's tenant, id, lane and CRM
   */
  public static InboundEvent of(WebhookEvent e) {
    Connection c = e.connection();
    return new InboundEvent(
        c.tenantId(),
        c.id(),
        c.lane(),
        c.crm(),
        e.eventKey(),
        e.kind(),
        e.crmId(),
        e.action(),
        e.propertyName(),
        e.propertyValue(),
        e.occurredAt(),
        e.payload());
  }
}

package com.queast.gateway.connector;

import com.queast.gateway.tenant.Connection;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One CRM event a {@link WebhookSource} accepted, already mapped to the connection it is for.
 *
 * @param connection the connection (tenant, lane, account)
 * @param eventKey dedupe key, unique per CRM and stable across the vendor's retries
 * @param kind {@code company} or {@code person}
 * @param crmId the CRM record id
 * @param action {@code create}, {@code change} or {@code delete}
 * @param propertyName the changed property when the vendor names one, or null
 * @param propertyValue its new value, or null
 * @param occurredAt when it happened in the CRM
 * @param payload the vendor's event as received
 */
public record WebhookEvent(
    Connection connection,
    String eventKey,
    String kind,
    String crmId,
    String action,
    String propertyName,
    String propertyValue,
    Instant occurredAt,
    JsonObject payload) {}

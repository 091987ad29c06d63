package com.queast.gateway.connector;

import java.util.List;

/**
 * What one webhook request carried.
 *
 * @param events the events to store
 * @param ignored how many it held that are not stored (objects the index does not hold, echoes of
 *     the gateway's own writes)
 */
public record WebhookBatch(List<WebhookEvent> events, int ignored) {}

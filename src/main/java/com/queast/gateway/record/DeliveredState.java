package com.queast.gateway.record;

import io.vertx.core.json.JsonObject;

/**
 * What was last delivered for a (connection, record): where it landed and what was sent, so the
 * next delivery updates the same CRM record and sends only changed properties.
 *
 * @param crmObjectType CRM object type, e.g. {@code companies}, {@code organizations}
 * @param crmId CRM record id
 * @param deliveredHash content hash of the record version delivered
 * @param deliveredProps the CRM properties sent (after mapping), for diffs
 */
public record DeliveredState(
    String crmObjectType, String crmId, String deliveredHash, JsonObject deliveredProps) {}

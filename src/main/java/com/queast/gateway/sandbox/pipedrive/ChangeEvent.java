package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.json.JsonObject;

/**
 * A change to a record, as webhooks v2 report it.
 *
 * @param company the company
 * @param entity {@code organization}, {@code person}, {@code note}, {@code activity}
 * @param action {@code create}, {@code change} or {@code delete}
 * @param entityId record id
 * @param data current state (null on delete)
 * @param previous changed fields' old values on change, last state on delete, null on create
 * @param changeSource {@code api} for API writes, {@code app} for user actions
 * @param userId who made the change
 */
record ChangeEvent(
    Company company,
    String entity,
    String action,
    long entityId,
    JsonObject data,
    JsonObject previous,
    String changeSource,
    long userId) {

  /** Receives change events (the webhook dispatcher). */
  interface Sink {
    void publish(ChangeEvent event);
  }
}

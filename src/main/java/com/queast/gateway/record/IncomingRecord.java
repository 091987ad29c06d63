package com.queast.gateway.record;

import io.vertx.core.json.JsonObject;

/**
 * A validated record from the ingest API, ready to store.
 *
 * @param type record type
 * @param id Queast id
 * @param data fields
 */
public record IncomingRecord(RecordType type, String id, JsonObject data) {}

package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A batch response: {@code {status: "COMPLETE", results, numErrors?, errors?, startedAt,
 * completedAt}} answered with the success status when there are no errors, and with 207 when some
 * inputs failed.
 */
final class BatchResult {

  private final JsonArray results = new JsonArray();
  private final JsonArray errors = new JsonArray();
  private final Instant startedAt;
  private final int successStatus;

  BatchResult(Instant startedAt, int successStatus) {
    this.startedAt = startedAt;
    this.successStatus = successStatus;
  }

  void result(JsonObject r) {
    results.add(r);
  }

  void error(JsonObject e) {
    errors.add(e);
  }

  int status() {
    return errors.isEmpty() ? successStatus : 207;
  }

  JsonObject toJson(Instant completedAt) {
    JsonObject o = new JsonObject().put("status", "COMPLETE").put("results", results);
    if (!errors.isEmpty()) {
      o.put("numErrors", errors.size()).put("errors", errors);
    }
    return o.put("startedAt", HubSpotTime.format(startedAt))
        .put("completedAt", HubSpotTime.format(completedAt));
  }
}

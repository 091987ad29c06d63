package com.queast.gateway.sandbox.queast;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** An {@code application/problem+json} answer of the Queast API, thrown and written once. */
final class Problem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient JsonObject body;

  Problem(int status, String title, String detail, JsonArray errors) {
    super(title + ": " + detail, null, false, false);
    this.status = status;
    this.body =
        new JsonObject()
            .put(
                "type",
                "https://docs.queast.example/problems/" + title.toLowerCase().replace(' ', '-'))
            .put("title", title)
            .put("status", status)
            .put("detail", detail);
    if (errors != null) {
      body.put("errors", errors);
    }
  }

  static Problem invalid(String field, String rule) {
    return new Problem(
        400,
        "Invalid request",
        field + ": " + rule,
        new JsonArray().add(new JsonObject().put("field", field).put("rule", rule)));
  }

  int status() {
    return status;
  }

  JsonObject body() {
    return body;
  }
}

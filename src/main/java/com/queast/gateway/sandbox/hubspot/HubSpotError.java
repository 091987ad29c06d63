package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A failure answered in HubSpot's error shape: {@code {"status":"error", "message",
 * "correlationId", "category", "subCategory"?, "errors"?, "context"?, "links"?}}. Thrown by the
 * sandbox's logic and turned into a response once, at the route.
 */
public final class HubSpotError extends RuntimeException {

  private final int status;
  private final String category;
  private final String subCategory;
  private final JsonObject context;
  private final JsonArray errors;
  private final JsonObject links;

  /**
   * A full error.
   *
   * @param status HTTP status
   * @param category HubSpot category, e.g. {@code VALIDATION_ERROR}
   * @param message message text
   * @param subCategory optional sub-category
   * @param context optional {@code context} map (values are string arrays)
   * @param errors optional {@code errors} details
   * @param links optional {@code links}
   */
  public HubSpotError(
      int status,
      String category,
      String message,
      String subCategory,
      JsonObject context,
      JsonArray errors,
      JsonObject links) {
    super(message);
    this.status = status;
    this.category = category;
    this.subCategory = subCategory;
    this.context = context;
    this.errors = errors;
    this.links = links;
  }

  /**
   * 400 {@code VALIDATION_ERROR}.
   *
   * @param message message
   * @return the error
   */
  public static HubSpotError validation(String message) {
    return new HubSpotError(400, "VALIDATION_ERROR", message, null, null, null, null);
  }

  /**
   * 404 {@code OBJECT_NOT_FOUND} for a record id, with the message HubSpot uses.
   *
   * @param id the id asked for
   * @return the error
   */
  public static HubSpotError objectNotFound(String id) {
    return new HubSpotError(
        404,
        "OBJECT_NOT_FOUND",
        "Object not found.  objectId are usually numeric.",
        null,
        new JsonObject().put("id", new JsonArray().add(id)),
        null,
        null);
  }

  /**
   * 404 {@code OBJECT_NOT_FOUND} with a free message.
   *
   * @param message message
   * @return the error
   */
  public static HubSpotError notFound(String message) {
    return new HubSpotError(404, "OBJECT_NOT_FOUND", message, null, null, null, null);
  }

  /**
   * 409 {@code CONFLICT}.
   *
   * @param message message naming the existing id
   * @return the error
   */
  public static HubSpotError conflict(String message) {
    return new HubSpotError(409, "CONFLICT", message, null, null, null, null);
  }

  /**
   * Error as the property-validation message HubSpot gives ({@code Property values were not valid:
   * [...]}) for a list of per-property problems.
   *
   * @param portalId portal
   * @param problems (property name, error code, message) triples
   * @return the error
   */
  public static HubSpotError invalidProperties(long portalId, List<String[]> problems) {
    JsonArray arr = new JsonArray();
    for (String[] p : problems) {
      arr.add(
          new JsonObject()
              .put("isValid", false)
              .put("message", p[2])
              .put("error", p[1])
              .put("name", p[0])
              .put("localizedErrorMessage", p[2])
              .put("portalId", portalId));
    }
    return validation("Property values were not valid: " + arr.encode());
  }

  /**
   * HTTP status.
   *
   * @return status
   */
  public int status() {
    return status;
  }

  /**
   * HubSpot category.
   *
   * @return category
   */
  public String category() {
    return category;
  }

  /**
   * The body, with a fresh correlation id.
   *
   * @return JSON body
   */
  public JsonObject toJson() {
    return toJson(UUID.randomUUID().toString());
  }

  /**
   * The body with a given correlation id.
   *
   * @param correlationId correlation id
   * @return JSON body
   */
  public JsonObject toJson(String correlationId) {
    JsonObject o =
        new JsonObject()
            .put("status", "error")
            .put("message", getMessage())
            .put("correlationId", correlationId)
            .put("category", category);
    if (subCategory != null) {
      o.put("subCategory", subCategory);
    }
    if (errors != null) {
      o.put("errors", errors);
    }
    if (context != null) {
      o.put("context", context);
    }
    if (links != null) {
      o.put("links", links);
    }
    return o;
  }

  /**
   * The per-record error form used inside 207 batch responses ({@code status: "error"} without a
   * correlation id).
   *
   * @param extraContext context entries to add, e.g. {@code objectWriteTraceId}
   * @return JSON
   */
  public JsonObject toBatchError(Map<String, String> extraContext) {
    JsonObject o =
        new JsonObject()
            .put("status", "error")
            .put("category", category)
            .put("message", getMessage());
    if (subCategory != null) {
      o.put("subCategory", subCategory);
    }
    JsonObject ctx = context == null ? new JsonObject() : context.copy();
    extraContext.forEach((k, v) -> ctx.put(k, new JsonArray().add(v)));
    o.put("context", ctx);
    o.put("errors", errors == null ? new JsonArray() : errors);
    return o;
  }
}

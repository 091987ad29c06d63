package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The sandbox app's webhook settings (target URL, concurrency) and subscriptions, as the webhook
 * management API sees them. New subscriptions are paused unless created with {@code active: true},
 * as in HubSpot.
 */
public final class WebhookConfig {

  /** HubSpot allows 1,000 subscriptions per app. */
  static final int MAX_SUBSCRIPTIONS = 1000;

  private static final Pattern EVENT_TYPE =
      Pattern.compile(
          "(contact|company|deal|ticket|product|line_item|object)\\."
              + "(creation|deletion|propertyChange|associationChange|merge|restore)"
              + "|contact\\.privacyDeletion");

  private final Clock clock;
  private final AtomicLong ids = new AtomicLong(100);
  private final Map<Long, JsonObject> subscriptions = new LinkedHashMap<>();
  private JsonObject settings;

  WebhookConfig(Clock clock) {
    this.clock = clock;
  }

  private String now() {
    return HubSpotTime.format(clock.instant());
  }

  /**
   * The settings, if set.
   *
   * @return settings JSON
   */
  public synchronized Optional<JsonObject> settings() {
    return Optional.ofNullable(settings).map(JsonObject::copy);
  }

  /**
   * Sets the target URL and throttling.
   *
   * @param body {@code {targetUrl, throttling: {period, maxConcurrentRequests}}}
   * @return the settings
   */
  public synchronized JsonObject putSettings(JsonObject body) {
    String url = body.getString("targetUrl");
    if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
      throw HubSpotError.validation("targetUrl must be an absolute http(s) URL");
    }
    JsonObject throttling = body.getJsonObject("throttling", new JsonObject());
    int max = throttling.getInteger("maxConcurrentRequests", 10);
    if (max < 5) {
      throw HubSpotError.validation("throttling.maxConcurrentRequests must be at least 5");
    }
    String created = settings == null ? now() : settings.getString("createdAt");
    settings =
        new JsonObject()
            .put("targetUrl", url)
            .put(
                "throttling",
                new JsonObject()
                    .put("period", throttling.getString("period", "SECONDLY"))
                    .put("maxConcurrentRequests", max))
            .put("createdAt", created)
            .put("updatedAt", now());
    return settings.copy();
  }

  /** Clears the settings (deliveries stop). */
  public synchronized void deleteSettings() {
    settings = null;
  }

  /**
   * Creates a subscription.
   *
   * @param body {@code {eventType, propertyName?, active?, objectTypeId?}}
   * @return the subscription
   */
  public synchronized JsonObject create(JsonObject body) {
    String type = body.getString("eventType");
    if (type == null || !EVENT_TYPE.matcher(type).matches()) {
      throw HubSpotError.validation("Invalid eventType: " + type);
    }
    if (type.endsWith(".propertyChange") && body.getString("propertyName") == null) {
      throw HubSpotError.validation("propertyName is required for " + type);
    }
    if (subscriptions.size() >= MAX_SUBSCRIPTIONS) {
      throw HubSpotError.validation(
          "Couldn't create another subscription. You've reached the maximum number allowed per"
              + " application (1000).");
    }
    long id = ids.incrementAndGet();
    JsonObject s =
        new JsonObject()
            .put("id", Long.toString(id))
            .put("eventType", type)
            .put("propertyName", body.getString("propertyName"))
            .put("active", body.getBoolean("active", false))
            .put("createdAt", now())
            .put("updatedAt", now());
    if (body.getString("objectTypeId") != null) {
      s.put("objectTypeId", body.getString("objectTypeId"));
    }
    subscriptions.put(id, s);
    return s.copy();
  }

  /**
   * A subscription.
   *
   * @param id id
   * @return it, if it exists
   */
  public synchronized Optional<JsonObject> get(String id) {
    return Optional.ofNullable(subscriptions.get(parse(id))).map(JsonObject::copy);
  }

  /**
   * Activates or pauses a subscription.
   *
   * @param id id
   * @param active new state
   * @return the subscription, if it exists
   */
  public synchronized Optional<JsonObject> setActive(String id, boolean active) {
    JsonObject s = subscriptions.get(parse(id));
    if (s == null) {
      return Optional.empty();
    }
    s.put("active", active).put("updatedAt", now());
    return Optional.of(s.copy());
  }

  /**
   * Deletes a subscription.
   *
   * @param id id
   * @return true if it existed
   */
  public synchronized boolean delete(String id) {
    return subscriptions.remove(parse(id)) != null;
  }

  /**
   * All subscriptions.
   *
   * @return JSON array
   */
  public synchronized JsonArray list() {
    JsonArray out = new JsonArray();
    subscriptions.values().forEach(s -> out.add(s.copy()));
    return out;
  }

  /**
   * The active subscriptions matching an event.
   *
   * @param type object type
   * @param action {@code creation}, {@code deletion} or {@code propertyChange}
   * @param property property for propertyChange, else null
   * @return matching subscriptions
   */
  synchronized List<JsonObject> matching(ObjectType type, String action, String property) {
    List<JsonObject> out = new ArrayList<>();
    for (JsonObject s : subscriptions.values()) {
      if (!s.getBoolean("active")) {
        continue;
      }
      String et = s.getString("eventType");
      boolean typed = et.equals(type.singular() + "." + action);
      boolean generic =
          et.equals("object." + action) && type.typeId().equals(s.getString("objectTypeId"));
      if (!typed && !generic) {
        continue;
      }
      if ("propertyChange".equals(action) && !s.getString("propertyName").equals(property)) {
        continue;
      }
      out.add(s.copy());
    }
    return out;
  }

  private static long parse(String id) {
    try {
      return Long.parseLong(id.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}

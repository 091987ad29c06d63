package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One webhook subscription with its delivery health: the ban counter of failed first attempts, the
 * ban end, and the start of the current run of failures (for deletion after 3 days). Mutable;
 * callers hold the company's lock.
 */
final class Webhook {

  final long id;
  final long companyId;
  final long ownerId;
  final String name;
  final String subscriptionUrl;
  final String eventAction;
  final String eventObject;
  final String httpAuthUser;
  final String httpAuthPassword;
  final String version;
  final Instant addTime;
  int banCounter;
  Instant bannedUntil;
  Instant failingSince;
  Instant lastDeliveryTime;
  Integer lastHttpStatus;
  Instant removeTime;
  String removeReason;

  Webhook(long id, long companyId, long ownerId, JsonObject body, Instant now) {
    this.id = id;
    this.companyId = companyId;
    this.ownerId = ownerId;
    this.name = body.getString("name");
    this.subscriptionUrl = body.getString("subscription_url");
    this.eventAction = body.getString("event_action");
    this.eventObject = body.getString("event_object");
    this.httpAuthUser = body.getString("http_auth_user");
    this.httpAuthPassword = body.getString("http_auth_password");
    this.version = body.getString("version", "2.0");
    this.addTime = now;
  }

  boolean active() {
    return removeTime == null;
  }

  boolean matches(String action, String entity) {
    return active()
        && ("*".equals(eventAction) || eventAction.equals(action))
        && ("*".equals(eventObject) || eventObject.equals(entity));
  }

  JsonObject toV1() {
    return new JsonObject()
        .put("id", id)
        .put("company_id", companyId)
        .put("owner_id", ownerId)
        .put("user_id", ownerId)
        .put("event_action", eventAction)
        .put("event_object", eventObject)
        .put("subscription_url", subscriptionUrl)
        .put("version", version)
        .put("is_active", active() ? 1 : 0)
        .put("add_time", Times.v1(addTime))
        .put("remove_time", removeTime == null ? null : Times.v1(removeTime))
        .put("type", "general")
        .put("http_auth_user", httpAuthUser)
        .put("http_auth_password", httpAuthPassword == null ? null : "******")
        .put("remove_reason", removeReason)
        .put("last_delivery_time", lastDeliveryTime == null ? null : Times.v1(lastDeliveryTime))
        .put("last_http_status", lastHttpStatus)
        .put("admin_id", ownerId)
        .put("name", name);
  }
}

package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** HubSpot's 401 and 403 bodies for CRM calls. */
final class AuthErrors {

  private AuthErrors() {}

  static HubSpotError missing() {
    return new HubSpotError(
        401,
        "INVALID_AUTHENTICATION",
        "Authentication credentials not found. This API supports both API Key and OAuth 2.0"
            + " authentication and you can find more details at"
            + " https://developers.hubspot.com/docs/methods/auth/oauth-overview",
        null,
        null,
        null,
        null);
  }

  static HubSpotError invalid() {
    return new HubSpotError(
        401,
        "INVALID_AUTHENTICATION",
        "Authentication credentials not found. This API supports both API Key and OAuth 2.0"
            + " authentication and you can find more details at"
            + " https://developers.hubspot.com/docs/methods/auth/oauth-overview",
        null,
        null,
        null,
        null);
  }

  static HubSpotError expired(Instant expiredAt, Instant now) {
    long ago = Math.max(0, (now.toEpochMilli() - expiredAt.toEpochMilli()) / 1000);
    return new HubSpotError(
        401,
        "EXPIRED_AUTHENTICATION",
        "The OAuth token used to make this call expired " + ago + " second(s) ago.",
        null,
        new JsonObject().put("expire time", new JsonArray().add(HubSpotTime.format(expiredAt))),
        null,
        null);
  }

  static HubSpotError missingScopes(String scope) {
    return new HubSpotError(
        403,
        "MISSING_SCOPES",
        "This app hasn't been granted all required scopes to make this call. Read more about"
            + " required scopes here: https://developers.hubspot.com/scopes.",
        null,
        null,
        new JsonArray()
            .add(
                new JsonObject()
                    .put("message", "One or more of the following scopes are required.")
                    .put(
                        "context",
                        new JsonObject()
                            .put("requiredGranularScopes", new JsonArray().add(scope)))),
        new JsonObject().put("scopes", "https://developers.hubspot.com/scopes"));
  }
}

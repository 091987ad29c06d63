package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;

/**
 * HubSpot's account information API, {@code GET /account-info/v3/details} and its dated twin {@code
 * GET /account-info/2026-03/details}: the account the calling token belongs to. HubSpot documents
 * the response as {@code portalId}, {@code accountType} (STANDARD, DEVELOPER_TEST, SANDBOX,
 * APP_DEVELOPER), {@code timeZone}, {@code companyCurrency}, {@code additionalCurrencies}, {@code
 * utcOffset}, {@code utcOffsetMilliseconds}, {@code uiDomain} and {@code dataHostingLocation}. The
 * portal comes from the token (the {@link ApiGate} already authenticated it), never from the
 * request: that is what lets a connector prove which account a token opens.
 */
final class AccountInfoRoutes {

  void mount(Router r) {
    for (String version : new String[] {"v3", "2026-03"}) {
      r.get("/account-info/" + version + "/details")
          .handler(ctx -> Http.answer(ctx, c -> new Http.Reply(200, details(Http.principal(c)))));
    }
  }

  static JsonObject details(Principal p) {
    return new JsonObject()
        .put("portalId", p.portal().id())
        .put("accountType", "STANDARD")
        .put("timeZone", "US/Eastern")
        .put("companyCurrency", "USD")
        .put("additionalCurrencies", new JsonArray())
        .put("utcOffset", "-05:00")
        .put("utcOffsetMilliseconds", -18_000_000L)
        .put("uiDomain", "app.hubspot.com")
        .put("dataHostingLocation", "na1");
  }
}

package com.queast.gateway.sandbox.hubspot;

import java.util.Set;

/**
 * Who is calling the CRM API: an OAuth app installed in a portal, or a portal's private app.
 *
 * @param portal the portal
 * @param appId the app id (the private app's id for private-app tokens)
 * @param scopes granted scopes
 * @param privateApp true for private-app (static) tokens
 * @param tier rate tier that applies
 */
public record Principal(
    Portal portal, long appId, Set<String> scopes, boolean privateApp, RateTier tier) {

  /**
   * Rate-limit key: limits apply per app per portal.
   *
   * @return key
   */
  public String limitKey() {
    return appId + ":" + portal.id();
  }
}

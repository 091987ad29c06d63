package com.queast.gateway.connector.hubspot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.queast.gateway.connector.ConnectorOptions;
import io.vertx.core.json.JsonObject;

/**
 * The HubSpot connector's options, bound from the {@code connectors.hubspot} section of the
 * configuration (defaults in {@code conf/gateway.yaml}, documented in {@code
 * docs/configuration.md}).
 *
 * @param apiUrl API base URL
 * @param authUrl authorize page base URL
 * @param apiVersion {@code 2026-03} (dated paths) or {@code v3} (legacy paths)
 * @param clientId OAuth app id
 * @param clientSecret OAuth app secret (also signs webhooks)
 * @param appId app id (webhook subscriptions, echo detection)
 * @param redirectUrl OAuth redirect
 * @param requestsPerWindow published requests per portal per window
 * @param windowMs the rolling window
 * @param pacingHeadroom share of the limit the gateway uses
 * @param searchPerSecond search limit
 * @param webhookTargetUrl where HubSpot posts events (signed as the request URI)
 * @param developerApiKey developer key for the app webhook API, empty for none
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record HubSpotOptions(
    String apiUrl,
    String authUrl,
    String apiVersion,
    String clientId,
    String clientSecret,
    String appId,
    String redirectUrl,
    int requestsPerWindow,
    long windowMs,
    double pacingHeadroom,
    int searchPerSecond,
    String webhookTargetUrl,
    String developerApiKey) {

  /**
   * Binds the connector's configuration section.
   *
   * @param section the {@code connectors.hubspot} object
   * @return the options
   * @throws IllegalArgumentException naming the key when one is unknown or wrongly typed
   */
  public static HubSpotOptions from(JsonObject section) {
    return ConnectorOptions.bind("hubspot", section, HubSpotOptions.class);
  }
}

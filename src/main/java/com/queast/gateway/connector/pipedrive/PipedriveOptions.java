package com.queast.gateway.connector.pipedrive;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.queast.gateway.connector.ConnectorOptions;
import io.vertx.core.json.JsonObject;

/**
 * The Pipedrive connector's options, bound from the {@code connectors.pipedrive} section of the
 * configuration (defaults in {@code conf/gateway.yaml}, documented in {@code
 * docs/configuration.md}).
 *
 * @param authUrl OAuth server
 * @param clientId OAuth app id
 * @param clientSecret OAuth app secret
 * @param redirectUrl OAuth redirect
 * @param planMultiplier daily budget multiplier (per connection overridable)
 * @param seats seats (per connection overridable)
 * @param pacingHeadroom share of the limits the gateway uses
 * @param webhookTargetUrl where Pipedrive posts events
 * @param apiDomainPattern the only API base URLs a token is sent to (regular expression)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record PipedriveOptions(
    String authUrl,
    String clientId,
    String clientSecret,
    String redirectUrl,
    int planMultiplier,
    int seats,
    double pacingHeadroom,
    String webhookTargetUrl,
    String apiDomainPattern) {

  /**
   * Binds the connector's configuration section.
   *
   * @param section the {@code connectors.pipedrive} object
   * @return the options
   * @throws IllegalArgumentException naming the key when one is unknown or wrongly typed
   */
  public static PipedriveOptions from(JsonObject section) {
    return ConnectorOptions.bind("pipedrive", section, PipedriveOptions.class);
  }
}

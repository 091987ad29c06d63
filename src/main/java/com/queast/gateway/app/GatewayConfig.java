package com.queast.gateway.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Typed view of {@code conf/gateway.yaml} after environment overrides. One record per section;
 * every field has its default in the YAML file, so nothing here is ever null.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record GatewayConfig(
    Http http,
    Pg pg,
    Admin admin,
    Vault vault,
    Queue queue,
    Delivery delivery,
    Hubspot hubspot,
    Pipedrive pipedrive,
    Queast queast,
    Inbound inbound,
    Sandbox sandbox) {

  /** HTTP server settings. */
  public record Http(String host, int port, long maxBodyBytes) {}

  /**
   * Postgres settings; {@code url} is a {@code postgresql://} URL used for migrations, {@code
   * appUrl} the role the gateway works as (empty = {@code url}).
   */
  public record Pg(String url, String appUrl, int poolSize, boolean createDatabase) {}

  /** Admin bearer token for {@code /v1}. */
  public record Admin(String token) {}

  /**
   * Credential vault: the current key (base64, 32 bytes) and its id, older keys kept for decryption
   * only ({@code id:base64,...}), and development mode (derive a key from the admin token when none
   * is set; never in production).
   */
  public record Vault(String key, String keyId, String previousKeys, boolean dev) {}

  /** Job queue tuning. */
  public record Queue(
      String workerId,
      long pollIntervalMs,
      long leaseMs,
      long rescueIntervalMs,
      int maxAttempts,
      long backoffBaseMs,
      long backoffMaxMs,
      int completedRetentionHours,
      long listenReconnectMinMs,
      long listenReconnectMaxMs,
      long dependencyMaxWaitMs) {}

  /** Delivery verticle tuning. */
  public record Delivery(int concurrentLanes, int maxBatch, int batchesInFlight) {}

  /** HubSpot app and pacing settings. */
  public record Hubspot(
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
      String developerApiKey) {}

  /** Pipedrive app and pacing settings. */
  public record Pipedrive(
      String authUrl,
      String clientId,
      String clientSecret,
      String redirectUrl,
      int planMultiplier,
      int seats,
      double pacingHeadroom,
      String webhookTargetUrl,
      String apiDomainPattern) {}

  /**
   * CRM webhooks and incremental pulls.
   *
   * @param maxBodyBytes largest webhook body accepted (413 above)
   * @param pullIntervalMs how often each connection pulls the records changed since its last pull
   *     (0 = never)
   * @param reconcileIntervalMs how often each connection lists its whole CRM again to find records
   *     deleted without a webhook (0 = never)
   */
  public record Inbound(
      long maxBodyBytes,
      long pullIntervalMs,
      long reconcileIntervalMs,
      int poolSize,
      int maxInFlight,
      long acquireTimeoutMs,
      long answerWithinMs,
      int retryAfterSeconds) {}

  /** Queast's own API (bookmarks). */
  public record Queast(String apiUrl, String apiToken) {}

  /** Default ports of the local CRM sandboxes. */
  public record Sandbox(int hubspotPort, int pipedrivePort, int queastPort) {}
}

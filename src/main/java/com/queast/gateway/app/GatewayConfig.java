package com.queast.gateway.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * Typed view of {@code conf/gateway.yaml} after environment overrides. One record per section;
 * every field has its default in the YAML file, so nothing here is ever null. The {@code
 * connectors} section is data: each connector gets its own {@code connectors.<crm>} object and
 * binds it itself, so this class names no CRM.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record GatewayConfig(
    Http http,
    Pg pg,
    Admin admin,
    Vault vault,
    Queue queue,
    Delivery delivery,
    Map<String, Map<String, Object>> connectors,
    Queast queast,
    Inbound inbound) {

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
}

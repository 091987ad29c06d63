package com.queast.gateway.sandbox.hubspot;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.function.Function;

/** Maps one {@code --flag value} of the sandbox CLI onto {@link HubSpotSandboxOptions}. */
final class FlagReader {

  private FlagReader() {}

  static Function<HubSpotSandboxOptions, HubSpotSandboxOptions> apply(String key, String v) {
    String k = key.replaceFirst("^-+", "");
    return switch (k) {
      case "host" -> o -> OptionsCopy.of(o).host(v);
      case "port" -> o -> OptionsCopy.of(o).port(Integer.parseInt(v));
      case "app-id" -> o -> OptionsCopy.of(o).appId(Long.parseLong(v));
      case "client-id" -> o -> OptionsCopy.of(o).clientId(v);
      case "client-secret" -> o -> OptionsCopy.of(o).clientSecret(v);
      case "app-scopes" ->
          o ->
              OptionsCopy.of(o)
                  .appScopes(new LinkedHashSet<>(Arrays.asList(v.trim().split("[\\s,]+"))));
      case "developer-api-key" -> o -> OptionsCopy.of(o).developerApiKey(v);
      case "oauth-tier" -> o -> OptionsCopy.of(o).oauthTier(RateTier.parse(v));
      case "private-app-tier" -> o -> OptionsCopy.of(o).privateAppTier(RateTier.parse(v));
      case "search-per-second" -> o -> OptionsCopy.of(o).searchPerSecond(Integer.parseInt(v));
      case "search-indexing-delay-ms" ->
          o -> OptionsCopy.of(o).searchIndexingDelayMs(Long.parseLong(v));
      case "unique-conflict-status" ->
          o -> OptionsCopy.of(o).uniqueConflictStatus(Integer.parseInt(v));
      case "retry-after-on-429" -> o -> OptionsCopy.of(o).retryAfterOn429(Boolean.parseBoolean(v));
      case "rotate-refresh-tokens" ->
          o -> OptionsCopy.of(o).rotateRefreshTokens(Boolean.parseBoolean(v));
      case "access-token-ttl-seconds" ->
          o -> OptionsCopy.of(o).accessTokenTtl(Duration.ofSeconds(Long.parseLong(v)));
      case "auto-consent" -> o -> OptionsCopy.of(o).autoConsent(Boolean.parseBoolean(v));
      case "webhook-time-compression" ->
          o -> OptionsCopy.of(o).webhookTimeCompression(Double.parseDouble(v));
      case "webhook-batch-window-ms" ->
          o -> OptionsCopy.of(o).webhookBatchWindowMs(Long.parseLong(v));
      case "webhook-timeout-ms" -> o -> OptionsCopy.of(o).webhookTimeoutMs(Long.parseLong(v));
      case "webhook-legacy-signature" -> o -> OptionsCopy.of(o).webhookLegacySignature(v);
      case "webhook-sign-v3" -> o -> OptionsCopy.of(o).webhookSignV3(Boolean.parseBoolean(v));
      default -> throw new IllegalArgumentException("unknown HubSpot sandbox flag: " + key);
    };
  }
}

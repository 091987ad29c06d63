package com.queast.gateway.sandbox.hubspot;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything configurable about the HubSpot sandbox. {@link #defaults()} gives the documented
 * HubSpot behaviour on port 8091; {@link #builder()} changes single settings; {@link
 * #fromFlags(Map)} reads {@code key=value} flags (for the {@code sandbox} CLI).
 *
 * @param host bind address
 * @param port listen port, 0 for a random free port
 * @param appId the OAuth app's id
 * @param clientId the OAuth app's client id
 * @param clientSecret the OAuth app's client secret (also the webhook signing key)
 * @param appScopes scopes the OAuth app requires (granted on install)
 * @param developerApiKey developer API key ({@code hapikey}) for the webhook management API
 * @param oauthTier rate tier of OAuth apps (110 / 10 s, no daily limit)
 * @param privateAppTier default rate tier of private apps (Free/Starter 100 / 10 s, 250k / day)
 * @param searchPerSecond search requests per second per app and portal
 * @param searchIndexingDelayMs how long a write takes to become visible to search
 * @param maxFilterGroups search limit on filter groups
 * @param maxFiltersPerGroup search limit on filters per group
 * @param maxFiltersTotal search limit on filters overall
 * @param listMaxLimit largest page of the list endpoints (larger limits are clamped)
 * @param uniqueConflictStatus status for a duplicate value of a custom unique property: 409
 *     (CONFLICT, like email) or 400 (VALIDATION_ERROR, as seen in a third-party fixture)
 * @param retryAfterOn429 whether 429s carry {@code Retry-After} (HubSpot does not document it)
 * @param rotateRefreshTokens whether a refresh returns a new refresh token (and retires the old)
 * @param accessTokenTtl lifetime of OAuth access tokens
 * @param authCodeTtl lifetime of authorization codes
 * @param autoConsent whether {@code /oauth/authorize} approves without showing the consent page
 * @param webhookTimeCompression divisor applied to the webhook retry schedule (60 = a minute
 *     becomes a second)
 * @param webhookRetrySchedule delays before retries 1..n (HubSpot: up to 10 over 24 h)
 * @param webhookBatchWindowMs how long events wait to be batched together
 * @param webhookMaxBatch most events per webhook request
 * @param webhookTimeoutMs webhook request timeout
 * @param webhookLegacySignature {@code v1}, {@code v2} or {@code none}: the {@code
 *     X-HubSpot-Signature} sent next to v3
 * @param webhookSignV3 whether to send {@code X-HubSpot-Signature-v3}
 * @param requestLogCapacity how many requests the admin log keeps
 * @param clock time source for tokens, windows and timestamps
 */
public record HubSpotSandboxOptions(
    String host,
    int port,
    long appId,
    String clientId,
    String clientSecret,
    Set<String> appScopes,
    String developerApiKey,
    RateTier oauthTier,
    RateTier privateAppTier,
    int searchPerSecond,
    long searchIndexingDelayMs,
    int maxFilterGroups,
    int maxFiltersPerGroup,
    int maxFiltersTotal,
    int listMaxLimit,
    int uniqueConflictStatus,
    boolean retryAfterOn429,
    boolean rotateRefreshTokens,
    Duration accessTokenTtl,
    Duration authCodeTtl,
    boolean autoConsent,
    double webhookTimeCompression,
    List<Duration> webhookRetrySchedule,
    long webhookBatchWindowMs,
    int webhookMaxBatch,
    long webhookTimeoutMs,
    String webhookLegacySignature,
    boolean webhookSignV3,
    int requestLogCapacity,
    Clock clock) {

  /** HubSpot's documented default port for this sandbox. */
  public static final int DEFAULT_PORT = 8091;

  /**
   * Ten retries spread over about 24 hours. HubSpot documents "up to 10 times ... over the next 24
   * hours, with varying delays" but not the exact delays: this schedule is an approximation.
   */
  public static final List<Duration> DEFAULT_RETRY_SCHEDULE =
      List.of(
          Duration.ofMinutes(1),
          Duration.ofMinutes(2),
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          Duration.ofHours(2),
          Duration.ofHours(4),
          Duration.ofHours(8),
          Duration.ofHours(8));

  /**
   * The documented defaults.
   *
   * @return options
   */
  public static HubSpotSandboxOptions defaults() {
    return builder().build();
  }

  /**
   * A builder preloaded with the defaults.
   *
   * @return builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder preloaded with these options.
   *
   * @return builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.o = this;
    return b;
  }

  /**
   * Reads flags by name (without leading dashes). Known keys: {@code host, port, app-id, client-id,
   * client-secret, app-scopes} (space or comma separated), {@code developer-api-key, oauth-tier,
   * private-app-tier} (a tier name or {@code N/10s,M/day}), {@code search-per-second,
   * search-indexing-delay-ms, unique-conflict-status, retry-after-on-429, rotate-refresh-tokens,
   * access-token-ttl-seconds, auto-consent, webhook-time-compression, webhook-batch-window-ms,
   * webhook-timeout-ms, webhook-legacy-signature, webhook-sign-v3}.
   *
   * @param flags flag values
   * @return options
   * @throws IllegalArgumentException on an unknown key or unreadable value
   */
  public static HubSpotSandboxOptions fromFlags(Map<String, String> flags) {
    Builder b = builder();
    flags.forEach(b::flag);
    return b.build();
  }

  /** Changes single settings of {@link HubSpotSandboxOptions}. */
  public static final class Builder {
    private HubSpotSandboxOptions o =
        new HubSpotSandboxOptions(
            "127.0.0.1",
            DEFAULT_PORT,
            1160452L,
            "sandbox-client-id",
            "sandbox-client-secret",
            Set.of(
                "oauth",
                "crm.objects.companies.read",
                "crm.objects.companies.write",
                "crm.objects.contacts.read",
                "crm.objects.contacts.write",
                "crm.schemas.companies.read",
                "crm.schemas.companies.write",
                "crm.schemas.contacts.read",
                "crm.schemas.contacts.write"),
            "sandbox-developer-api-key",
            new RateTier("OAUTH", 110, 0),
            RateTier.FREE_STARTER,
            5,
            0,
            5,
            6,
            18,
            100,
            409,
            false,
            false,
            Duration.ofSeconds(1800),
            Duration.ofMinutes(10),
            false,
            1.0,
            DEFAULT_RETRY_SCHEDULE,
            100,
            100,
            5000,
            "v1",
            true,
            1000,
            Clock.systemUTC());

    private Builder() {}

    /**
     * Applies a change to the options being built (every record component can be set this way, e.g.
     * {@code b.with(o -> o.withPort(0))}).
     *
     * @param change function from the current options to new ones
     * @return this
     */
    public Builder with(Function<HubSpotSandboxOptions, HubSpotSandboxOptions> change) {
      o = change.apply(o);
      return this;
    }

    /**
     * Sets the port (0 = random).
     *
     * @param port port
     * @return this
     */
    public Builder port(int port) {
      return with(x -> OptionsCopy.of(x).port(port));
    }

    /**
     * Sets any option by its flag name (see {@link HubSpotSandboxOptions#fromFlags(Map)}), e.g.
     * {@code flag("access-token-ttl-seconds", "60")}.
     *
     * @param key flag name without dashes
     * @param value flag value
     * @return this
     * @throws IllegalArgumentException on an unknown key or unreadable value
     */
    public Builder flag(String key, String value) {
      try {
        return with(FlagReader.apply(key, value));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad value for " + key + ": " + value, e);
      }
    }

    /**
     * Sets the access-token lifetime.
     *
     * @param ttl lifetime
     * @return this
     */
    public Builder accessTokenTtl(Duration ttl) {
      return with(x -> OptionsCopy.of(x).accessTokenTtl(ttl));
    }

    /**
     * Sends or omits {@code Retry-After} on 429s.
     *
     * @param on whether to send it
     * @return this
     */
    public Builder retryAfterOn429(boolean on) {
      return with(x -> OptionsCopy.of(x).retryAfterOn429(on));
    }

    /**
     * Sets the clock.
     *
     * @param clock clock
     * @return this
     */
    public Builder clock(Clock clock) {
      return with(x -> OptionsCopy.of(x).clock(clock));
    }

    /**
     * Sets the OAuth app's rate tier.
     *
     * @param perTenSeconds requests per rolling 10 s
     * @return this
     */
    public Builder oauthPerTenSeconds(int perTenSeconds) {
      return with(x -> OptionsCopy.of(x).oauthTier(new RateTier("OAUTH", perTenSeconds, 0)));
    }

    /**
     * Sets the default private-app tier.
     *
     * @param tier tier
     * @return this
     */
    public Builder privateAppTier(RateTier tier) {
      return with(x -> OptionsCopy.of(x).privateAppTier(tier));
    }

    /**
     * Sets the search rate.
     *
     * @param perSecond searches per second
     * @return this
     */
    public Builder searchPerSecond(int perSecond) {
      return with(x -> OptionsCopy.of(x).searchPerSecond(perSecond));
    }

    /**
     * Sets the search indexing delay.
     *
     * @param ms delay in ms
     * @return this
     */
    public Builder searchIndexingDelayMs(long ms) {
      return with(x -> OptionsCopy.of(x).searchIndexingDelayMs(ms));
    }

    /**
     * Turns refresh-token rotation on or off.
     *
     * @param rotate whether refresh returns a new refresh token
     * @return this
     */
    public Builder rotateRefreshTokens(boolean rotate) {
      return with(x -> OptionsCopy.of(x).rotateRefreshTokens(rotate));
    }

    /**
     * Turns auto-consent on or off.
     *
     * @param auto whether authorize approves at once
     * @return this
     */
    public Builder autoConsent(boolean auto) {
      return with(x -> OptionsCopy.of(x).autoConsent(auto));
    }

    /**
     * Sets the webhook retry time compression.
     *
     * @param factor divisor of the retry delays
     * @return this
     */
    public Builder webhookTimeCompression(double factor) {
      return with(x -> OptionsCopy.of(x).webhookTimeCompression(factor));
    }

    /**
     * Sets the webhook batching window.
     *
     * @param ms window in ms
     * @return this
     */
    public Builder webhookBatchWindowMs(long ms) {
      return with(x -> OptionsCopy.of(x).webhookBatchWindowMs(ms));
    }

    /**
     * Sets the status of unique-property conflicts.
     *
     * @param status 409 or 400
     * @return this
     */
    public Builder uniqueConflictStatus(int status) {
      return with(x -> OptionsCopy.of(x).uniqueConflictStatus(status));
    }

    /**
     * The options.
     *
     * @return options
     */
    public HubSpotSandboxOptions build() {
      if (o.port < 0 || o.port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535");
      }
      if (o.webhookTimeCompression <= 0) {
        throw new IllegalArgumentException("webhook-time-compression must be > 0");
      }
      if (o.uniqueConflictStatus != 409 && o.uniqueConflictStatus != 400) {
        throw new IllegalArgumentException("unique-conflict-status must be 409 or 400");
      }
      if (!Arrays.asList("v1", "v2", "none").contains(o.webhookLegacySignature)) {
        throw new IllegalArgumentException("webhook-legacy-signature must be v1, v2 or none");
      }
      return o;
    }
  }
}

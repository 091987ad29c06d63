package com.queast.gateway.sandbox.pipedrive;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Configuration of the Pipedrive sandbox. {@link #defaults()} gives the values a local run wants
 * (port 8092, Growth plan with 5 seats, 3599-second tokens, the abuse 403 on); tests usually take
 * {@code defaults().toBuilder().port(0).clock(testClock).build()}. Facts the vendor notes leave
 * open are options here rather than guesses (see {@code docs/sandboxes.md}).
 *
 * @param host interface to bind and to advertise in {@code apiDomain}
 * @param port TCP port; 0 picks a free one
 * @param clientId OAuth app client id
 * @param clientSecret OAuth app client secret
 * @param oauthScope the scope string returned with OAuth tokens (comma-separated)
 * @param oauthAutoConsent approve {@code /oauth/authorize} without showing the consent page
 * @param plan plan of new companies
 * @param seats seats of new companies
 * @param accessTokenLifetime OAuth access token lifetime ({@code expires_in})
 * @param authorizationCodeTtl OAuth authorization code lifetime
 * @param burstWindow the rolling burst window (2 s)
 * @param searchBurst search requests allowed per burst window and token
 * @param abuse403 whether clients that keep sending after 429s get the Cloudflare-like 403 page
 * @param abuse403ForOAuth whether the 403 also applies to OAuth traffic (the vendor says API tokens
 *     only)
 * @param abuseThreshold429 consecutive 429s of one token after which further requests get 403
 * @param abuseBlock how long the 403 lasts once triggered
 * @param budgetZone time zone of the daily budget reset (the vendor's server zone is unknown)
 * @param legacyDailyWriteCap value the {@code x-daily-requests-left} header counts down from
 * @param webhookTimeCompression divides webhook retry delays, the ban period and the 3-day deletion
 *     window (1 = real time)
 * @param webhookTimeout timeout of one webhook delivery
 * @param webhooksPerUser webhooks allowed per user (40)
 * @param unknownCustomFields what to do with a custom-field key the company does not have
 * @param rejectUnknownBodyFields whether v2 bodies with unknown top-level keys get a 400
 * @param searchIndexDelay how long after a write a record becomes findable by search
 * @param requestLogSize requests kept in the admin request log
 * @param clock time source for tokens, budgets, windows, timestamps and webhook bans
 */
public record PipedriveSandboxOptions(
    String host,
    int port,
    String clientId,
    String clientSecret,
    String oauthScope,
    boolean oauthAutoConsent,
    Plan plan,
    int seats,
    Duration accessTokenLifetime,
    Duration authorizationCodeTtl,
    Duration burstWindow,
    int searchBurst,
    boolean abuse403,
    boolean abuse403ForOAuth,
    int abuseThreshold429,
    Duration abuseBlock,
    ZoneId budgetZone,
    int legacyDailyWriteCap,
    double webhookTimeCompression,
    Duration webhookTimeout,
    int webhooksPerUser,
    UnknownCustomFields unknownCustomFields,
    boolean rejectUnknownBodyFields,
    Duration searchIndexDelay,
    int requestLogSize,
    Clock clock) {

  /** Default port of the Pipedrive sandbox. */
  public static final int DEFAULT_PORT = 8092;

  /** What a write naming a custom-field key unknown to the company gets. */
  public enum UnknownCustomFields {
    /** 400 validation error naming the key. */
    REJECT,
    /** Silently dropped, as the vendor documents for deleted fields. */
    IGNORE
  }

  /** Validates the values. */
  public PipedriveSandboxOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(budgetZone, "budgetZone");
    Objects.requireNonNull(unknownCustomFields, "unknownCustomFields");
    if (port < 0 || port > 65_535 || seats < 1 || webhookTimeCompression <= 0) {
      throw new IllegalArgumentException("port, seats or webhookTimeCompression out of range");
    }
  }

  /**
   * The defaults for a local run.
   *
   * @return options on port 8092
   */
  public static PipedriveSandboxOptions defaults() {
    return new PipedriveSandboxOptionsBuilder().build();
  }

  /**
   * A builder starting from these values.
   *
   * @return a builder
   */
  public PipedriveSandboxOptionsBuilder toBuilder() {
    return new PipedriveSandboxOptionsBuilder(this);
  }
}

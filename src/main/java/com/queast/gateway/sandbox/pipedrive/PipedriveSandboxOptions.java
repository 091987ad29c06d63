package com.queast.gateway.sandbox.pipedrive;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Configuration of the Pipedrive sandbox. {@link #defaults()} gives the values a local run wants
 * (port 8092, Growth plan with 5 seats, 3599-second tokens, the abuse 403 on); tests usually take
 * {@code defaults().toBuilder().port(0).clock(testClock).build()}. Facts the vendor notes leave
 * open are options here rather than guesses (see {@code docs/sandboxes-pipedrive.md}).
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
    return new Builder().build();
  }

  /**
   * A builder starting from these values.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Mutable builder of {@link PipedriveSandboxOptions}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = DEFAULT_PORT;
    private String clientId = "pipedrive-sandbox-client";
    private String clientSecret = "pipedrive-sandbox-secret";
    private String oauthScope = "base,contacts:full,activities:full,search:read,admin";
    private boolean oauthAutoConsent;
    private Plan plan = Plan.GROWTH;
    private int seats = 5;
    private Duration accessTokenLifetime = Duration.ofSeconds(3599);
    private Duration authorizationCodeTtl = Duration.ofMinutes(5);
    private Duration burstWindow = Duration.ofSeconds(2);
    private int searchBurst = 10;
    private boolean abuse403 = true;
    private boolean abuse403ForOAuth;
    private int abuseThreshold429 = 10;
    private Duration abuseBlock = Duration.ofMinutes(1);
    private ZoneId budgetZone = ZoneId.of("UTC");
    private int legacyDailyWriteCap = 10_000;
    private double webhookTimeCompression = 1.0;
    private Duration webhookTimeout = Duration.ofSeconds(10);
    private int webhooksPerUser = 40;
    private UnknownCustomFields unknownCustomFields = UnknownCustomFields.REJECT;
    private boolean rejectUnknownBodyFields = true;
    private Duration searchIndexDelay = Duration.ZERO;
    private int requestLogSize = 1000;
    private Clock clock = Clock.systemUTC();

    /** Starts from the defaults. */
    public Builder() {}

    private Builder(PipedriveSandboxOptions o) {
      host = o.host;
      port = o.port;
      clientId = o.clientId;
      clientSecret = o.clientSecret;
      oauthScope = o.oauthScope;
      oauthAutoConsent = o.oauthAutoConsent;
      plan = o.plan;
      seats = o.seats;
      accessTokenLifetime = o.accessTokenLifetime;
      authorizationCodeTtl = o.authorizationCodeTtl;
      burstWindow = o.burstWindow;
      searchBurst = o.searchBurst;
      abuse403 = o.abuse403;
      abuse403ForOAuth = o.abuse403ForOAuth;
      abuseThreshold429 = o.abuseThreshold429;
      abuseBlock = o.abuseBlock;
      budgetZone = o.budgetZone;
      legacyDailyWriteCap = o.legacyDailyWriteCap;
      webhookTimeCompression = o.webhookTimeCompression;
      webhookTimeout = o.webhookTimeout;
      webhooksPerUser = o.webhooksPerUser;
      unknownCustomFields = o.unknownCustomFields;
      rejectUnknownBodyFields = o.rejectUnknownBodyFields;
      searchIndexDelay = o.searchIndexDelay;
      requestLogSize = o.requestLogSize;
      clock = o.clock;
    }

    /**
     * Sets the bind host.
     *
     * @param v host
     * @return this
     */
    public Builder host(String v) {
      host = v;
      return this;
    }

    /**
     * Sets the port (0 = random).
     *
     * @param v port
     * @return this
     */
    public Builder port(int v) {
      port = v;
      return this;
    }

    /**
     * Sets the OAuth app credentials.
     *
     * @param id client id
     * @param secret client secret
     * @return this
     */
    public Builder oauthClient(String id, String secret) {
      clientId = id;
      clientSecret = secret;
      return this;
    }

    /**
     * Sets the scope string of issued tokens.
     *
     * @param v comma-separated scopes
     * @return this
     */
    public Builder oauthScope(String v) {
      oauthScope = v;
      return this;
    }

    /**
     * Approves authorization requests without the consent page.
     *
     * @param v on or off
     * @return this
     */
    public Builder oauthAutoConsent(boolean v) {
      oauthAutoConsent = v;
      return this;
    }

    /**
     * Sets plan and seats of new companies.
     *
     * @param p plan
     * @param s seats
     * @return this
     */
    public Builder plan(Plan p, int s) {
      plan = p;
      seats = s;
      return this;
    }

    /**
     * Sets the OAuth access token lifetime.
     *
     * @param v lifetime
     * @return this
     */
    public Builder accessTokenLifetime(Duration v) {
      accessTokenLifetime = v;
      return this;
    }

    /**
     * Sets the OAuth authorization code lifetime.
     *
     * @param v lifetime
     * @return this
     */
    public Builder authorizationCodeTtl(Duration v) {
      authorizationCodeTtl = v;
      return this;
    }

    /**
     * Sets the burst window and the search burst limit.
     *
     * @param window rolling window
     * @param search search requests per window
     * @return this
     */
    public Builder burst(Duration window, int search) {
      burstWindow = window;
      searchBurst = search;
      return this;
    }

    /**
     * Configures the abuse 403.
     *
     * @param enabled serve it at all
     * @param forOAuth also to OAuth tokens
     * @param threshold consecutive 429s before it starts
     * @param block how long it lasts
     * @return this
     */
    public Builder abuse403(boolean enabled, boolean forOAuth, int threshold, Duration block) {
      abuse403 = enabled;
      abuse403ForOAuth = forOAuth;
      abuseThreshold429 = threshold;
      abuseBlock = block;
      return this;
    }

    /**
     * Sets the zone of the daily budget reset.
     *
     * @param v zone
     * @return this
     */
    public Builder budgetZone(ZoneId v) {
      budgetZone = v;
      return this;
    }

    /**
     * Sets the cap the {@code x-daily-requests-left} header counts down from.
     *
     * @param v cap
     * @return this
     */
    public Builder legacyDailyWriteCap(int v) {
      legacyDailyWriteCap = v;
      return this;
    }

    /**
     * Sets the webhook time compression and delivery timeout.
     *
     * @param compression factor dividing retry delays, ban and deletion windows
     * @param timeout delivery timeout
     * @return this
     */
    public Builder webhooks(double compression, Duration timeout) {
      webhookTimeCompression = compression;
      webhookTimeout = timeout;
      return this;
    }

    /**
     * Sets the webhooks allowed per user.
     *
     * @param v limit
     * @return this
     */
    public Builder webhooksPerUser(int v) {
      webhooksPerUser = v;
      return this;
    }

    /**
     * Sets the policy for unknown custom-field keys.
     *
     * @param v policy
     * @return this
     */
    public Builder unknownCustomFields(UnknownCustomFields v) {
      unknownCustomFields = v;
      return this;
    }

    /**
     * Whether v2 bodies with unknown top-level keys are rejected.
     *
     * @param v on or off
     * @return this
     */
    public Builder rejectUnknownBodyFields(boolean v) {
      rejectUnknownBodyFields = v;
      return this;
    }

    /**
     * Sets the search indexing delay.
     *
     * @param v delay
     * @return this
     */
    public Builder searchIndexDelay(Duration v) {
      searchIndexDelay = v;
      return this;
    }

    /**
     * Sets the request log size.
     *
     * @param v entries kept
     * @return this
     */
    public Builder requestLogSize(int v) {
      requestLogSize = v;
      return this;
    }

    /**
     * Sets the clock.
     *
     * @param v clock
     * @return this
     */
    public Builder clock(Clock v) {
      clock = v;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return options
     */
    public PipedriveSandboxOptions build() {
      return new PipedriveSandboxOptions(
          host,
          port,
          clientId,
          clientSecret,
          oauthScope,
          oauthAutoConsent,
          plan,
          seats,
          accessTokenLifetime,
          authorizationCodeTtl,
          burstWindow,
          searchBurst,
          abuse403,
          abuse403ForOAuth,
          abuseThreshold429,
          abuseBlock,
          budgetZone,
          legacyDailyWriteCap,
          webhookTimeCompression,
          webhookTimeout,
          webhooksPerUser,
          unknownCustomFields,
          rejectUnknownBodyFields,
          searchIndexDelay,
          requestLogSize,
          clock);
    }
  }
}

package com.queast.gateway.sandbox.pipedrive;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/** Mutable builder of {@link PipedriveSandboxOptions}. */
public final class PipedriveSandboxOptionsBuilder {
  private String host = "127.0.0.1";
  private int port = PipedriveSandboxOptions.DEFAULT_PORT;
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
  private PipedriveSandboxOptions.UnknownCustomFields unknownCustomFields =
      PipedriveSandboxOptions.UnknownCustomFields.REJECT;
  private boolean rejectUnknownBodyFields = true;
  private Duration searchIndexDelay = Duration.ZERO;
  private int requestLogSize = 1000;
  private Clock clock = Clock.systemUTC();

  /** Starts from the defaults. */
  public PipedriveSandboxOptionsBuilder() {}

  PipedriveSandboxOptionsBuilder(PipedriveSandboxOptions o) {
    host = o.host();
    port = o.port();
    clientId = o.clientId();
    clientSecret = o.clientSecret();
    oauthScope = o.oauthScope();
    oauthAutoConsent = o.oauthAutoConsent();
    plan = o.plan();
    seats = o.seats();
    accessTokenLifetime = o.accessTokenLifetime();
    authorizationCodeTtl = o.authorizationCodeTtl();
    burstWindow = o.burstWindow();
    searchBurst = o.searchBurst();
    abuse403 = o.abuse403();
    abuse403ForOAuth = o.abuse403ForOAuth();
    abuseThreshold429 = o.abuseThreshold429();
    abuseBlock = o.abuseBlock();
    budgetZone = o.budgetZone();
    legacyDailyWriteCap = o.legacyDailyWriteCap();
    webhookTimeCompression = o.webhookTimeCompression();
    webhookTimeout = o.webhookTimeout();
    webhooksPerUser = o.webhooksPerUser();
    unknownCustomFields = o.unknownCustomFields();
    rejectUnknownBodyFields = o.rejectUnknownBodyFields();
    searchIndexDelay = o.searchIndexDelay();
    requestLogSize = o.requestLogSize();
    clock = o.clock();
  }

  /**
   * Sets the bind host.
   *
   * @param v host
   * @return this
   */
  public PipedriveSandboxOptionsBuilder host(String v) {
    host = v;
    return this;
  }

  /**
   * Sets the port (0 = random).
   *
   * @param v port
   * @return this
   */
  public PipedriveSandboxOptionsBuilder port(int v) {
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
  public PipedriveSandboxOptionsBuilder oauthClient(String id, String secret) {
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
  public PipedriveSandboxOptionsBuilder oauthScope(String v) {
    oauthScope = v;
    return this;
  }

  /**
   * Approves authorization requests without the consent page.
   *
   * @param v on or off
   * @return this
   */
  public PipedriveSandboxOptionsBuilder oauthAutoConsent(boolean v) {
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
  public PipedriveSandboxOptionsBuilder plan(Plan p, int s) {
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
  public PipedriveSandboxOptionsBuilder accessTokenLifetime(Duration v) {
    accessTokenLifetime = v;
    return this;
  }

  /**
   * Sets the OAuth authorization code lifetime.
   *
   * @param v lifetime
   * @return this
   */
  public PipedriveSandboxOptionsBuilder authorizationCodeTtl(Duration v) {
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
  public PipedriveSandboxOptionsBuilder burst(Duration window, int search) {
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
  public PipedriveSandboxOptionsBuilder abuse403(
      boolean enabled, boolean forOAuth, int threshold, Duration block) {
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
  public PipedriveSandboxOptionsBuilder budgetZone(ZoneId v) {
    budgetZone = v;
    return this;
  }

  /**
   * Sets the cap the {@code x-daily-requests-left} header counts down from.
   *
   * @param v cap
   * @return this
   */
  public PipedriveSandboxOptionsBuilder legacyDailyWriteCap(int v) {
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
  public PipedriveSandboxOptionsBuilder webhooks(double compression, Duration timeout) {
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
  public PipedriveSandboxOptionsBuilder webhooksPerUser(int v) {
    webhooksPerUser = v;
    return this;
  }

  /**
   * Sets the policy for unknown custom-field keys.
   *
   * @param v policy
   * @return this
   */
  public PipedriveSandboxOptionsBuilder unknownCustomFields(
      PipedriveSandboxOptions.UnknownCustomFields v) {
    unknownCustomFields = v;
    return this;
  }

  /**
   * Whether v2 bodies with unknown top-level keys are rejected.
   *
   * @param v on or off
   * @return this
   */
  public PipedriveSandboxOptionsBuilder rejectUnknownBodyFields(boolean v) {
    rejectUnknownBodyFields = v;
    return this;
  }

  /**
   * Sets the search indexing delay.
   *
   * @param v delay
   * @return this
   */
  public PipedriveSandboxOptionsBuilder searchIndexDelay(Duration v) {
    searchIndexDelay = v;
    return this;
  }

  /**
   * Sets the request log size.
   *
   * @param v entries kept
   * @return this
   */
  public PipedriveSandboxOptionsBuilder requestLogSize(int v) {
    requestLogSize = v;
    return this;
  }

  /**
   * Sets the clock.
   *
   * @param v clock
   * @return this
   */
  public PipedriveSandboxOptionsBuilder clock(Clock v) {
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

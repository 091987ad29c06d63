package com.queast.gateway.sandbox.hubspot;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * OptionsCopy-with-one-change helper for {@link HubSpotSandboxOptions}: each setter returns a new
 * record equal to the original except for that component.
 */
final class OptionsCopy {

  private String host;
  private int port;
  private long appId;
  private String clientId;
  private String clientSecret;
  private Set<String> appScopes;
  private String developerApiKey;
  private RateTier oauthTier;
  private RateTier privateAppTier;
  private int searchPerSecond;
  private long searchIndexingDelayMs;
  private int maxFilterGroups;
  private int maxFiltersPerGroup;
  private int maxFiltersTotal;
  private int listMaxLimit;
  private int uniqueConflictStatus;
  private boolean retryAfterOn429;
  private boolean rotateRefreshTokens;
  private Duration accessTokenTtl;
  private Duration authCodeTtl;
  private boolean autoConsent;
  private double webhookTimeCompression;
  private List<Duration> webhookRetrySchedule;
  private long webhookBatchWindowMs;
  private int webhookMaxBatch;
  private long webhookTimeoutMs;
  private String webhookLegacySignature;
  private boolean webhookSignV3;
  private int requestLogCapacity;
  private Clock clock;

  private OptionsCopy() {}

  static OptionsCopy of(HubSpotSandboxOptions o) {
    OptionsCopy c = new OptionsCopy();
    c.host = o.host();
    c.port = o.port();
    c.appId = o.appId();
    c.clientId = o.clientId();
    c.clientSecret = o.clientSecret();
    c.appScopes = o.appScopes();
    c.developerApiKey = o.developerApiKey();
    c.oauthTier = o.oauthTier();
    c.privateAppTier = o.privateAppTier();
    c.searchPerSecond = o.searchPerSecond();
    c.searchIndexingDelayMs = o.searchIndexingDelayMs();
    c.maxFilterGroups = o.maxFilterGroups();
    c.maxFiltersPerGroup = o.maxFiltersPerGroup();
    c.maxFiltersTotal = o.maxFiltersTotal();
    c.listMaxLimit = o.listMaxLimit();
    c.uniqueConflictStatus = o.uniqueConflictStatus();
    c.retryAfterOn429 = o.retryAfterOn429();
    c.rotateRefreshTokens = o.rotateRefreshTokens();
    c.accessTokenTtl = o.accessTokenTtl();
    c.authCodeTtl = o.authCodeTtl();
    c.autoConsent = o.autoConsent();
    c.webhookTimeCompression = o.webhookTimeCompression();
    c.webhookRetrySchedule = o.webhookRetrySchedule();
    c.webhookBatchWindowMs = o.webhookBatchWindowMs();
    c.webhookMaxBatch = o.webhookMaxBatch();
    c.webhookTimeoutMs = o.webhookTimeoutMs();
    c.webhookLegacySignature = o.webhookLegacySignature();
    c.webhookSignV3 = o.webhookSignV3();
    c.requestLogCapacity = o.requestLogCapacity();
    c.clock = o.clock();
    return c;
  }

  private HubSpotSandboxOptions build() {
    return new HubSpotSandboxOptions(
        host,
        port,
        appId,
        clientId,
        clientSecret,
        appScopes,
        developerApiKey,
        oauthTier,
        privateAppTier,
        searchPerSecond,
        searchIndexingDelayMs,
        maxFilterGroups,
        maxFiltersPerGroup,
        maxFiltersTotal,
        listMaxLimit,
        uniqueConflictStatus,
        retryAfterOn429,
        rotateRefreshTokens,
        accessTokenTtl,
        authCodeTtl,
        autoConsent,
        webhookTimeCompression,
        webhookRetrySchedule,
        webhookBatchWindowMs,
        webhookMaxBatch,
        webhookTimeoutMs,
        webhookLegacySignature,
        webhookSignV3,
        requestLogCapacity,
        clock);
  }

  HubSpotSandboxOptions host(String v) {
    this.host = v;
    return build();
  }

  HubSpotSandboxOptions port(int v) {
    this.port = v;
    return build();
  }

  HubSpotSandboxOptions appId(long v) {
    this.appId = v;
    return build();
  }

  HubSpotSandboxOptions clientId(String v) {
    this.clientId = v;
    return build();
  }

  HubSpotSandboxOptions clientSecret(String v) {
    this.clientSecret = v;
    return build();
  }

  HubSpotSandboxOptions appScopes(Set<String> v) {
    this.appScopes = v;
    return build();
  }

  HubSpotSandboxOptions developerApiKey(String v) {
    this.developerApiKey = v;
    return build();
  }

  HubSpotSandboxOptions oauthTier(RateTier v) {
    this.oauthTier = v;
    return build();
  }

  HubSpotSandboxOptions privateAppTier(RateTier v) {
    this.privateAppTier = v;
    return build();
  }

  HubSpotSandboxOptions searchPerSecond(int v) {
    this.searchPerSecond = v;
    return build();
  }

  HubSpotSandboxOptions searchIndexingDelayMs(long v) {
    this.searchIndexingDelayMs = v;
    return build();
  }

  HubSpotSandboxOptions maxFilterGroups(int v) {
    this.maxFilterGroups = v;
    return build();
  }

  HubSpotSandboxOptions maxFiltersPerGroup(int v) {
    this.maxFiltersPerGroup = v;
    return build();
  }

  HubSpotSandboxOptions maxFiltersTotal(int v) {
    this.maxFiltersTotal = v;
    return build();
  }

  HubSpotSandboxOptions listMaxLimit(int v) {
    this.listMaxLimit = v;
    return build();
  }

  HubSpotSandboxOptions uniqueConflictStatus(int v) {
    this.uniqueConflictStatus = v;
    return build();
  }

  HubSpotSandboxOptions retryAfterOn429(boolean v) {
    this.retryAfterOn429 = v;
    return build();
  }

  HubSpotSandboxOptions rotateRefreshTokens(boolean v) {
    this.rotateRefreshTokens = v;
    return build();
  }

  HubSpotSandboxOptions accessTokenTtl(Duration v) {
    this.accessTokenTtl = v;
    return build();
  }

  HubSpotSandboxOptions authCodeTtl(Duration v) {
    this.authCodeTtl = v;
    return build();
  }

  HubSpotSandboxOptions autoConsent(boolean v) {
    this.autoConsent = v;
    return build();
  }

  HubSpotSandboxOptions webhookTimeCompression(double v) {
    this.webhookTimeCompression = v;
    return build();
  }

  HubSpotSandboxOptions webhookRetrySchedule(List<Duration> v) {
    this.webhookRetrySchedule = v;
    return build();
  }

  HubSpotSandboxOptions webhookBatchWindowMs(long v) {
    this.webhookBatchWindowMs = v;
    return build();
  }

  HubSpotSandboxOptions webhookMaxBatch(int v) {
    this.webhookMaxBatch = v;
    return build();
  }

  HubSpotSandboxOptions webhookTimeoutMs(long v) {
    this.webhookTimeoutMs = v;
    return build();
  }

  HubSpotSandboxOptions webhookLegacySignature(String v) {
    this.webhookLegacySignature = v;
    return build();
  }

  HubSpotSandboxOptions webhookSignV3(boolean v) {
    this.webhookSignV3 = v;
    return build();
  }

  HubSpotSandboxOptions requestLogCapacity(int v) {
    this.requestLogCapacity = v;
    return build();
  }

  HubSpotSandboxOptions clock(Clock v) {
    this.clock = v;
    return build();
  }
}

package com.queast.gateway.sandbox.hubspot;

import java.util.Locale;

/**
 * A rate-limit tier: requests per rolling ten seconds and per day (0 = no daily limit, as for OAuth
 * apps). The named private-app tiers are the published ones (usage-details page).
 *
 * @param name tier name
 * @param perTenSeconds burst limit per rolling 10 s
 * @param perDay daily limit, 0 for none
 */
public record RateTier(String name, int perTenSeconds, long perDay) {

  /** Private app on Free or Starter: 100 / 10 s, 250,000 / day. */
  public static final RateTier FREE_STARTER = new RateTier("FREE_STARTER", 100, 250_000);

  /** Private app on Professional: 190 / 10 s, 625,000 / day. */
  public static final RateTier PROFESSIONAL = new RateTier("PROFESSIONAL", 190, 625_000);

  /** Private app on Enterprise: 190 / 10 s, 1,000,000 / day. */
  public static final RateTier ENTERPRISE = new RateTier("ENTERPRISE", 190, 1_000_000);

  /** Private app with the API limit increase: 250 / 10 s, +1,000,000 / day. */
  public static final RateTier API_LIMIT_INCREASE =
      new RateTier("API_LIMIT_INCREASE", 250, 2_000_000);

  /**
   * Parses a tier name or a custom {@code N/10s,M/day} form such as {@code 5/10s,100/day}.
   *
   * @param text tier name or custom form
   * @return the tier
   * @throws IllegalArgumentException when unreadable
   */
  public static RateTier parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    switch (t) {
      case "FREE_STARTER", "FREE", "STARTER":
        return FREE_STARTER;
      case "PROFESSIONAL":
        return PROFESSIONAL;
      case "ENTERPRISE":
        return ENTERPRISE;
      case "API_LIMIT_INCREASE":
        return API_LIMIT_INCREASE;
      default:
        break;
    }
    String[] parts = t.split(",");
    try {
      int ten = Integer.parseInt(parts[0].replace("/10S", "").trim());
      long day = parts.length > 1 ? Long.parseLong(parts[1].replace("/DAY", "").trim()) : 0;
      return new RateTier("CUSTOM", ten, day);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("unknown rate tier: " + text, e);
    }
  }
}

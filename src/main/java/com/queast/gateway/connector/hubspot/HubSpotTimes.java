package com.queast.gateway.connector.hubspot;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** HubSpot datetime property values: ISO-8601 strings or epoch milliseconds. */
final class HubSpotTimes {

  private HubSpotTimes() {}

  static Instant parse(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      try {
        return Instant.ofEpochMilli(Long.parseLong(v.trim()));
      } catch (NumberFormatException n) {
        return null;
      }
    }
  }
}

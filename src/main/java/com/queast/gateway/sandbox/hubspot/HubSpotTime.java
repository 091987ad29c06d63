package com.queast.gateway.sandbox.hubspot;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** HubSpot's timestamp formats: ISO-8601 UTC with milliseconds, or epoch milliseconds. */
final class HubSpotTime {

  private static final DateTimeFormatter ISO_MS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private HubSpotTime() {}

  /** Formats with exactly three fraction digits, e.g. {@code 2024-01-17T19:55:04.281Z}. */
  static String format(Instant at) {
    return ISO_MS.format(at.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * Parses epoch ms, ISO instant, or a date ({@code 2024-01-17}, UTC midnight); null if neither.
   */
  static Instant parse(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    try {
      return Instant.ofEpochMilli(Long.parseLong(v));
    } catch (NumberFormatException e) {
      // not epoch ms
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      // not an offset date-time
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      // not an instant
    }
    try {
      return java.time.LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}

package com.queast.gateway.sandbox.pipedrive;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The vendor's two timestamp formats: RFC 3339 in v2, "YYYY-MM-DD HH:MM:SS" UTC in v1. */
final class Times {

  private static final DateTimeFormatter V1 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private Times() {}

  static String v2(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static String v1(Instant t) {
    return V1.format(t);
  }

  static String millis(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
  }

  /** Parses an RFC 3339 timestamp or returns null when it is not one. */
  static Instant parseRfc3339(String s) {
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Parses a stored v2 timestamp. */
  static Instant instant(String s) {
    return Instant.parse(s);
  }
}

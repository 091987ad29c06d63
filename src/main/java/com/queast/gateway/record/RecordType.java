package com.queast.gateway.record;

import java.util.Locale;
import java.util.Optional;

/** Queast record types, with their URL segment and their delivery priority within a lane. */
public enum RecordType {
  /** A company; delivered first, everything else links to it. */
  COMPANY("companies", 30),
  /** A person; may link to a company. */
  PERSON("people", 20),
  /** A Smart Signal; needs its company (and person) in the CRM first. */
  SIGNAL("signals", 10);

  private final String plural;
  private final int priority;

  RecordType(String plural, int priority) {
    this.plural = plural;
    this.priority = priority;
  }

  /**
   * The database and job label.
   *
   * @return e.g. {@code company}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The URL segment.
   *
   * @return e.g. {@code companies}
   */
  public String plural() {
    return plural;
  }

  /**
   * Priority of its delivery jobs within a lane (higher first).
   *
   * @return priority
   */
  public int priority() {
    return priority;
  }

  /**
   * Looks a type up by its URL segment.
   *
   * @param plural e.g. {@code people}
   * @return the type, or empty
   */
  public static Optional<RecordType> fromPlural(String plural) {
    for (RecordType t : values()) {
      if (t.plural.equals(plural)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * Looks a type up by its label.
   *
   * @param label e.g. {@code person}
   * @return the type
   */
  public static RecordType fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}

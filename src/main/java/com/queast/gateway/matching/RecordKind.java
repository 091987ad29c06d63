package com.queast.gateway.matching;

/** The two kinds of CRM record the matcher indexes. */
public enum RecordKind {
  /** A HubSpot company or a Pipedrive organization. */
  COMPANY,
  /** A HubSpot contact or a Pipedrive person. */
  PERSON;

  /**
   * The kind's name in {@code crm_records.kind}, jobs and inbound events.
   *
   * @return {@code company} or {@code person}
   */
  public String column() {
    return this == COMPANY ? "company" : "person";
  }

  /**
   * The kind a stored name stands for.
   *
   * @param column {@code company}; anything else is a person
   * @return the kind
   */
  public static RecordKind of(String column) {
    return "company".equals(column) ? COMPANY : PERSON;
  }
}

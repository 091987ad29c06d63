package com.queast.gateway.matching;

/** The two kinds of CRM record the matcher indexes. */
public enum RecordKind {
  /** A HubSpot company or a Pipedrive organization. */
  COMPANY,
  /** A HubSpot contact or a Pipedrive person. */
  PERSON
}

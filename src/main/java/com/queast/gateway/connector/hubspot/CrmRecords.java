package com.queast.gateway.connector.hubspot;

import com.queast.gateway.matching.CrmRecord;
import com.queast.gateway.matching.RecordKind;
import java.util.Map;

/** HubSpot list rows as the records of the local CRM index identity matching uses. */
final class CrmRecords {

  private CrmRecords() {}

  static CrmRecord of(boolean company, CrmListing.Row row) {
    Map<String, String> p = row.properties();
    CrmRecord.Builder b =
        CrmRecord.builder(company ? RecordKind.COMPANY : RecordKind.PERSON, row.id())
            .queastId(p.get("queast_id"))
            .linkedin(p.get("queast_linkedin_url"))
            .country(p.get("country"))
            .city(p.get("city"));
    if (company) {
      String domain = p.get("domain");
      b.name(p.get("name")).domain(domain != null ? domain : p.get("website"));
    } else {
      String first = p.getOrDefault("firstname", "");
      String last = p.getOrDefault("lastname", "");
      String full = (first + " " + last).trim();
      b.name(full.isEmpty() ? null : full).email(p.get("email"));
    }
    return b.build();
  }
}

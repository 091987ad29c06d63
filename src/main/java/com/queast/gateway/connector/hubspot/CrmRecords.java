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
            .city(p.get("city"))
            .phone(p.get("phone"));
    if (company) {
      String domain = p.get("domain");
      b.name(p.get("name"))
          .domain(domain != null ? domain : p.get("website"))
          .linkedin(linkedin(p.get("queast_linkedin_url"), p.get("linkedin_company_page")));
    } else {
      b.companyCrmId(blankToNull(p.get("associatedcompanyid")));
      String first = p.getOrDefault("firstname", "");
      String last = p.getOrDefault("lastname", "");
      String full = (first + " " + last).trim();
      b.name(full.isEmpty() ? null : full).email(p.get("email"));
    }
    return b.build();
  }

  /**
   * Both LinkedIn pages a company may carry (ours and HubSpot's own {@code linkedin_company_page},
   * often one by vanity slug and one by numeric id), space-separated; matching reads each.
   */
  private static String linkedin(String ours, String theirs) {
    String a = blankToNull(ours);
    String b = blankToNull(theirs);
    if (a == null || b == null || a.equals(b)) {
      return a != null ? a : b;
    }
    return a + " " + b;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}

package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.matching.CrmRecord;
import com.queast.gateway.matching.LinkedInRef;
import com.queast.gateway.matching.Normalizers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HubSpot list rows as index records: the evidence matching reads beyond the name. */
class CrmRecordsTest {

  private final Normalizers n = Normalizers.defaults();

  @Test
  void aCompanyKeepsItsPhoneAndBothLinkedInPages() {
    CrmRecord r =
        CrmRecords.of(
            true,
            new CrmListing.Row(
                "7",
                Map.of(
                    "name", "Tessaro Logistics",
                    "queast_linkedin_url", "https://www.linkedin.com/company/tessaro",
                    "linkedin_company_page", "linkedin.com/company/4711",
                    "phone", "+49 30 12345678")));
    assertThat(r.phone()).isEqualTo("+49 30 12345678");
    assertThat(n.linkedin().normalizeAll(r.linkedin()))
        .containsExactly(
            new LinkedInRef(LinkedInRef.Kind.COMPANY, "tessaro"),
            new LinkedInRef(LinkedInRef.Kind.COMPANY, "4711"));
  }

  @Test
  void oneLinkedInPageOrTheSameTwiceIsKeptOnce() {
    CrmRecord same =
        CrmRecords.of(
            true,
            new CrmListing.Row(
                "8",
                Map.of(
                    "queast_linkedin_url", "linkedin.com/company/tessaro",
                    "linkedin_company_page", "linkedin.com/company/tessaro")));
    assertThat(same.linkedin()).isEqualTo("linkedin.com/company/tessaro");
    CrmRecord theirs =
        CrmRecords.of(
            true,
            new CrmListing.Row("9", Map.of("linkedin_company_page", "linkedin.com/company/4711")));
    assertThat(theirs.linkedin()).isEqualTo("linkedin.com/company/4711");
  }

  @Test
  void aContactCarriesItsPhoneAndPrimaryCompany() {
    CrmRecord r =
        CrmRecords.of(
            false,
            new CrmListing.Row(
                "51",
                Map.of(
                    "firstname", "Mira",
                    "lastname", "Okafor",
                    "phone", "+44 20 7946 0018",
                    "associatedcompanyid", "7")));
    assertThat(r.name()).isEqualTo("Mira Okafor");
    assertThat(r.phone()).isEqualTo("+44 20 7946 0018");
    assertThat(r.companyCrmId()).isEqualTo("7");
    CrmRecord none =
        CrmRecords.of(false, new CrmListing.Row("52", Map.of("associatedcompanyid", " ")));
    assertThat(none.companyCrmId()).isNull();
  }
}

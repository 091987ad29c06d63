package com.queast.gateway.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 15, item 3: LinkedIn ids and slugs, phone numbers, a person's CRM company. */
class EvidenceBeyondNameTest {

  private final Normalizers n = Normalizers.defaults();
  private CrmIndex index;
  private IdentityMatcher matcher;

  @BeforeEach
  void setUp() {
    index = new CrmIndex(n);
    // Generic fixture names (no real company facts).
    index.put(
        CrmRecord.builder(RecordKind.COMPANY, "10")
            .name("Quorvex Lantern Systems")
            .linkedin("https://www.linkedin.com/company/quorvex-lantern linkedin.com/company/4711")
            .country("DE")
            .build());
    index.put(
        CrmRecord.builder(RecordKind.COMPANY, "11")
            .name("Brindle Harbor Foods")
            .linkedin("linkedin.com/company/90210")
            .build());
    index.put(
        CrmRecord.builder(RecordKind.COMPANY, "20")
            .name("Tessaro Logistics")
            .phone("(030) 1234-5678")
            .country("Germany")
            .build());
    index.put(
        CrmRecord.builder(RecordKind.COMPANY, "21")
            .name("Harlow Peak Dental")
            .phone("+1 312 555 0142")
            .build());
    index.put(
        CrmRecord.builder(RecordKind.PERSON, "p1")
            .name("Mira Okafor")
            .email("mira@tessaro-logistics.de")
            .companyCrmId("20")
            .build());
    index.put(
        CrmRecord.builder(RecordKind.PERSON, "p2")
            .name("Mira Okafor")
            .email("m.okafor@elsewhere.example")
            .companyCrmId("99")
            .build());
    matcher = new IdentityMatcher(index, MatchThresholds.DEFAULT, n);
  }

  private static QueastCompany.Builder company() {
    return QueastCompany.builder();
  }

  private static Evidence evidenceFor(MatchDecision d, String crmId) {
    return d.evidence().stream().filter(x -> x.crmId().equals(crmId)).findFirst().orElseThrow();
  }

  private static QueastPerson person(String name, String phone, String companyCrmId) {
    return person(name, null, phone, companyCrmId);
  }

  private static QueastPerson person(String name, String email, String phone, String companyCrmId) {
    return new QueastPerson(
        "qp", name, email, null, null, null, null, null, null, phone, companyCrmId);
  }

  @Test
  void aNumericIdFindsTheRecordThatHoldsItBesideItsSlug() {
    MatchDecision d =
        matcher.match(
            company()
                .name("Quorvex Lantern Systems")
                .linkedin("linkedin.com/company/4711/")
                .build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
    assertThat(d.crmId()).isEqualTo("10");
    assertThat(d.strategy()).isEqualTo("linkedin");
    assertThat(d.best().detail()).contains("company/4711 equal");
  }

  @Test
  void theSlugFindsTheSameRecordAndEqualSlugsAreStrongAgreement() {
    MatchDecision d =
        matcher.match(
            company()
                .name("Quorvex Lantern Systems")
                .linkedin("https://de.linkedin.com/company/Quorvex-Lantern/about")
                .build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
    assertThat(d.crmId()).isEqualTo("10");
    assertThat(d.best().score()).isEqualTo(KeyStrategy.KEY_AND_NAME);
  }

  @Test
  void aSlugAgainstANumericIdIsNeitherAgreementNorConflict() {
    MatchDecision d =
        matcher.match(
            company()
                .name("Brindle Harbor Foods")
                .linkedin("linkedin.com/company/brindle")
                .build());
    Evidence e = evidenceFor(d, "11");
    assertThat(e.strategy()).isEqualTo("name");
    assertThat(e.agreed()).doesNotContain("linkedin");
    assertThat(e.disagreed()).doesNotContain("linkedin");
    // Name alone: reviewed, not capped as a conflict would (0.80).
    assertThat(e.score()).isEqualTo(NameSimilarity.PARTIAL_CAP);
  }

  @Test
  void twoDifferentNumericIdsConflict() {
    MatchDecision d =
        matcher.match(
            company().name("Brindle Harbor Foods").linkedin("linkedin.com/company/90211").build());
    Evidence e = evidenceFor(d, "11");
    assertThat(e.disagreed()).contains("linkedin");
    assertThat(e.score()).isLessThanOrEqualTo(Corroboration.STRONG_CAP);
  }

  @Test
  void aSlugOtherThanTheOneTheRecordHoldsBesideItsIdConflicts() {
    MatchDecision d =
        matcher.match(
            company()
                .name("Quorvex Lantern Systems")
                .linkedin("linkedin.com/company/quorvex-lantern-gmbh")
                .build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(d.best().disagreed()).contains("linkedin");
  }

  @Test
  void anEqualPhoneWithAnEqualNameAutoLinksBelowADomain() {
    MatchDecision d =
        matcher.match(company().name("Tessaro Logistics GmbH").phone("+49 30 12345678").build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
    assertThat(d.crmId()).isEqualTo("20");
    assertThat(d.strategy()).isEqualTo("phone");
    assertThat(d.best().score()).isEqualTo(KeyStrategy.PHONE_AND_NAME);
    assertThat(d.best().agreed()).contains("phone", "name");
    assertThat(d.best().detail()).contains("phone +493012345678 equal");
  }

  @Test
  void aNationalNumberIsReadInTheCountryOfItsRecord() {
    MatchDecision d =
        matcher.match(
            company().name("Tessaro Logistics").phone("030/1234 5678").country("DE").build());
    assertThat(d.strategy()).isEqualTo("phone");
    assertThat(d.crmId()).isEqualTo("20");
  }

  @Test
  void anEqualPhoneWithAnotherNameIsOnlyALowReview() {
    // A shared switchboard: the phone alone proposes, the names decide.
    MatchDecision d =
        matcher.match(company().name("Vantor Assurance").phone("+13125550142").build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(d.best().strategy()).isEqualTo("phone");
    assertThat(d.best().score()).isEqualTo(KeyStrategy.PHONE_NAME_CONFLICT);
    assertThat(d.best().disagreed()).contains("name");
  }

  @Test
  void aDifferentPhoneIsNoConflict() {
    MatchDecision d =
        matcher.match(company().name("Harlow Peak Dental").phone("+1 312 555 0199").build());
    Evidence e = evidenceFor(d, "21");
    assertThat(e.disagreed()).isEmpty();
    assertThat(e.score()).isEqualTo(NameSimilarity.PARTIAL_CAP);
    assertThat(e.detail()).contains("name alone");
  }

  @Test
  void anEqualPhoneLiftsAPartialNameButNeverToAnAutoLink() {
    MatchDecision d =
        matcher.match(company().name("Harlow Peak").phone("+1 (312) 555-0142").build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(d.crmId()).isEqualTo("21");
    assertThat(d.best().score()).isLessThan(MatchThresholds.DEFAULT.autoLink());
    assertThat(d.best().agreed()).contains("phone");
  }

  @Test
  void aPersonAtTheCrmCompanyOurCompanyIsLinkedToIsCorroborated() {
    MatchDecision d = matcher.match(person("Mira Okafor", null, "20"));
    assertThat(d.outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
    assertThat(d.crmId()).isEqualTo("p1");
    assertThat(d.best().agreed()).contains("name", "crm_company");
    assertThat(d.best().score()).isEqualTo(NameStrategy.PERSON_AT_CRM_COMPANY);
    Evidence other = evidenceFor(d, "p2");
    assertThat(other.agreed()).doesNotContain("crm_company");
    assertThat(other.disagreed()).doesNotContain("crm_company");
    assertThat(other.score()).isEqualTo(NameSimilarity.PARTIAL_CAP);
  }

  @Test
  void aNamesakeWithAnotherMailboxAtThatCompanyGoesToReviewNotToAnAutoLink() {
    MatchDecision d =
        matcher.match(person("Mira Okafor", "mira.okafor@tessaro-logistics.de", null, "20"));
    assertThat(d.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(d.crmId()).isEqualTo("p1");
    assertThat(d.best().score()).isEqualTo(NameSimilarity.PARTIAL_CAP);
    // The same mailbox is the email strategy's to decide (an exact key), not the name's.
    MatchDecision same =
        matcher.match(person("Mira Okafor", "mira@tessaro-logistics.de", null, "20"));
    assertThat(same.outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
    assertThat(same.crmId()).isEqualTo("p1");
  }

  @Test
  void aPersonWithoutACompanyLinkIsStillNeverLinkedByName() {
    MatchDecision d = matcher.match(person("Mira Okafor", null, null));
    assertThat(d.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(d.best().score()).isEqualTo(NameSimilarity.PARTIAL_CAP);
  }

  @Test
  void aPartialPersonNameAtTheSameCrmCompanyStaysInReview() {
    MatchDecision d = matcher.match(person("M. Okafor", null, "20"));
    assertThat(d.outcome()).isNotEqualTo(MatchOutcome.AUTO_LINK);
  }

  @Test
  void aCrmRecordPutAgainWithoutItsPhoneLeavesThePhoneKey() {
    index.put(CrmRecord.builder(RecordKind.COMPANY, "21").name("Harlow Peak Dental").build());
    assertThat(index.byPhone(RecordKind.COMPANY, "+13125550142")).isEmpty();
    assertThat(index.byPhone(RecordKind.COMPANY, "+493012345678")).hasSize(1);
  }

  private void staff(String crmId, String email, String company) {
    index.put(
        CrmRecord.builder(RecordKind.PERSON, crmId)
            .name("Person " + crmId)
            .email(email)
            .companyCrmId(company)
            .build());
  }

  @Test
  void theEmailDomainOfACrmCompanysPeopleFindsIt() {
    index.put(CrmRecord.company("30", "Orvalle Textiles", null, null, null));
    staff("s1", "ana@orvalle-textiles.de", "30");
    staff("s2", "bo@orvalle-textiles.de", "30");
    MatchDecision d =
        matcher.match(
            company().name("Orvalle Textiles GmbH").domain("www.orvalle-textiles.de").build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
    assertThat(d.crmId()).isEqualTo("30");
    assertThat(d.strategy()).isEqualTo("email_domain");
    assertThat(d.best().score()).isEqualTo(KeyStrategy.PHONE_AND_NAME);
    assertThat(d.best().agreed()).contains("email_domain", "name");
    assertThat(d.best().detail()).startsWith("email domain orvalle-textiles.de of 2 people");

    MatchDecision other =
        matcher.match(company().name("Quill Ridge Partners").domain("orvalle-textiles.de").build());
    assertThat(other.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(other.best().score()).isEqualTo(KeyStrategy.PHONE_NAME_CONFLICT);
  }

  @Test
  void aCrmCompanysOwnOtherDomainStillConflicts() {
    index.put(CrmRecord.company("31", "Orvalle Textiles", "orvalle-group.com", null, null));
    staff("s3", "ana@orvalle-textiles.de", "31");
    MatchDecision d =
        matcher.match(company().name("Orvalle Textiles").domain("orvalle-textiles.de").build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(d.best().disagreed()).contains("domain");
  }

  @Test
  void aDomainWhosePeopleSitAtManyCrmCompaniesIdentifiesNone() {
    for (int i = 0; i <= CrmIndex.MAX_STAFF_COMPANIES; i++) {
      index.put(CrmRecord.company("c" + i, "Client " + i, null, null, null));
      staff("x" + i, "contractor" + i + "@staffing-partner.com", "c" + i);
    }
    assertThat(index.byStaffDomain("staffing-partner.com")).isEmpty();
    index.remove(RecordKind.PERSON, "x0");
    assertThat(index.byStaffDomain("staffing-partner.com"))
        .extracting(r -> r.record().crmId())
        .containsExactlyInAnyOrder("c1", "c2", "c3");
  }

  @Test
  void peopleLeavingOrMovingTakeTheirDomainWithThem() {
    index.put(CrmRecord.company("32", "Orvalle Textiles", null, null, null));
    staff("s4", "ana@orvalle-textiles.de", "32");
    assertThat(index.staffAt("32", "orvalle-textiles.de")).isEqualTo(1);
    staff("s4", "ana@orvalle-textiles.de", "33");
    assertThat(index.staffAt("32", "orvalle-textiles.de")).isZero();
    index.remove(RecordKind.PERSON, "s4");
    assertThat(index.byStaffDomain("orvalle-textiles.de")).isEmpty();
    // Free mail never identifies a company.
    staff("s5", "ana@gmail.com", "32");
    assertThat(index.byStaffDomain("gmail.com")).isEmpty();
    assertThat(index.staffAt("32", "gmail.com")).isZero();
  }

  @Test
  void aLonePairHasNoStaffDomainEvidence() {
    index.put(CrmRecord.company("34", "Orvalle Textiles", null, null, null));
    staff("s6", "ana@orvalle-textiles.de", "34");
    MatchDecision d =
        matcher.decidePair(
            company().name("Orvalle Textiles").domain("orvalle-textiles.de").build(),
            CrmRecord.company("34", "Orvalle Textiles", null, null, null));
    assertThat(d.evidence()).noneMatch(e -> e.strategy().equals("email_domain"));
  }
}

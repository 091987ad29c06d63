package com.queast.gateway.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdentityMatcherTest {

  private final Normalizers n = Normalizers.defaults();
  private CrmIndex index;
  private IdentityMatcher matcher;

  @BeforeEach
  void setUp() {
    index = new CrmIndex(n);
    index.put(CrmRecord.company("1", "Acme Inc.", "https://www.acme.com", null, "US"));
    index.put(
        CrmRecord.company("2", "Globex GmbH", "globex.de", "linkedin.com/company/globex", "DE"));
    index.put(CrmRecord.company("3", "Initech LLC", null, null, "US").withQueastId("q-3"));
    index.put(CrmRecord.company("4", "Umbrella Corporation", "gmail.com", null, "GB"));
    index.put(CrmRecord.company("5", "Abraham Lincoln Centre", null, null, "US"));
    index.put(CrmRecord.person("p1", "Jane Doe", "jane.doe@acme.com", null));
    index.put(CrmRecord.person("p2", "Front Desk", "info@acme.com", null));
    matcher = new IdentityMatcher(index, MatchThresholds.DEFAULT, n);
  }

  private static QueastCompany.Builder company() {
    return QueastCompany.builder();
  }

  @Test
  void storedLinkWinsOverEverythingElse() {
    MatchDecision d =
        matcher.match(company().name("Acme").domain("acme.com").storedCrmId("2").build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
    assertThat(d.crmId()).isEqualTo("2");
    assertThat(d.strategy()).isEqualTo("stored_link");
    assertThat(d.best().disagreed()).contains("domain");
  }

  @Test
  void queastIdPropertyInTheCrmLinks() {
    MatchDecision d = matcher.match(company().queastId("q-3").name("Something else").build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
    assertThat(d.crmId()).isEqualTo("3");
    assertThat(d.strategy()).isEqualTo("queast_id");
  }

  @Test
  void suppliedCrmIdLinks() {
    MatchDecision d = matcher.match(company().suppliedCrmId("5").build());
    assertThat(d.strategy()).isEqualTo("crm_id");
    assertThat(d.crmId()).isEqualTo("5");
  }

  @Test
  void registrableDomainLinksWithEvidence() {
    MatchDecision d =
        matcher.match(
            company().name("ACME Incorporated").domain("blog.acme.com").country("USA").build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
    assertThat(d.crmId()).isEqualTo("1");
    Evidence e = d.best();
    assertThat(e.strategy()).isEqualTo("domain");
    assertThat(e.agreed()).contains("domain", "name", "country");
    assertThat(e.disagreed()).isEmpty();
    assertThat(e.score()).isGreaterThanOrEqualTo(0.9);
    assertThat(e.detail()).contains("acme.com");
  }

  @Test
  void domainWithDifferentCountryGoesToReview() {
    MatchDecision d =
        matcher.match(company().name("Acme").domain("acme.com").country("FR").build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(d.best().disagreed()).contains("country");
  }

  @Test
  void domainWithUnrelatedNameIsNotAnAutoLink() {
    MatchDecision d = matcher.match(company().name("Zeta Holdings").domain("acme.com").build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(d.best().disagreed()).contains("name");
  }

  @Test
  void freeMailDomainNeverMatches() {
    MatchDecision d = matcher.match(company().name("Stark Industries").domain("gmail.com").build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.CREATE);
    assertThat(d.crmId()).isNull();
  }

  @Test
  void linkedInPageLinks() {
    MatchDecision d =
        matcher.match(
            company().name("Globex").linkedin("https://de.linkedin.com/company/Globex/").build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
    assertThat(d.strategy()).isEqualTo("linkedin");
    assertThat(d.crmId()).isEqualTo("2");
  }

  @Test
  void fuzzyNameLinksOnSpellingVariantsOnlyWhereTheTenantLetsNamesAloneLink() {
    QueastCompany q = company().name("Abraham Lincoln Center").country("US").build();
    // Default: equal names with no agreeing postcode, domain or LinkedIn page are a review item.
    MatchDecision d = matcher.match(q);
    assertThat(d.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(d.strategy()).isEqualTo("name");
    assertThat(d.crmId()).isEqualTo("5");
    assertThat(d.score()).isEqualTo(NameSimilarity.PARTIAL_CAP);
    assertThat(d.best().detail()).contains("name alone: review");
    // A tenant that opted in (nameAutoLink) links it.
    MatchDecision opted = namesAlone().match(q);
    assertThat(opted.outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
    assertThat(opted.crmId()).isEqualTo("5");
  }

  private IdentityMatcher namesAlone() {
    return new IdentityMatcher(index, MatchThresholds.DEFAULT.withNameAutoLink(true), n);
  }

  @Test
  void fuzzyNameWithDifferentCountryOrDomainIsOnlyReviewed() {
    assertThat(matcher.match(company().name("Globex AG").country("US").build()).outcome())
        .isEqualTo(MatchOutcome.NEEDS_REVIEW);
    MatchDecision d = matcher.match(company().name("Globex").domain("initrode.com").build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(d.best().disagreed()).contains("domain");
  }

  @Test
  void sameNameOnAnotherRegistrableDomainIsOnlyReviewed() {
    MatchDecision d = matcher.match(company().name("Acme Inc").domain("acme.de").build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(d.best().agreed()).contains("domain_label");
    assertThat(d.best().disagreed()).contains("domain");
  }

  @Test
  void subdomainOfTheSameDomainWithAContainedNameIsOnlyReviewed() {
    MatchDecision d =
        matcher.match(company().name("Acme Cloud").domain("https://cloud.acme.com").build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(d.best().strategy()).isEqualTo("domain");
    assertThat(d.best().detail()).contains("subdomains differ");
  }

  @Test
  void numericLinkedInIdAgainstASlugIsNotAConflict() {
    MatchDecision d =
        namesAlone()
            .match(
                company()
                    .name("Globex")
                    .linkedin("https://www.linkedin.com/company/123456")
                    .build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
    assertThat(d.best().disagreed()).doesNotContain("linkedin");
    MatchDecision other =
        matcher.match(
            company().name("Globex").linkedin("linkedin.com/company/globex-mining").build());
    assertThat(other.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(other.best().disagreed()).contains("linkedin");
  }

  @Test
  void unrecognisedCountryTextIsNotAConflict() {
    MatchDecision d =
        matcher.match(company().name("Acme").domain("acme.com").country("Atlantis").build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
    assertThat(d.best().disagreed()).isEmpty();
  }

  @Test
  void partialNameIsReviewNotLink() {
    MatchDecision d =
        matcher.match(company().name("Abraham Lincoln Centre Donoghue Campus").build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(d.best().agreed()).contains("name_partial");
  }

  @Test
  void unknownCompanyIsCreated() {
    assertThat(matcher.match(company().name("Wayne Enterprises").build()).outcome())
        .isEqualTo(MatchOutcome.CREATE);
  }

  @Test
  void twoEquallyGoodCandidatesAreAmbiguous() {
    index.put(CrmRecord.company("1b", "Acme", "acme.com", null, "US"));
    MatchDecision d = matcher.match(company().name("Acme").domain("acme.com").build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(d.reason()).startsWith("ambiguous");
  }

  @Test
  void personEmailLinksButRoleMailboxOnlyReviews() {
    MatchDecision jane =
        matcher.match(
            new QueastPerson(
                null, "Jane Doe", "Jane.Doe+x@Acme.com", null, null, null, null, null, null));
    assertThat(jane.outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
    assertThat(jane.strategy()).isEqualTo("email");
    MatchDecision info =
        matcher.match(
            new QueastPerson(
                null, "Bob Jones", "info@acme.com", null, null, null, null, null, null));
    assertThat(info.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
  }

  @Test
  void personNameAloneNeverAutoLinks() {
    MatchDecision d =
        matcher.match(
            new QueastPerson(null, "Doe, Jane", null, null, null, null, null, null, null));
    assertThat(d.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(d.crmId()).isEqualTo("p1");
  }

  @Test
  void indexUpdatesAndRemovalsTakeEffect() {
    index.put(CrmRecord.company("1", "Acme Inc.", "acme-renamed.com", null, "US"));
    assertThat(index.byDomain(RecordKind.COMPANY, "acme.com")).isEmpty();
    assertThat(index.size(RecordKind.COMPANY)).isEqualTo(5);
    assertThat(index.remove(RecordKind.COMPANY, "1")).isTrue();
    assertThat(index.remove(RecordKind.COMPANY, "1")).isFalse();
    assertThat(matcher.match(company().name("Acme").build()).outcome())
        .isEqualTo(MatchOutcome.CREATE);
  }

  @Test
  void thresholdsClassifyAndValidate() {
    MatchThresholds t = new MatchThresholds(0.9, 0.6);
    assertThat(t.classify(0.9)).isEqualTo(MatchOutcome.AUTO_LINK);
    assertThat(t.classify(0.89)).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(t.classify(0.6)).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(t.classify(0.59)).isEqualTo(MatchOutcome.CREATE);
    assertThatThrownBy(() -> new MatchThresholds(0.5, 0.6))
        .isInstanceOf(IllegalArgumentException.class);
    QueastCompany misspelt = company().name("Acmee Inc").domain("acme.com").build();
    assertThat(matcher.match(misspelt).outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
    MatchDecision strict =
        new IdentityMatcher(index, new MatchThresholds(0.95, 0.9), n).match(misspelt);
    assertThat(strict.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(strict.score()).isBetween(0.9, 0.95);
  }

  @Test
  void differentNumbersInSimilarNamesAreNotAMatch() {
    CrmIndex ix = new CrmIndex(n);
    ix.put(CrmRecord.company("20", "Company 2", null, null, "DE"));
    ix.put(CrmRecord.company("54", "Studio 54 GmbH", null, null, "DE"));
    IdentityMatcher m = new IdentityMatcher(ix, MatchThresholds.DEFAULT.withNameAutoLink(true), n);
    MatchDecision other = m.match(company().name("Company 21").country("DE").build());
    assertThat(other.outcome()).isEqualTo(MatchOutcome.CREATE);
    MatchDecision same = m.match(company().name("Studio 54").country("DE").build());
    assertThat(same.outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
    assertThat(same.crmId()).isEqualTo("54");
    assertThat(m.match(company().name("Studio 5").country("DE").build()).outcome())
        .isEqualTo(MatchOutcome.CREATE);
  }
}

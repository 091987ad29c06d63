package com.queast.gateway.matching;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class NormalizersTest {

  private final Normalizers n = Normalizers.defaults();

  @Test
  void registrableDomainComesFromUrlsEmailsAndSubdomains() {
    DomainNormalizer d = n.domain();
    assertThat(d.companyDomain("https://www.Acme.com:8443/about?x=1")).contains("acme.com");
    assertThat(d.companyDomain("bob.smith@eu.acme.com")).contains("acme.com");
    assertThat(d.companyDomain("shop.acme.co.uk")).contains("acme.co.uk");
    assertThat(d.companyDomain("acme.com.")).contains("acme.com");
    assertThat(d.companyDomain("not a domain")).isEmpty();
    assertThat(d.companyDomain("192.168.0.1")).isEmpty();
    assertThat(d.companyDomain("co.uk")).isEmpty();
  }

  @Test
  void sharedHostingFreeMailAndSocialDomainsNeverIdentifyACompany() {
    DomainNormalizer d = n.domain();
    assertThat(d.companyDomain("jane@gmail.com")).isEmpty();
    assertThat(d.companyDomain("x@yahoo.co.uk")).isEmpty();
    assertThat(d.companyDomain("https://acme.wixsite.com/home")).isEmpty();
    assertThat(d.companyDomain("acme.github.io")).isEmpty();
    assertThat(d.companyDomain("acme-app.herokuapp.com")).isEmpty();
    assertThat(d.companyDomain("https://www.linkedin.com/company/acme")).isEmpty();
    assertThat(d.registrableDomain("acme.github.io")).contains("github.io");
  }

  @Test
  void linkedInUrlsNormaliseAcrossSubdomainsSlashesQueriesAndCase() {
    LinkedInNormalizer l = n.linkedin();
    LinkedInRef acme = new LinkedInRef(LinkedInRef.Kind.COMPANY, "acme-inc");
    assertThat(l.normalize("https://www.linkedin.com/company/acme-inc/")).contains(acme);
    assertThat(l.normalize("uk.linkedin.com/company/Acme-Inc/about/?trk=abc")).contains(acme);
    assertThat(l.normalize("http://m.linkedin.com/company/acme-inc#x")).contains(acme);
    assertThat(l.normalize("https://linkedin.com/in/jane-doe-123/").get().kind())
        .isEqualTo(LinkedInRef.Kind.PERSON);
    assertThat(l.normalize("https://www.linkedin.com/school/mit/").get().key())
        .isEqualTo("school/mit");
    assertThat(l.normalize("https://www.linkedin.com/showcase/acme-cloud").get().isOrganisation())
        .isFalse();
    assertThat(l.normalize("https://www.linkedin.com/feed/")).isEmpty();
    assertThat(l.normalize("https://example.com/company/acme")).isEmpty();
  }

  @Test
  void emailsAreTrimmedLowerCasedAndPlusAddressingFolded() {
    EmailNormalizer e = n.email();
    assertThat(e.normalize("  Jane Doe <Jane.Doe+crm@ACME.com> ")).contains("jane.doe@acme.com");
    assertThat(e.normalize("mailto:bob@acme.com")).contains("bob@acme.com");
    assertThat(e.normalize("no-at-sign")).isEmpty();
    assertThat(new EmailNormalizer(false).normalize("a+b@acme.com")).contains("a+b@acme.com");
    assertThat(e.isRoleMailbox("info@acme.com")).isTrue();
    assertThat(e.isRoleMailbox("jane@acme.com")).isFalse();
  }

  @Test
  void companyNamesLoseLegalFormsPunctuationDiacriticsAndStopWords() {
    CompanyNameNormalizer c = n.companyName();
    assertThat(c.normalize("Nestlé S.A.").key()).isEqualTo("nestle");
    assertThat(c.normalize("The Coca-Cola Company").key()).isEqualTo("coca cola");
    assertThat(c.normalize("Johnson & Johnson").key())
        .isEqualTo(c.normalize("Johnson and Johnson").key());
    assertThat(c.normalize("JPMorgan Chase & Co.").key()).isEqualTo("jpmorgan chase");
    assertThat(c.normalize("Procter & Gamble").key()).isEqualTo("procter gamble");
    assertThat(c.normalize("P&G").key()).isEqualTo("pg");
    assertThat(c.normalize("Amazon.com, Inc.").key()).isEqualTo("amazon");
    assertThat(c.normalize("Foo Sp. z o.o.").key()).isEqualTo("foo");
    assertThat(c.normalize("Bar GmbH & Co. KG").key()).isEqualTo("bar");
    assertThat(c.normalize("Müller Intl Mfg Svcs Ltd").key())
        .isEqualTo("muller international manufacturing service");
    assertThat(c.normalize("トヨタ自動車株式会社").key()).isEqualTo(c.normalize("トヨタ自動車").key());
    assertThat(c.normalize("Inc").key()).isEqualTo("inc");
    assertThat(c.normalize("   ").isEmpty()).isTrue();
  }

  @Test
  void personNamesReorderLastFirstAndDropHonorifics() {
    PersonNameNormalizer p = n.personName();
    assertThat(p.normalize("Müller, Dr. Jürgen").key()).isEqualTo("jurgen muller");
    assertThat(p.normalize("Mr. John Smith Jr.").key()).isEqualTo("john smith");
  }

  @Test
  void locationsResolveCountryNamesCodesAndAliases() {
    LocationNormalizer l = n.location();
    assertThat(l.country("USA")).contains("US");
    assertThat(l.country("United States")).contains("US");
    assertThat(l.country("us")).contains("US");
    assertThat(l.country("Deutschland")).contains("DE");
    assertThat(l.country("GBR")).contains("GB");
    assertThat(l.country("UK")).contains("GB");
    assertThat(l.postcode("60607-1234")).contains("60607");
    assertThat(l.postcode("sw1a 1aa")).contains("SW1A1AA");
    assertThat(l.houseNumber("728 W. Roosevelt Rd")).contains("728");
    assertThat(l.houseNumber("Main Street")).isEmpty();
  }

  @Test
  void foldingHandlesCapitalSharpSAndDottedCapitalI() {
    assertThat(TextFolding.fold("STRAẞE")).isEqualTo("strasse");
    assertThat(TextFolding.fold("İstanbul")).isEqualTo("istanbul");
  }

  @Property(tries = 1000)
  void foldingIsIdempotent(@ForAll String s) {
    String once = TextFolding.fold(s);
    assertThat(TextFolding.fold(once)).isEqualTo(once);
  }

  @Property(tries = 200)
  void companyNameIgnoresCaseAndATrailingLegalForm(
      @ForAll @AlphaChars @StringLength(min = 3, max = 12) String word) {
    CompanyNameNormalizer c = n.companyName();
    NormalizedName base = c.normalize(word + " Widgets");
    assertThat(c.normalize(word.toUpperCase() + " WIDGETS, Inc.")).isEqualTo(base);
    assertThat(c.normalize(word + " Widgets GmbH")).isEqualTo(base);
    assertThat(c.normalize(word.toLowerCase() + " widgets LLC")).isEqualTo(base);
  }

  @Property(tries = 200)
  void domainIgnoresSchemeWwwPathAndCase(
      @ForAll @AlphaChars @StringLength(min = 2, max = 20) String label) {
    String domain = label.toLowerCase() + ".com";
    DomainNormalizer d = n.domain();
    assertThat(d.registrableDomain("HTTPS://WWW." + label + ".com/a/b?c=d"))
        .isEqualTo(d.registrableDomain(domain));
    assertThat(d.registrableDomain("sales@" + label + ".com")).contains(domain);
  }
}

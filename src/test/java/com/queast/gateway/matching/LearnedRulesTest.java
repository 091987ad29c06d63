package com.queast.gateway.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Learned rules and transliteration digraphs, on an in-memory index (made-up names). */
class LearnedRulesTest {

  private final Normalizers n = Normalizers.defaults();
  private CrmIndex index;

  @BeforeEach
  void setUp() {
    index = new CrmIndex(n);
    index.put(CrmRecord.company("1", "Quorvex Lantern Systems", null, null, "US"));
    index.put(CrmRecord.company("2", "Vantor Meridian Logistics", null, null, "US"));
    index.put(CrmRecord.company("3", "Zamplex Orvani", "zamplex.com", null, "US"));
    index.put(CrmRecord.company("4", "Mueller Brandt Logistik", null, null, "DE"));
    index.put(CrmRecord.company("5", "Oersted Halvik", null, null, "DK"));
  }

  private IdentityMatcher matcher(LearnedRule... rules) {
    return new IdentityMatcher(
        index, MatchThresholds.DEFAULT, n, LearnedRules.of(List.of(rules), n));
  }

  private static LearnedRule rule(long id, String kind, String a, String b, String source) {
    return new LearnedRule(id, kind, a, b, source, false);
  }

  @Test
  void aConfirmedAliasLinksAndItsEvidenceNamesTheRule() {
    QueastCompany qls = QueastCompany.builder().name("QLS").country("US").build();
    assertThat(matcher().match(qls).outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    List<LearnedRule> taught =
        RuleLearner.learn(
            "confirm",
            new RuleLearner.Side("QLS", null),
            new RuleLearner.Side("Quorvex Lantern Systems", null),
            null,
            n);
    assertThat(taught).hasSize(1);
    MatchDecision d = matcher(taught.get(0).withId(7)).match(qls);
    assertThat(d.outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
    assertThat(d.crmId()).isEqualTo("1");
    assertThat(d.strategy()).isEqualTo("learned");
    assertThat(d.best().agreed()).contains("learned_alias");
    assertThat(d.best().detail()).startsWith("rule 7 (confirm): 'qls' = 'quorvex lantern system'");
  }

  @Test
  void anAliasStillYieldsToAConflictingCountry() {
    LearnedRule alias = rule(1, LearnedRule.NAME_ALIAS, "QLS", "Quorvex Lantern Systems", "list");
    MatchDecision d =
        matcher(alias).match(QueastCompany.builder().name("QLS").country("FR").build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
  }

  @Test
  void aRejectedPairIsNotProposedAgainButAnIdentifierStillLinks() {
    LearnedRule no =
        rule(
            2, LearnedRule.REJECTED_PAIR, "Vantor Meridian", "Vantor Meridian Logistics", "reject");
    QueastCompany q = QueastCompany.builder().name("Vantor Meridian").country("US").build();
    assertThat(matcher().match(q).outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(matcher(no).match(q).outcome()).isEqualTo(MatchOutcome.CREATE);
    QueastCompany supplied =
        QueastCompany.builder().name("Vantor Meridian").suppliedCrmId("2").build();
    assertThat(matcher(no).match(supplied).outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
  }

  @Test
  void aDomainAliasMatchesLikeTheDomainItNames() {
    LearnedRule alias = rule(3, LearnedRule.DOMAIN_ALIAS, "zamplex-old.com", "zamplex.com", "list");
    MatchDecision d =
        matcher(alias)
            .match(
                QueastCompany.builder().name("Zamplex Orvani").domain("zamplex-old.com").build());
    assertThat(d.outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
    assertThat(d.crmId()).isEqualTo("3");
    assertThat(d.best().detail()).contains("rule 3 (list)");
  }

  @Test
  void equalNamesAndPeopleTeachNothing() {
    assertThat(
            RuleLearner.learn(
                "confirm",
                new RuleLearner.Side("Zamplex Orvani Inc.", null),
                new RuleLearner.Side("Zamplex Orvani", null),
                null,
                n))
        .isEmpty();
    assertThat(
            RuleLearner.learn(
                "reject",
                new RuleLearner.Side("Vantor Meridian", null),
                new RuleLearner.Side("Vantor Meridian Logistics", null),
                null,
                n))
        .extracting(LearnedRule::kind)
        .containsExactly(LearnedRule.REJECTED_PAIR);
  }

  @Test
  void umlautAndNordicDigraphsMatchTheirFoldedLettersBothWays() {
    assertThat(NameSimilarity.digraphFold("kuehne")).isEqualTo("kuhne");
    assertThat(NameSimilarity.digraphFold("aalborg")).isEqualTo("alborg");
    assertThat(NameSimilarity.digraphFold("queen")).isEqualTo("queen");
    IdentityMatcher m = matcher();
    MatchDecision mueller =
        m.match(QueastCompany.builder().name("Müller Brandt Logistik GmbH").country("DE").build());
    assertThat(mueller.crmId()).isEqualTo("4");
    assertThat(mueller.best().agreed()).contains("name");
    MatchDecision oersted = m.match(QueastCompany.builder().name("Ørsted Halvik").build());
    assertThat(oersted.crmId()).isEqualTo("5");
    assertThat(oersted.best().agreed()).contains("name");
  }
}

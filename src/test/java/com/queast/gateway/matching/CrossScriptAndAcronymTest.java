package com.queast.gateway.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Transliteration of names in other scripts, romanisation-tolerant comparison and initialisms. */
class CrossScriptAndAcronymTest {

  private final CompanyNameNormalizer c = new CompanyNameNormalizer();
  private final ScriptTransliterator t = new ScriptTransliterator();

  private NameScore score(String a, String b) {
    return NameSimilarity.compare(c.normalize(a), c.normalize(b), TokenWeights.UNIFORM);
  }

  @Test
  void latinNamesAreNotTransliterated() {
    assertThat(t.toLatin("Nestlé S.A.")).isNull();
    assertThat(c.normalize("Nestlé S.A.").latin()).isNull();
    assertThat(ScriptTransliterator.hasNonLatinLetters("Société Générale")).isFalse();
    assertThat(ScriptTransliterator.hasNonLatinLetters("LG전자")).isTrue();
  }

  @Test
  void hanBecomesPinyinWithoutTonesAndSyllablesJoined() {
    assertThat(c.normalize("华为技术有限公司").latin().key()).isEqualTo("huawei technology");
    assertThat(c.normalize("阿里巴巴集团控股有限公司").latin().key()).isEqualTo("alibaba");
  }

  @Test
  void glossaryTranslatesGenericWordsAndDropsLegalForms() {
    assertThat(c.normalize("삼성전자주식회사").latin().key()).isEqualTo("samseong electronic");
    assertThat(c.normalize("トヨタ自動車株式会社").latin().key()).isEqualTo("toyota motor");
    assertThat(c.normalize("スターバックスコーヒージャパン").latin().key()).isEqualTo("sutabakkusu coffee japan");
    // Kana voicing marks and the length mark survive (NFKC, not NFKD, before ICU).
    assertThat(c.normalize("ソニーグループ株式会社").latin().key()).isEqualTo("soni");
    // Whole words only in alphabetic scripts: the legal form goes, the name stays.
    assertThat(c.normalize("ПАО «Газпром»").latin().key()).isEqualTo("gazprom");
  }

  @Test
  void skeletonToleratesRomanisationDifferences() {
    assertThat(NameSimilarity.skeleton("samseong")).isEqualTo(NameSimilarity.skeleton("samsung"));
    assertThat(NameSimilarity.skeleton("soni")).isEqualTo(NameSimilarity.skeleton("sony"));
    assertThat(NameSimilarity.romanTokenSimilarity("sutabakkusu", "starbuck")).isPositive();
    assertThat(NameSimilarity.romanTokenSimilarity("soni", "panasonikku")).isZero();
    assertThat(NameSimilarity.romanTokenSimilarity("tengxun", "tencent")).isZero();
  }

  @Test
  void crossScriptNamesReachReviewButNeverAutoLinkLevel() {
    for (String[] p :
        new String[][] {
          {"삼성전자", "Samsung Electronics"},
          {"华为", "Huawei"},
          {"ソニー", "Sony"},
          {"トヨタ自動車株式会社", "Toyota Motor Corporation"},
          {"百度在线网络技术（北京）公司", "Baidu, Inc."},
          {"ООО «Яндекс»", "Yandex LLC"},
          {"टाटा मोटर्स लिमिटेड", "Tata Motors Limited"},
          {"스타벅스", "Starbucks"}
        }) {
      NameScore s = score(p[0], p[1]);
      assertThat(s.method()).as(p[0]).isEqualTo(NameSimilarity.CROSS_SCRIPT);
      assertThat(s.complete()).isFalse();
      assertThat(s.score())
          .as(p[0])
          .isGreaterThanOrEqualTo(MatchThresholds.DEFAULT.reviewFloor())
          .isLessThanOrEqualTo(NameSimilarity.CROSS_SCRIPT_CAP);
    }
  }

  @Test
  void crossScriptCompetitorsStayBelowReview() {
    double floor = MatchThresholds.DEFAULT.reviewFloor();
    assertThat(score("삼성전자", "LG전자").score()).isLessThan(floor);
    assertThat(score("삼성전자", "LG Electronics").score()).isLessThan(floor);
    assertThat(score("ソニー", "パナソニック").score()).isLessThan(floor);
    assertThat(score("华为技术有限公司", "小米科技有限责任公司").score()).isLessThan(floor);
  }

  @Test
  void sameScriptNamesStillMatchExactly() {
    NameScore s = score("삼성전자주식회사", "삼성전자");
    assertThat(s.complete()).isTrue();
    assertThat(s.score()).isEqualTo(1.0);
  }

  @Test
  void crossScriptNameWithSharedDomainAutoLinks() {
    CrmIndex index = new CrmIndex(Normalizers.defaults());
    index.put(CrmRecord.company("1", "Samsung Electronics Co., Ltd.", "samsung.com", null, null));
    index.put(CrmRecord.company("2", "Sony Group Corporation", null, null, null));
    IdentityMatcher m = new IdentityMatcher(index, MatchThresholds.DEFAULT, Normalizers.defaults());
    MatchDecision withDomain =
        m.match(QueastCompany.builder().name("삼성전자").domain("samsung.com").build());
    assertThat(withDomain.outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
    assertThat(withDomain.crmId()).isEqualTo("1");
    MatchDecision nameOnly = m.match(QueastCompany.builder().name("삼성전자").build());
    assertThat(nameOnly.outcome()).isEqualTo(MatchOutcome.NEEDS_REVIEW);
    assertThat(nameOnly.crmId()).isEqualTo("1");
    // Blocking finds romanisation variants through skeleton keys, in both directions.
    assertThat(m.match(QueastCompany.builder().name("ソニー").build()).crmId()).isEqualTo("2");
    index.put(CrmRecord.company("3", "ソニー株式会社", null, null, null));
    index.remove(RecordKind.COMPANY, "2");
    assertThat(m.match(QueastCompany.builder().name("Sony").build()).crmId()).isEqualTo("3");
  }

  @Test
  void initialismsOfWordsAndCamelCasePartsAreReviewLevel() {
    assertThat(score("IBM", "International Business Machines").method()).isEqualTo("acronym");
    assertThat(score("P&G", "Procter & Gamble").method()).isEqualTo("acronym");
    assertThat(score("EY", "Ernst & Young").method()).isEqualTo("acronym");
    assertThat(score("BMW AG", "Bayerische Motoren Werke AG").method()).isEqualTo("acronym");
    NameScore pwc = score("PwC", "PricewaterhouseCoopers");
    assertThat(pwc.method()).isEqualTo("acronym");
    assertThat(pwc.score()).isEqualTo(NameSimilarity.ACRONYM_SCORE);
    assertThat(pwc.complete()).isFalse();
    assertThat(c.normalize("PricewaterhouseCoopers").initialisms()).containsExactly("pc");
    assertThat(c.normalize("PwC").abbreviationForms()).containsExactly("pwc", "pc");
  }

  @Test
  void initialismsNeedEveryWordAndShortCamelPartsDoNotSplit() {
    // McDonald is one word: "Mc" is too short to be a part of its own.
    assertThat(c.normalize("McDonald's Corporation").initialisms()).isEmpty();
    assertThat(score("GM", "General Electric").method()).isNotEqualTo("acronym");
    assertThat(score("IBM", "International Business").method()).isNotEqualTo("acronym");
  }
}

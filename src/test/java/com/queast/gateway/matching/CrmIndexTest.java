package com.queast.gateway.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrmIndexTest {

  private final Normalizers n = Normalizers.defaults();

  @Test
  void rareTokenBeatsManyCommonOnesInCandidateRanking() {
    CrmIndex index = new CrmIndex(n);
    for (int i = 0; i < 3_000; i++) {
      index.put(
          CrmRecord.company(
              "c" + i, "Chicago Public Schools Academy Campus " + i, null, null, null));
    }
    index.put(CrmRecord.company("jenner", "Jenner", null, null, null));
    Profile q =
        Profile.of(
            QueastCompany.builder()
                .name("Chicago Public Schools Jenner Academy of the Arts")
                .build(),
            n);
    List<IndexedRecord> candidates = index.nameCandidates(q, 40);
    assertThat(candidates).hasSizeLessThanOrEqualTo(40);
    assertThat(candidates.get(0).record().crmId()).isEqualTo("jenner");
  }

  @Test
  void candidateOrderIsDeterministic() {
    CrmIndex index = new CrmIndex(n);
    for (int i = 0; i < 200; i++) {
      index.put(CrmRecord.company("c" + i, "Acme Widgets", null, null, null));
    }
    Profile q = Profile.of(QueastCompany.builder().name("Acme Widgets").build(), n);
    List<String> first = index.nameCandidates(q, 10).stream().map(r -> r.record().crmId()).toList();
    List<String> again = index.nameCandidates(q, 10).stream().map(r -> r.record().crmId()).toList();
    assertThat(first).isEqualTo(again).hasSize(10);
  }

  @Test
  void acronymAndSpacingKeysFindCandidates() {
    CrmIndex index = new CrmIndex(n);
    index.put(CrmRecord.company("1", "International Business Machines Corp", null, null, null));
    index.put(CrmRecord.company("2", "Wal-Mart Stores Inc", null, null, null));
    assertThat(index.nameCandidates(Profile.of(QueastCompany.builder().name("IBM").build(), n), 5))
        .extracting(r -> r.record().crmId())
        .contains("1");
    assertThat(
            index.nameCandidates(Profile.of(QueastCompany.builder().name("Walmart").build(), n), 5))
        .extracting(r -> r.record().crmId())
        .contains("2");
  }

  @Test
  void tokenWeightsFavourRareTokens() {
    CrmIndex index = new CrmIndex(n);
    for (int i = 0; i < 100; i++) {
      index.put(CrmRecord.company("c" + i, "Group " + i, null, null, null));
    }
    TokenWeights w = index.weights(RecordKind.COMPANY);
    assertThat(w.weight("zyx")).isGreaterThan(w.weight("group"));
  }

  @Test
  void keysAboveTheFixedCutOffOrPastTheReadBudgetProposeNothingOnceARarerKeyHas() {
    CrmIndex index = new CrmIndex(n);
    for (int i = 0; i < 20; i++) {
      index.put(CrmRecord.company("w" + i, "Widgets Number " + i, null, null, null));
    }
    index.put(CrmRecord.company("z", "Zephyr Widgets", null, null, null));
    Profile q = Profile.of(QueastCompany.builder().name("Zephyr Widgets").build(), n);
    // A small index: the relative cut-off (100) lets the common token propose too.
    assertThat(index.nameCandidates(q, 40)).hasSizeGreaterThan(1);
    // As in a large one: "widgets" is past the cut-off, only the rare keys propose.
    index.blockingLimits(5, CrmIndex.READ_BUDGET);
    assertThat(index.nameCandidates(q, 40))
        .extracting(r -> r.record().crmId())
        .containsExactly("z");
    // The read budget stops the same way, the rarest keys having been read first.
    index.blockingLimits(CrmIndex.MAX_COMMON, 8);
    assertThat(index.nameCandidates(q, 40))
        .extracting(r -> r.record().crmId())
        .containsExactly("z");
  }

  @Test
  void theCutOffStopsGrowingWithTheIndex() {
    assertThat(CrmIndex.common(10_000)).isEqualTo(CrmIndex.MIN_COMMON);
    assertThat(Math.min(CrmIndex.MAX_COMMON, CrmIndex.common(100_000))).isEqualTo(500);
    assertThat(Math.min(CrmIndex.MAX_COMMON, CrmIndex.common(1_000_000))).isEqualTo(500);
  }
}

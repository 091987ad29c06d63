package com.queast.gateway.matching;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MatchDecisionJsonTest {

  private final Normalizers n = Normalizers.defaults();

  @Test
  void decisionAndEvidenceSerialiseForTheReviewQueue() throws Exception {
    CrmIndex index = new CrmIndex(n);
    index.put(
        CrmRecord.builder(RecordKind.COMPANY, "42")
            .name("Acme GmbH")
            .domain("acme.de")
            .country("DE")
            .city("München")
            .build());
    MatchDecision d =
        new IdentityMatcher(index, MatchThresholds.DEFAULT, n)
            .match(QueastCompany.builder().name("ACME").domain("https://acme.de").build());
    JsonNode json = new ObjectMapper().valueToTree(d);
    assertThat(json.get("outcome").asText()).isEqualTo("AUTO_LINK");
    assertThat(json.get("crmId").asText()).isEqualTo("42");
    JsonNode best = json.get("evidence").get(0);
    assertThat(best.get("strategy").asText()).isEqualTo("domain");
    assertThat(best.get("score").asDouble()).isGreaterThanOrEqualTo(0.9);
    assertThat(best.get("agreed").toString()).contains("domain");
    assertThat(best.get("disagreed").isArray()).isTrue();
    assertThat(best.get("detail").asText()).contains("acme.de");
  }

  @Test
  void personLinkedInProfileLinksAndCompanyPageDoesNot() {
    CrmIndex index = new CrmIndex(n);
    index.put(CrmRecord.person("p1", "Jane Doe", null, "https://www.linkedin.com/in/jane-doe/"));
    IdentityMatcher m = new IdentityMatcher(index, MatchThresholds.DEFAULT, n);
    MatchDecision d =
        m.match(
            new QueastPerson(
                null,
                "Jane Doe",
                null,
                "linkedin.com/in/Jane-Doe?x=1",
                null,
                null,
                null,
                null,
                null));
    assertThat(d.outcome()).isEqualTo(MatchOutcome.AUTO_LINK);
    assertThat(d.strategy()).isEqualTo("linkedin");
    MatchDecision company =
        m.match(
            QueastCompany.builder()
                .name("Jane Doe Consulting")
                .linkedin("linkedin.com/company/jane-doe")
                .build());
    assertThat(company.outcome()).isEqualTo(MatchOutcome.CREATE);
  }

  @Test
  void matchingWhileTheIndexIsUpdatedIsSafe() throws Exception {
    CrmIndex index = new CrmIndex(n);
    IdentityMatcher m =
        new IdentityMatcher(index, MatchThresholds.DEFAULT.withNameAutoLink(true), n);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Integer> writer =
          () -> {
            for (int i = 0; i < 2_000; i++) {
              index.put(CrmRecord.company("c" + i, "Company " + i + " Labs", null, null, null));
              if (i % 3 == 0) {
                index.remove(RecordKind.COMPANY, "c" + (i / 2));
              }
            }
            return 0;
          };
      Callable<Integer> reader =
          () -> {
            int linked = 0;
            for (int i = 0; i < 2_000; i++) {
              MatchDecision d =
                  m.match(QueastCompany.builder().name("Company " + i + " Labs").build());
              linked += d.outcome() == MatchOutcome.AUTO_LINK ? 1 : 0;
            }
            return linked;
          };
      List<Future<Integer>> futures = new ArrayList<>(pool.invokeAll(List.of(writer, reader)));
      for (Future<Integer> f : futures) {
        assertThat(f.get()).isNotNegative();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(index.size(RecordKind.COMPANY)).isEqualTo(2_000 - 667);
    assertThat(m.match(QueastCompany.builder().name("Company 1999 Labs").build()).outcome())
        .isEqualTo(MatchOutcome.AUTO_LINK);
  }
}

package com.queast.gateway.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Regression gate on the converted datasets at the default thresholds. Figures and the reasons for
 * each bound are in docs/matching.md.
 */
class MatchEvaluationTest {

  private static List<PairEvaluation.Scored> scored(String file) throws Exception {
    try (Reader r =
        new InputStreamReader(
            MatchEvaluationTest.class.getResourceAsStream("/matching/" + file),
            StandardCharsets.UTF_8)) {
      return PairEvaluation.score(
          PairFileReader.read(r), MatchThresholds.DEFAULT, Normalizers.defaults());
    }
  }

  @Test
  void chicagoOrganisationsMeetTheTargets() throws Exception {
    List<PairEvaluation.Scored> s = scored("chicago-org-pairs.csv");
    Confusion auto = PairEvaluation.autoLink(s);
    Confusion review = PairEvaluation.autoOrReview(s);
    assertThat(review.recall()).isGreaterThanOrEqualTo(0.95);
    // The source labels put a few identical name+address records in different clusters (see
    // docs/matching.md); those are the only wrong auto-links allowed.
    long unexplained =
        s.stream()
            .filter(x -> !x.pair().same() && x.decision().outcome() == MatchOutcome.AUTO_LINK)
            .filter(x -> !identicalNameAndAddress(x.pair()))
            .count();
    assertThat(unexplained).isLessThanOrEqualTo(2);
    assertThat(auto.precision()).isGreaterThanOrEqualTo(0.99);
  }

  @Test
  void chicagoWithNamesAloneAllowedToLinkStaysWithinTheLabelNoise() throws Exception {
    try (Reader r =
        new InputStreamReader(
            MatchEvaluationTest.class.getResourceAsStream("/matching/chicago-org-pairs.csv"),
            StandardCharsets.UTF_8)) {
      List<PairEvaluation.Scored> s =
          PairEvaluation.score(
              PairFileReader.read(r),
              MatchThresholds.DEFAULT.withNameAutoLink(true),
              Normalizers.defaults());
      // A tenant that opts in gets many more auto-links (recall 0.42 instead of 0.13) at the cost
      // of the source's label noise (identical records in different clusters).
      assertThat(PairEvaluation.autoLink(s).recall()).isGreaterThan(0.4);
      assertThat(PairEvaluation.autoLink(s).precision()).isGreaterThanOrEqualTo(0.985);
      assertThat(PairEvaluation.autoOrReview(s).recall()).isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void blockingProposesTheTrueRecordForNearlyAllChicagoPositives() throws Exception {
    try (Reader r =
        new InputStreamReader(
            MatchEvaluationTest.class.getResourceAsStream("/matching/chicago-org-pairs.csv"),
            StandardCharsets.UTF_8)) {
      assertThat(PairEvaluation.candidateRecall(PairFileReader.read(r), Normalizers.defaults()))
          .isGreaterThanOrEqualTo(0.94);
    }
  }

  @Test
  void companyNamePairsNeverAutoLinkWrongly() throws Exception {
    List<PairEvaluation.Scored> s = scored("company-name-pairs.csv");
    assertThat(PairEvaluation.autoLink(s).precision()).isGreaterThanOrEqualTo(0.99);
    // 65 of 71: the misses need outside knowledge (tickers AAPL, MSFT; Facebook -> Meta) or are a
    // brand that is not a romanisation of its Chinese name (腾讯 "tengxun" / Tencent, 3 pairs).
    assertThat(PairEvaluation.autoOrReview(s).recall()).isGreaterThanOrEqualTo(0.91);
    assertThat(PairEvaluation.autoOrReview(s).precision()).isGreaterThanOrEqualTo(0.98);
    List<PairEvaluation.Scored> latin =
        s.stream()
            .filter(x -> isLatin(x.pair().queast().name()) && isLatin(x.pair().crm().name()))
            .toList();
    assertThat(PairEvaluation.autoOrReview(latin).recall()).isGreaterThanOrEqualTo(0.94);
    // Names in another script reach review through transliteration, never auto-link on a name.
    List<PairEvaluation.Scored> crossScript =
        s.stream()
            .filter(x -> !isLatin(x.pair().queast().name()) || !isLatin(x.pair().crm().name()))
            .toList();
    assertThat(PairEvaluation.autoOrReview(crossScript).recall()).isGreaterThanOrEqualTo(0.8);
    assertThat(crossScript)
        .filteredOn(x -> x.decision().outcome() == MatchOutcome.AUTO_LINK)
        .filteredOn(x -> !x.pair().queast().name().equals(x.pair().crm().name()))
        .isEmpty();
  }

  @Test
  void handwrittenEdgeCasesNeverAutoLinkWrongly() throws Exception {
    List<PairEvaluation.Scored> s = scored("handwritten-edge-pairs.csv");
    assertThat(PairEvaluation.autoLink(s).falsePositives()).isZero();
    // Two positives are renames (Alphabet/Google, Basecamp/37signals) no field can reveal.
    assertThat(PairEvaluation.autoOrReview(s).recall()).isGreaterThanOrEqualTo(0.9);
    // Competitors across scripts and companies sharing initials are not even reviewed.
    assertThat(s)
        .filteredOn(x -> !x.pair().same() && x.pair().line() >= 38)
        .allMatch(x -> x.decision().outcome() == MatchOutcome.CREATE);
  }

  @Test
  void commandPrintsTablesAndJsonLastLine() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new MatchEvalCommand());
    cli.setOut(new PrintWriter(out));
    int code =
        cli.execute(
            "--pairs", Path.of("src/test/resources/matching/company-name-pairs.csv").toString());
    assertThat(code).isZero();
    String[] lines = out.toString().strip().split("\\R");
    assertThat(out.toString()).contains("deciding strategy").contains("score >=");
    assertThat(lines[lines.length - 1])
        .matches(
            "\\{\"autoLink\": \\{\"precision\": [0-9.]+, \"recall\": [0-9.]+\\}, "
                + "\"autoOrReview\": \\{\"precision\": [0-9.]+, \"recall\": [0-9.]+\\}\\}");
  }

  @Test
  void commandFailsClearlyOnAMissingColumn(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path bad = dir.resolve("bad.csv");
    java.nio.file.Files.writeString(bad, "queast_name,crm_name,label\nA,A,1\n");
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new MatchEvalCommand());
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("--pairs", bad.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("missing required column").contains("queast_domain");
  }

  private static boolean identicalNameAndAddress(LabelledPair p) {
    Normalizers n = Normalizers.defaults();
    return n.companyName()
            .normalize(p.queast().name())
            .sortedKey()
            .equals(n.companyName().normalize(p.crm().name()).sortedKey())
        && n.location()
            .houseNumber(p.queast().address())
            .equals(n.location().houseNumber(p.crm().address()));
  }

  private static boolean isLatin(String s) {
    return s.codePoints().allMatch(cp -> cp < 0x0250 || !Character.isLetter(cp));
  }
}

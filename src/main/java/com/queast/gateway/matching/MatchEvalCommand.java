package com.queast.gateway.matching;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code match-eval}: scores a labelled pairs file and prints per-strategy and per-threshold
 * tables, then, as the last line, {@code {"autoLink": {"precision": p, "recall": r},
 * "autoOrReview": {"precision": p, "recall": r}}} at the chosen thresholds (defaults unless
 * overridden). Exit code 0 on success, 2 on an unreadable or malformed file.
 */
@Command(
    name = "match-eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate identity matching on labelled company pairs (CSV).")
public final class MatchEvalCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--pairs",
      required = true,
      description = "CSV with queast_*/crm_* columns and label (1 = same company)")
  Path pairs;

  @Option(names = "--auto-link", description = "auto-link threshold (default ${DEFAULT-VALUE})")
  double autoLink = MatchThresholds.DEFAULT.autoLink();

  @Option(
      names = "--name-auto-link",
      description = "let a complete name agreement auto-link without an agreeing locator")
  boolean nameAutoLink;

  @Option(names = "--review-floor", description = "review floor (default ${DEFAULT-VALUE})")
  double reviewFloor = MatchThresholds.DEFAULT.reviewFloor();

  @Option(
      names = "--calibrate",
      description = "also choose thresholds on a seeded half and report the other half")
  boolean calibrate;

  @Option(
      names = "--learn",
      description =
          "also replay the file in a seeded order, feeding the labels of the first half back as operator"
              + " decisions, and measure the second half before and after learning")
  boolean learn;

  @Option(names = "--seed", description = "order of the learning replay (default ${DEFAULT-VALUE})")
  long seed = 1;

  @Option(names = "--errors", description = "print up to N misclassified pairs (default 0)")
  int errors;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<LabelledPair> labelled;
    MatchThresholds thresholds;
    try (Reader in = Files.newBufferedReader(pairs, StandardCharsets.UTF_8)) {
      thresholds = new MatchThresholds(autoLink, reviewFloor, nameAutoLink);
      labelled = PairFileReader.read(in);
    } catch (NoSuchFileException e) {
      err.println("match-eval: no such file " + pairs);
      return 2;
    } catch (IOException | CsvFormatException | IllegalArgumentException e) {
      err.println("match-eval: " + pairs + ": " + e.getMessage());
      return 2;
    }
    List<PairEvaluation.Scored> scored =
        PairEvaluation.score(labelled, thresholds, Normalizers.defaults());
    long positives = labelled.stream().filter(LabelledPair::same).count();
    out.printf(
        Locale.ROOT,
        "pairs %d (same %d, different %d); autoLink %.2f reviewFloor %.2f nameAutoLink %s%n%n",
        labelled.size(),
        positives,
        labelled.size() - positives,
        thresholds.autoLink(),
        thresholds.reviewFloor(),
        thresholds.nameAutoLink());
    printStrategies(out, scored);
    printOwnEvidence(out, scored, thresholds);
    printThresholds(out, scored);
    out.printf(
        Locale.ROOT,
        "index candidate recall (true CRM record proposed by blocking/lookups): %.4f%n%n",
        PairEvaluation.candidateRecall(labelled, Normalizers.defaults()));
    if (calibrate) {
      printCalibration(out, scored);
    }
    printErrors(out, scored);
    if (learn) {
      printReplay(out, PairEvaluation.replay(labelled, thresholds, Normalizers.defaults(), seed));
    }
    Confusion auto = PairEvaluation.autoLink(scored);
    Confusion review = PairEvaluation.autoOrReview(scored);
    out.println(
        String.format(
            Locale.ROOT,
            "{\"autoLink\": {\"precision\": %.4f, \"recall\": %.4f}, "
                + "\"autoOrReview\": {\"precision\": %.4f, \"recall\": %.4f}}",
            auto.precision(),
            auto.recall(),
            review.precision(),
            review.recall()));
    out.flush();
    return 0;
  }

  private static void printReplay(PrintWriter out, PairEvaluation.Replay r) {
    out.printf(
        Locale.ROOT,
        "learning replay: %d operator decisions fed from the first half, %d rules learned;"
            + " second half (%d pairs):%n",
        r.decisionsFed(),
        r.rules(),
        r.after().size());
    out.println("         autoLink_P  autoLink_R  autoOrReview_R  needsHuman  reviewed  wrongAuto");
    for (var e :
        Map.of("before", r.before(), "after", r.after()).entrySet().stream()
            .sorted(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))
            .toList()) {
      Confusion auto = PairEvaluation.autoLink(e.getValue());
      Confusion review = PairEvaluation.autoOrReview(e.getValue());
      long reviewed =
          e.getValue().stream()
              .filter(s -> s.decision().outcome() == MatchOutcome.NEEDS_REVIEW)
              .count();
      long wrong =
          e.getValue().stream()
              .filter(s -> s.decision().outcome() == MatchOutcome.AUTO_LINK && !s.pair().same())
              .count();
      out.printf(
          Locale.ROOT,
          "%-8s %10.4f %11.4f %15.4f %11.4f %9d %10d%n",
          e.getKey(),
          auto.precision(),
          auto.recall(),
          review.recall(),
          1 - auto.recall(),
          reviewed,
          wrong);
    }
    Confusion a = PairEvaluation.autoLink(r.after());
    Confusion b = PairEvaluation.autoLink(r.before());
    out.println(
        String.format(
            Locale.ROOT,
            "{\"learning\": {\"before\": {\"autoLinkPrecision\": %.4f, \"autoLinkRecall\": %.4f,"
                + " \"autoOrReviewRecall\": %.4f, \"needsHuman\": %.4f}, \"after\":"
                + " {\"autoLinkPrecision\": %.4f, \"autoLinkRecall\": %.4f,"
                + " \"autoOrReviewRecall\": %.4f, \"needsHuman\": %.4f}}}",
            b.precision(),
            b.recall(),
            PairEvaluation.autoOrReview(r.before()).recall(),
            1 - b.recall(),
            a.precision(),
            a.recall(),
            PairEvaluation.autoOrReview(r.after()).recall(),
            1 - a.recall()));
    out.println();
  }

  private static void printStrategies(PrintWriter out, List<PairEvaluation.Scored> scored) {
    Map<String, int[]> rows = new TreeMap<>();
    for (PairEvaluation.Scored s : scored) {
      String strategy = s.decision().strategy() == null ? "(none)" : s.decision().strategy();
      int[] r = rows.computeIfAbsent(strategy, k -> new int[6]);
      boolean same = s.pair().same();
      r[0]++;
      r[same ? 1 : 2]++;
      switch (s.decision().outcome()) {
        case AUTO_LINK -> r[same ? 3 : 4]++;
        case NEEDS_REVIEW -> r[5]++;
        case CREATE -> {}
      }
    }
    out.println("deciding strategy   pairs   same   diff  auto_ok  auto_wrong  review");
    rows.forEach(
        (k, r) ->
            out.printf(
                Locale.ROOT,
                "%-18s %6d %6d %6d %8d %11d %7d%n",
                k,
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5]));
    out.println();
  }

  private static void printOwnEvidence(
      PrintWriter out, List<PairEvaluation.Scored> scored, MatchThresholds t) {
    out.println("strategy alone      fired  auto_P  auto_R  autoOrReview_P  autoOrReview_R");
    for (MatchStrategy s : IdentityMatcher.defaultStrategies(Normalizers.defaults())) {
      String name = s.name();
      long fired =
          scored.stream()
              .filter(
                  x -> x.decision().evidence().stream().anyMatch(e -> e.strategy().equals(name)))
              .count();
      Confusion auto = PairEvaluation.ownEvidence(scored, name, t.autoLink());
      Confusion review = PairEvaluation.ownEvidence(scored, name, t.reviewFloor());
      out.printf(
          Locale.ROOT,
          "%-18s %6d %7.4f %7.4f %15.4f %15.4f%n",
          name,
          fired,
          auto.precision(),
          auto.recall(),
          review.precision(),
          review.recall());
    }
    out.println();
  }

  private static void printThresholds(PrintWriter out, List<PairEvaluation.Scored> scored) {
    out.println("score >=  predicted  precision  recall");
    for (int i = 100; i >= 30; i -= 5) {
      double t = i / 100.0;
      Confusion c = PairEvaluation.atCutoff(scored, t);
      out.printf(
          Locale.ROOT, "%8.2f %10d %10.4f %7.4f%n", t, c.predicted(), c.precision(), c.recall());
    }
    out.println();
  }

  private static void printCalibration(PrintWriter out, List<PairEvaluation.Scored> scored) {
    out.println("calibration (choose on a seeded half, measure on the other)");
    out.println("seed  autoLink  reviewFloor  heldout_auto_P  heldout_auto_R  heldout_review_R");
    for (long seed = 1; seed <= 5; seed++) {
      ThresholdCalibrator.Result r = ThresholdCalibrator.calibrate(scored, seed);
      out.printf(
          Locale.ROOT,
          "%4d %9.2f %12.2f %15.4f %15.4f %17.4f%n",
          seed,
          r.autoLink(),
          r.reviewFloor(),
          r.heldOutAuto().precision(),
          r.heldOutAuto().recall(),
          r.heldOutReview().recall());
    }
    out.println();
  }

  private void printErrors(PrintWriter out, List<PairEvaluation.Scored> scored) {
    int shown = 0;
    for (PairEvaluation.Scored s : scored) {
      if (shown >= errors) {
        return;
      }
      MatchOutcome o = s.decision().outcome();
      boolean wrong =
          (s.pair().same() && o == MatchOutcome.CREATE)
              || (!s.pair().same() && o == MatchOutcome.AUTO_LINK);
      if (wrong) {
        shown++;
        Evidence best = s.decision().best();
        out.printf(
            Locale.ROOT,
            "line %d label %d %s %.3f %s | %s%n",
            s.pair().line(),
            s.pair().same() ? 1 : 0,
            o,
            s.decision().score(),
            best == null ? "-" : best.detail() + " " + best.disagreed(),
            s.pair().queast().name() + " <> " + s.pair().crm().name());
      }
    }
  }
}

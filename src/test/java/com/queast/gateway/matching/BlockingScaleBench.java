package com.queast.gateway.matching;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.support.BenchOutput;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Cost of matching one record as the index grows (issue 11, item 3): indexes of 10,000, 100,000 and
 * 1,000,000 companies ({@code -Dbench.blocking.sizes=...}), with <em>realistic</em> names and with
 * <em>look-alike</em> names, each queried with 2,000 records (half typo variants of indexed names,
 * half unknown names). Realistic names are real names from the labelled datasets in {@code
 * ../shared/datasets/matching/} whose most distinctive word is replaced by a word drawn from a
 * character model trained on the datasets' own words, so the common words ({@code center}, {@code
 * academy}, {@code chicago}, {@code inc}) keep their real frequencies while the distinctive ones
 * grow with the index, as in a real CRM. Look-alikes are synthetic ({@code Company 123456}, {@code
 * Holding Xyz 42}, {@code Xyz Holding}): every record shares most of its keys with a third of the
 * index. Writes {@code matching-scale.json}. Asserts only that a variant finds its own record.
 */
class BlockingScaleBench {

  private static final Path DATASETS =
      Path.of(System.getProperty("datasets", "../../shared/datasets/matching"));
  private static final int QUERIES = 2_000;

  @Test
  void matchingCostDoesNotGrowWithTheIndex() throws Exception {
    Normalizers n = Normalizers.defaults();
    List<String> real = realNames();
    WordModel words = WordModel.train(real);
    List<Integer> sizes = new ArrayList<>();
    for (String size :
        System.getProperty("bench.blocking.sizes", "10000,100000,1000000").split(",")) {
      sizes.add(Integer.parseInt(size.trim()));
    }
    JsonArray runs = new JsonArray();
    for (String shape : List.of("realistic", "lookalike")) {
      grow(n, shape, sizes, real, words, runs);
      System.gc();
    }
    BenchOutput.write(
        "matching-scale",
        new JsonObject()
            .put("queriesPerRun", QUERIES)
            .put("load", Files.readString(Path.of("/proc/loadavg")).strip())
            .put("runs", runs));
  }

  /**
   * Blocking recall of the labelled Chicago pairs when their CRM records sit among {@code
   * bench.blocking.distractors} (1,000,000) realistic other names: the share of true pairs whose
   * CRM record is still among the candidates, with the limits before ADR 0005 and after, on the
   * same index. Writes {@code matching-scale-recall.json}.
   */
  @Test
  void labelledPairsKeepTheirCandidatesAmongManyDistractors() throws Exception {
    Normalizers n = Normalizers.defaults();
    List<String> real = realNames();
    WordModel words = WordModel.train(real);
    int distractors = Integer.getInteger("bench.blocking.distractors", 1_000_000);
    List<LabelledPair> pairs;
    try (Reader r =
        Files.newBufferedReader(
            Path.of("src/test/resources/matching/chicago-org-pairs.csv"), StandardCharsets.UTF_8)) {
      pairs = PairFileReader.read(r);
    }
    CrmIndex index = new CrmIndex(n);
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < distractors; i++) {
      // The distinctive word is always replaced: no distractor is a labelled record's twin.
      String name;
      do {
        name = realistic(random, real, words);
      } while (real.contains(name));
      index.put(CrmRecord.company("x" + i, name, null, null, "US"));
    }
    Map<String, String> ids = new HashMap<>();
    for (LabelledPair p : pairs) {
      String key = content(p.crm());
      if (!ids.containsKey(key)) {
        String id = "crm-" + ids.size();
        ids.put(key, id);
        CrmRecord c = p.crm();
        index.put(
            new CrmRecord(
                c.kind(),
                id,
                c.queastId(),
                c.name(),
                c.domain(),
                c.linkedin(),
                c.email(),
                c.country(),
                c.city(),
                c.postcode(),
                c.address()));
      }
    }
    JsonObject out =
        new JsonObject()
            .put("pairs", pairs.size())
            .put("distractors", distractors)
            .put("load", Files.readString(Path.of("/proc/loadavg")).strip());
    List<MatchStrategy> strategies = IdentityMatcher.defaultStrategies(n);
    for (String limits : List.of("before", "after")) {
      if ("before".equals(limits)) {
        index.blockingLimits(CrmIndex.MAX_POSTING, Integer.MAX_VALUE);
      } else {
        index.blockingLimits(CrmIndex.MAX_COMMON, CrmIndex.READ_BUDGET);
      }
      int positives = 0;
      int found = 0;
      long start = System.nanoTime();
      for (LabelledPair p : pairs) {
        if (!p.same()) {
          continue;
        }
        positives++;
        String want = ids.get(content(p.crm()));
        Profile subject = Profile.of(p.queast(), n);
        boolean hit = false;
        for (MatchStrategy s : strategies) {
          for (IndexedRecord r : s.candidates(subject, index)) {
            hit |= r.record().crmId().equals(want);
          }
        }
        found += hit ? 1 : 0;
      }
      out.put(
          limits,
          new JsonObject()
              .put("candidateRecall", Math.round(10_000.0 * found / positives) / 10_000.0)
              .put("found", found)
              .put("positives", positives)
              .put("seconds", round((System.nanoTime() - start) / 1e9)));
    }
    BenchOutput.write("matching-scale-recall", out);
  }

  /** A CRM record's content without its id (the pairs repeat CRM records under other ids). */
  private static String content(CrmRecord c) {
    return java.util.Arrays.asList(
            c.kind(),
            c.queastId(),
            c.name(),
            c.domain(),
            c.linkedin(),
            c.email(),
            c.country(),
            c.city(),
            c.postcode(),
            c.address())
        .toString();
  }

  /**
   * Grows one index to each size in turn and, at each, matches fresh queries with the blocking
   * limits before ADR 0005 ({@code before}) and with the current ones ({@code after}), each twice
   * (the first pass warms up).
   */
  private static void grow(
      Normalizers n,
      String shape,
      List<Integer> sizes,
      List<String> real,
      WordModel words,
      JsonArray runs) {
    SplittableRandom random = new SplittableRandom(shape.length() * 31L);
    CrmIndex index = new CrmIndex(n);
    List<String> names = new ArrayList<>();
    IdentityMatcher matcher = new IdentityMatcher(index, MatchThresholds.DEFAULT, n);
    long buildNanos = 0;
    for (int size : sizes) {
      long buildStart = System.nanoTime();
      for (int i = names.size(); i < size; i++) {
        String name =
            "realistic".equals(shape)
                ? realistic(random, real, words)
                : lookalike(random, words, i);
        names.add(name);
        index.put(CrmRecord.company("c" + i, name, null, null, "US"));
      }
      buildNanos += System.nanoTime() - buildStart;
      List<QueastCompany> queries = new ArrayList<>(QUERIES);
      List<String> expected = new ArrayList<>(QUERIES);
      for (int i = 0; i < QUERIES; i++) {
        if (i % 2 == 0) {
          String target = names.get(random.nextInt(size));
          queries.add(
              QueastCompany.builder().name(target.toUpperCase(Locale.ROOT)).country("US").build());
          expected.add(target);
        } else {
          String name =
              "realistic".equals(shape)
                  ? realistic(random, real, words)
                  : lookalike(random, words, size + random.nextInt(1_000_000_000));
          queries.add(QueastCompany.builder().name(name).country("US").build());
          expected.add(null);
        }
      }
      int pass = 0;
      for (String limits : List.of("before", "after", "before", "after")) {
        if ("before".equals(limits)) {
          index.blockingLimits(CrmIndex.MAX_POSTING, Integer.MAX_VALUE);
        } else {
          index.blockingLimits(CrmIndex.MAX_COMMON, CrmIndex.READ_BUDGET);
        }
        JsonObject out = measure(n, index, matcher, queries, expected);
        out.put("shape", shape)
            .put("indexRecords", size)
            .put("limits", limits)
            .put("pass", pass++ < 2 ? "warm-up" : "measured")
            .put("indexBuildSecondsSoFar", round(buildNanos / 1e9));
        System.out.println(out.encode());
        runs.add(out);
      }
    }
    index.blockingLimits(CrmIndex.MAX_COMMON, CrmIndex.READ_BUDGET);
  }

  private static JsonObject measure(
      Normalizers n,
      CrmIndex index,
      IdentityMatcher matcher,
      List<QueastCompany> queries,
      List<String> expected) {
    Histogram h = new Histogram(3_600_000_000L, 3);
    int found = 0;
    int variants = 0;
    long start = System.nanoTime();
    for (int i = 0; i < queries.size(); i++) {
      long t0 = System.nanoTime();
      MatchDecision d = matcher.match(queries.get(i));
      h.recordValue(System.nanoTime() - t0);
      if (expected.get(i) != null) {
        variants++;
        IndexedRecord r = d.crmId() == null ? null : index.byCrmId(RecordKind.COMPANY, d.crmId());
        if (r != null
            && n.companyName()
                .normalize(r.record().name())
                .key()
                .equals(n.companyName().normalize(expected.get(i)).key())) {
          found++;
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    // A variant's own name (or an identical twin) is proposed.
    assertThat(found).isGreaterThanOrEqualTo((int) (variants * 0.95));
    return new JsonObject()
        .put("recordsPerSecond", Math.round(queries.size() / seconds))
        .put("p50Micros", round(h.getValueAtPercentile(50) / 1e3))
        .put("p99Micros", round(h.getValueAtPercentile(99) / 1e3))
        .put("maxMicros", round(h.getMaxValue() / 1e3))
        .put("meanMicros", round(h.getMean() / 1e3))
        .put("variantsFound", found)
        .put("variants", variants);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /**
   * A real name whose most distinctive word (the longest alphabetic one) is replaced by a generated
   * word most of the time.
   */
  static String realistic(SplittableRandom random, List<String> real, WordModel words) {
    String[] tokens = real.get(random.nextInt(real.size())).split("\\s+");
    int longest = -1;
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i].matches("\\p{L}{3,}")
          && (longest < 0 || tokens[i].length() > tokens[longest].length())) {
        longest = i;
      }
    }
    if (longest >= 0 && random.nextInt(10) < 8) {
      tokens[longest] = words.word(random);
    }
    return String.join(" ", tokens);
  }

  /** Names that share most of their keys with a third of the index. */
  static String lookalike(SplittableRandom random, WordModel words, int i) {
    return switch (i % 3) {
      case 0 -> "Company " + i;
      case 1 -> "Holding " + words.word(random) + " " + (i % 1000);
      default -> words.word(random) + " Holding";
    };
  }

  private static List<String> realNames() throws Exception {
    List<String> out = new ArrayList<>();
    try (Reader r =
        Files.newBufferedReader(
            DATASETS.resolve("dedupe-chicago-orgs/csv_example_input_with_true_ids.csv"),
            StandardCharsets.UTF_8)) {
      List<CsvParser.Row> rows = CsvParser.parse(r);
      int col = rows.get(0).fields().indexOf("Site name");
      for (CsvParser.Row row : rows.subList(1, rows.size())) {
        String name = row.fields().get(col).replaceAll("\\s+", " ").strip();
        if (!name.isEmpty()) {
          out.add(name);
        }
      }
    }
    try (Reader r =
        Files.newBufferedReader(
            DATASETS.resolve("company-names/company_name_pairs.csv"), StandardCharsets.UTF_8)) {
      List<CsvParser.Row> rows = CsvParser.parse(r);
      for (CsvParser.Row row : rows.subList(1, rows.size())) {
        for (String name : row.fields().subList(0, 2)) {
          if (name.chars().allMatch(c -> c < 0x250)) {
            out.add(name.strip());
          }
        }
      }
    }
    assertThat(out).hasSizeGreaterThan(3_000);
    return out;
  }

  /** An order-2 character model of the datasets' words: plausible new words, none copied. */
  static final class WordModel {
    private final Map<String, List<Character>> next = new HashMap<>();

    static WordModel train(List<String> names) {
      WordModel m = new WordModel();
      for (String name : names) {
        for (String w : name.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
          if (w.length() < 4) {
            continue;
          }
          String s = "^^" + w + "$";
          for (int i = 2; i < s.length(); i++) {
            m.next.computeIfAbsent(s.substring(i - 2, i), k -> new ArrayList<>()).add(s.charAt(i));
          }
        }
      }
      return m;
    }

    String word(SplittableRandom random) {
      StringBuilder sb = new StringBuilder();
      String state = "^^";
      while (sb.length() < 12) {
        List<Character> options = next.get(state);
        char c = options.get(random.nextInt(options.size()));
        if (c == '$') {
          if (sb.length() >= 4) {
            break;
          }
          sb.setLength(0);
          state = "^^";
          continue;
        }
        sb.append(c);
        state = state.charAt(1) + String.valueOf(c);
      }
      sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
      return sb.toString();
    }
  }
}

package com.queast.gateway.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Throughput of a 100,000-record backfill matched against a 100,000-record CRM index (synthetic,
 * seeded): half the queries are spelling variants of indexed companies (case, legal form, URL form
 * of the domain), half are companies the CRM does not have (built from other syllables). Runs only
 * in the {@code bench} profile: {@code ./mvnw -o -Pbench verify}. Writes {@code matching.json}
 * under {@code bench.out}.
 */
class MatcherBench {

  private static final int RECORDS = 100_000;
  private static final String[] SYLLABLES = {
    "ka", "lo", "mi", "ra", "ten", "vo", "zu", "bel", "cor", "dan", "el", "fin", "gar", "hol",
    "is", "jor", "kel", "lin", "mar", "nor", "os", "pel", "qua", "ros", "sil", "tor", "ul", "ven",
    "wil", "xan", "yor", "zen", "ab", "ber", "cin", "dor", "eth", "fal", "gin", "har"
  };

  /** Syllables of companies that are not in the CRM: disjoint from {@link #SYLLABLES}. */
  private static final String[] NEW_SYLLABLES = {
    "bru", "chu", "dwi", "fro", "glu", "kri", "plo", "sna", "tru", "vri", "whe", "zlo", "ske",
    "pra", "blu", "cre", "dro", "fli", "gra", "tho"
  };

  private static final String[] GENERIC = {
    "Group",
    "Systems",
    "Labs",
    "Partners",
    "Solutions",
    "Consulting",
    "Logistics",
    "Foods",
    "Media",
    "Health",
    "Capital",
    "Software",
    "Energy",
    "Bank",
    "Motors"
  };
  private static final String[] SUFFIX = {"Inc.", "LLC", "Ltd", "GmbH", "S.A.", "Corp", "", "", ""};
  private static final String[] COUNTRY = {"US", "GB", "DE", "FR", "NL", "ES", "IT", "SE"};

  @Test
  void matchHundredThousandAgainstHundredThousand() throws Exception {
    SplittableRandom random = new SplittableRandom(42);
    Normalizers n = Normalizers.defaults();
    List<CrmRecord> crm = new ArrayList<>(RECORDS);
    for (int i = 0; i < RECORDS; i++) {
      String core =
          word(random, SYLLABLES) + (random.nextInt(3) == 0 ? " " + word(random, SYLLABLES) : "");
      String name = core + " " + pick(random, GENERIC) + " " + pick(random, SUFFIX);
      String domain = random.nextInt(10) < 6 ? core.replace(" ", "") + i % 7 + ".com" : null;
      crm.add(CrmRecord.company("c" + i, name.strip(), domain, null, pick(random, COUNTRY)));
    }
    long buildStart = System.nanoTime();
    CrmIndex index = new CrmIndex(n);
    crm.forEach(index::put);
    double buildSeconds = (System.nanoTime() - buildStart) / 1e9;

    List<QueastCompany> queries = new ArrayList<>(RECORDS);
    for (int i = 0; i < RECORDS; i++) {
      if (random.nextBoolean()) {
        CrmRecord r = crm.get(random.nextInt(RECORDS));
        String name = r.name().toUpperCase(Locale.ROOT).replace("INC.", "Incorporated");
        queries.add(
            QueastCompany.builder()
                .name(name)
                .domain(
                    random.nextBoolean() && r.domain() != null ? "https://www." + r.domain() : null)
                .country(r.country())
                .build());
      } else {
        String name =
            word(random, NEW_SYLLABLES)
                + " "
                + word(random, NEW_SYLLABLES)
                + " "
                + pick(random, GENERIC);
        queries.add(QueastCompany.builder().name(name).country(pick(random, COUNTRY)).build());
      }
    }
    IdentityMatcher matcher = new IdentityMatcher(index, MatchThresholds.DEFAULT, n);
    for (int i = 0; i < 5_000; i++) {
      matcher.match(queries.get(i));
    }
    long[] nanos = new long[RECORDS];
    int[] outcomes = new int[3];
    long start = System.nanoTime();
    for (int i = 0; i < RECORDS; i++) {
      long t0 = System.nanoTime();
      MatchDecision d = matcher.match(queries.get(i));
      nanos[i] = System.nanoTime() - t0;
      outcomes[d.outcome().ordinal()]++;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(nanos);
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long heap = rt.totalMemory() - rt.freeMemory();
    assertThat(index.size(RecordKind.COMPANY)).isEqualTo(RECORDS);

    String json =
        String.format(
            Locale.ROOT,
            "{\"indexRecords\": %d, \"matched\": %d, \"indexBuildSeconds\": %.2f, "
                + "\"recordsPerSecond\": %.0f, \"p50Micros\": %.1f, \"p99Micros\": %.1f, "
                + "\"heapUsedMb\": %.0f, \"autoLink\": %d, \"needsReview\": %d, \"create\": %d, "
                + "\"threads\": 1}%n",
            RECORDS,
            RECORDS,
            buildSeconds,
            RECORDS / seconds,
            nanos[RECORDS / 2] / 1e3,
            nanos[(int) (RECORDS * 0.99)] / 1e3,
            heap / 1048576.0,
            outcomes[0],
            outcomes[1],
            outcomes[2]);
    Path dir = Path.of(System.getProperty("bench.out", "target/bench"));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("matching.json"), json, StandardCharsets.UTF_8);
    System.out.print(json);

    crossScript(index, matcher, queries, random, dir);
  }

  /**
   * Names in another script cost an ICU transliteration once per record: 10,000 CRM companies with
   * Hangul names are added to the index, then 10,000 queries are matched, half Hangul variants of
   * those (legal form added), half the Latin queries above (which now also meet transliterated
   * records through skeleton keys). Writes {@code matching-cross-script.json}.
   */
  private static void crossScript(
      CrmIndex index,
      IdentityMatcher matcher,
      List<QueastCompany> latinQueries,
      SplittableRandom random,
      Path dir)
      throws Exception {
    int count = 10_000;
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      StringBuilder name = new StringBuilder();
      int syllables = 2 + random.nextInt(3);
      for (int j = 0; j < syllables; j++) {
        name.appendCodePoint(0xAC00 + random.nextInt(11_172));
      }
      names.add(name.toString());
    }
    long buildStart = System.nanoTime();
    for (int i = 0; i < count; i++) {
      index.put(CrmRecord.company("k" + i, names.get(i), null, null, "KR"));
    }
    double buildMicros = (System.nanoTime() - buildStart) / 1e3 / count;
    List<QueastCompany> queries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      queries.add(
          i % 2 == 0
              ? QueastCompany.builder()
                  .name(names.get(random.nextInt(count)) + " 주식회사")
                  .country("KR")
                  .build()
              : latinQueries.get(i));
    }
    int[] outcomes = new int[3];
    long start = System.nanoTime();
    for (QueastCompany q : queries) {
      outcomes[matcher.match(q).outcome().ordinal()]++;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String json =
        String.format(
            Locale.ROOT,
            "{\"crossScriptRecordsIndexed\": %d, \"indexMicrosPerRecord\": %.1f, "
                + "\"matched\": %d, \"recordsPerSecond\": %.0f, \"autoLink\": %d, "
                + "\"needsReview\": %d, \"create\": %d}%n",
            count,
            buildMicros,
            count,
            count / seconds,
            outcomes[0],
            outcomes[1],
            outcomes[2]);
    Files.writeString(dir.resolve("matching-cross-script.json"), json, StandardCharsets.UTF_8);
    System.out.print(json);
  }

  private static String word(SplittableRandom random, String[] syllables) {
    StringBuilder sb = new StringBuilder();
    int count = 2 + random.nextInt(2);
    for (int i = 0; i < count; i++) {
      sb.append(syllables[random.nextInt(syllables.length)]);
    }
    sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
    return sb.toString();
  }

  private static String pick(SplittableRandom random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}

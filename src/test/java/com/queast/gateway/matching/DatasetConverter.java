package com.queast.gateway.matching;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One-off tool converting {@code ../shared/datasets/matching} into the labelled-pairs format under
 * {@code src/test/resources/matching/}. Run: {@code java -cp
 * target/classes:target/test-classes:<deps> com.queast.gateway.matching.DatasetConverter
 * <datasets-dir> <out-dir>}.
 *
 * <p>Chicago organisations: positives are up to {@value #POSITIVES_PER_CLUSTER} seeded pairs inside
 * each true cluster; negatives are, per seeded record, its most name-similar record in another
 * cluster (plain token Jaccard, independent of the matcher) or, alternately, a random record of
 * another cluster in the same ZIP code. The website becomes the domain only when it looks like one;
 * the address and ZIP are kept as optional columns.
 */
public final class DatasetConverter {

  static final long SEED = 20261127L;
  static final int POSITIVES_PER_CLUSTER = 3;

  private static final String HEADER =
      "queast_name,queast_domain,queast_linkedin,queast_country,queast_address,queast_postcode,"
          + "crm_name,crm_domain,crm_linkedin,crm_country,crm_address,crm_postcode,label\n";

  private record Org(int row, String cluster, String name, String address, String zip, String web) {
    Set<String> tokens() {
      return new HashSet<>(List.of(TextFolding.foldToTokens(name).split(" ")));
    }
  }

  private DatasetConverter() {}

  /**
   * Converts both datasets.
   *
   * @param args datasets directory, output directory
   * @throws IOException on I/O failure
   */
  public static void main(String[] args) throws IOException {
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Files.createDirectories(out);
    convertNames(
        in.resolve("company-names/company_name_pairs.csv"), out.resolve("company-name-pairs.csv"));
    convertChicago(
        in.resolve("dedupe-chicago-orgs/csv_example_input_with_true_ids.csv"),
        out.resolve("chicago-org-pairs.csv"));
  }

  static void convertNames(Path src, Path dst) throws IOException {
    List<CsvParser.Row> rows;
    try (Reader r = Files.newBufferedReader(src, StandardCharsets.UTF_8)) {
      rows = CsvParser.parse(r);
    }
    try (Writer w = Files.newBufferedWriter(dst, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      for (CsvParser.Row row : rows.subList(1, rows.size())) {
        List<String> f = row.fields();
        w.write(line(f.get(0), "", "", "", f.get(1), "", "", "", f.get(2)));
      }
    }
  }

  static void convertChicago(Path src, Path dst) throws IOException {
    List<CsvParser.Row> rows;
    try (Reader r = Files.newBufferedReader(src, StandardCharsets.UTF_8)) {
      rows = CsvParser.parse(r);
    }
    List<String> header = rows.get(0).fields();
    int cluster = header.indexOf("True Id");
    int name = header.indexOf("Site name");
    int address = header.indexOf("Address");
    int zip = header.indexOf("Zip");
    int web = header.indexOf("Website");
    List<Org> orgs = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      List<String> f = rows.get(i).fields();
      String site = clean(f.get(name));
      if (site.isEmpty()) {
        continue;
      }
      String website = clean(f.get(web));
      orgs.add(
          new Org(
              i,
              f.get(cluster).strip(),
              site,
              clean(f.get(address)),
              clean(f.get(zip)),
              website.contains(".") ? website : ""));
    }
    Random random = new Random(SEED);
    Map<String, List<Org>> clusters = new LinkedHashMap<>();
    for (Org o : orgs) {
      clusters.computeIfAbsent(o.cluster(), k -> new ArrayList<>()).add(o);
    }
    List<String> lines = new ArrayList<>();
    for (List<Org> members : clusters.values()) {
      List<Org[]> pairs = new ArrayList<>();
      for (int i = 0; i < members.size(); i++) {
        for (int j = i + 1; j < members.size(); j++) {
          pairs.add(new Org[] {members.get(i), members.get(j)});
        }
      }
      Collections.shuffle(pairs, random);
      for (Org[] p : pairs.subList(0, Math.min(POSITIVES_PER_CLUSTER, pairs.size()))) {
        lines.add(pairLine(p[0], p[1], true, random));
      }
    }
    int positives = lines.size();
    List<Org> shuffled = new ArrayList<>(orgs);
    Collections.shuffle(shuffled, random);
    Map<String, List<Org>> byZip = new HashMap<>();
    for (Org o : orgs) {
      if (!o.zip().isEmpty()) {
        byZip.computeIfAbsent(o.zip(), k -> new ArrayList<>()).add(o);
      }
    }
    Set<String> seen = new HashSet<>();
    int negatives = 0;
    for (int i = 0; i < shuffled.size() && negatives < positives; i++) {
      Org a = shuffled.get(i);
      Org b = i % 2 == 0 ? mostSimilar(a, orgs) : sameZip(a, byZip, random);
      if (b == null) {
        continue;
      }
      String key = Math.min(a.row(), b.row()) + "-" + Math.max(a.row(), b.row());
      if (seen.add(key)) {
        lines.add(pairLine(a, b, false, random));
        negatives++;
      }
    }
    try (Writer w = Files.newBufferedWriter(dst, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      for (String l : lines) {
        w.write(l);
      }
    }
    System.out.printf(Locale.ROOT, "chicago: %d positives, %d negatives%n", positives, negatives);
  }

  private static Org mostSimilar(Org a, List<Org> orgs) {
    Set<String> ta = a.tokens();
    Org best = null;
    double bestScore = 0;
    for (Org b : orgs) {
      if (b.cluster().equals(a.cluster())) {
        continue;
      }
      Set<String> tb = b.tokens();
      Set<String> inter = new HashSet<>(ta);
      inter.retainAll(tb);
      double jaccard = inter.size() / (double) (ta.size() + tb.size() - inter.size());
      if (jaccard > bestScore) {
        bestScore = jaccard;
        best = b;
      }
    }
    return best;
  }

  private static Org sameZip(Org a, Map<String, List<Org>> byZip, Random random) {
    List<Org> others = new ArrayList<>();
    for (Org b : byZip.getOrDefault(a.zip(), List.of())) {
      if (!b.cluster().equals(a.cluster())) {
        others.add(b);
      }
    }
    return others.isEmpty() ? null : others.get(random.nextInt(others.size()));
  }

  private static String pairLine(Org a, Org b, boolean same, Random random) {
    Org q = random.nextBoolean() ? a : b;
    Org c = q == a ? b : a;
    return line(
        q.name(),
        q.web(),
        "",
        "US",
        q.address(),
        q.zip(),
        c.name(),
        c.web(),
        "",
        "US",
        c.address(),
        c.zip(),
        same ? "1" : "0");
  }

  private static String clean(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip();
  }

  private static String line(String... cells) {
    if (cells.length == 9) {
      return line(
          cells[0], cells[1], cells[2], cells[3], "", "", cells[4], cells[5], cells[6], cells[7],
          "", "", cells[8]);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      String v = cells[i];
      if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
        sb.append('"').append(v.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(v);
      }
    }
    return sb.append('\n').toString();
  }
}

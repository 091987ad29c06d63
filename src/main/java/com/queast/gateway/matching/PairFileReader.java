package com.queast.gateway.matching;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads labelled company pairs. Required header columns (any order, case-insensitive): {@code
 * queast_name, queast_domain, queast_linkedin, queast_country, crm_name, crm_domain, crm_linkedin,
 * crm_country, label}. Optional: {@code queast_city, crm_city, queast_postcode, crm_postcode,
 * queast_address, crm_address, queast_phone, crm_phone}. Other columns are ignored; cells may be
 * empty; {@code label} must be 0 or 1.
 */
public final class PairFileReader {

  /** Columns every pairs file must name. */
  public static final List<String> REQUIRED =
      List.of(
          "queast_name",
          "queast_domain",
          "queast_linkedin",
          "queast_country",
          "crm_name",
          "crm_domain",
          "crm_linkedin",
          "crm_country",
          "label");

  private PairFileReader() {}

  /**
   * Reads all pairs.
   *
   * @param in the CSV text
   * @return the pairs in file order
   * @throws IOException on read failure
   * @throws CsvFormatException naming the missing column, or the line of a bad label
   */
  public static List<LabelledPair> read(Reader in) throws IOException {
    List<CsvParser.Row> rows = CsvParser.parse(in);
    if (rows.isEmpty()) {
      throw new CsvFormatException(0, "empty file: expected a header naming " + REQUIRED);
    }
    Map<String, Integer> col = new HashMap<>();
    List<String> header = rows.get(0).fields();
    for (int i = 0; i < header.size(); i++) {
      col.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT), i);
    }
    List<String> missing = REQUIRED.stream().filter(c -> !col.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new CsvFormatException(
          rows.get(0).line(), "missing required column(s) " + String.join(", ", missing));
    }
    List<LabelledPair> pairs = new ArrayList<>(rows.size());
    for (int r = 1; r < rows.size(); r++) {
      CsvParser.Row row = rows.get(r);
      Cells cells = new Cells(col, row.fields());
      String label = cells.get("label");
      if (!label.equals("0") && !label.equals("1")) {
        throw new CsvFormatException(row.line(), "label must be 0 or 1, got '" + label + "'");
      }
      QueastCompany q =
          QueastCompany.builder()
              .name(cells.get("queast_name"))
              .domain(cells.get("queast_domain"))
              .linkedin(cells.get("queast_linkedin"))
              .country(cells.get("queast_country"))
              .city(cells.get("queast_city"))
              .postcode(cells.get("queast_postcode"))
              .address(cells.get("queast_address"))
              .phone(cells.get("queast_phone"))
              .build();
      CrmRecord c =
          new CrmRecord(
              RecordKind.COMPANY,
              "pair-" + row.line(),
              null,
              cells.get("crm_name"),
              cells.get("crm_domain"),
              cells.get("crm_linkedin"),
              null,
              cells.get("crm_country"),
              cells.get("crm_city"),
              cells.get("crm_postcode"),
              cells.get("crm_address"),
              cells.get("crm_phone"),
              null);
      pairs.add(new LabelledPair(row.line(), q, c, label.equals("1")));
    }
    return pairs;
  }

  private record Cells(Map<String, Integer> col, List<String> fields) {
    String get(String name) {
      Integer i = col.get(name);
      return i == null || i >= fields.size() ? "" : fields.get(i).strip();
    }
  }
}

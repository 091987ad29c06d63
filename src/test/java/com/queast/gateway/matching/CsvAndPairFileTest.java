package com.queast.gateway.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvAndPairFileTest {

  private static final String HEADER =
      "queast_name,queast_domain,queast_linkedin,queast_country,"
          + "crm_name,crm_domain,crm_linkedin,crm_country,label";

  @Test
  void parserHandlesBomCrlfQuotedCommasQuotesAndNewlines() throws Exception {
    String text = "\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"line1\nline2\"\r\n1,,3\n";
    List<CsvParser.Row> rows = CsvParser.parse(new StringReader(text));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).fields()).containsExactly("a", "b", "c");
    assertThat(rows.get(1).fields()).containsExactly("x, y", "say \"hi\"", "line1\nline2");
    assertThat(rows.get(2).fields()).containsExactly("1", "", "3");
    assertThat(rows.get(2).line()).isEqualTo(4);
  }

  @Test
  void parserRejectsAnUnclosedQuote() {
    assertThatThrownBy(() -> CsvParser.parse(new StringReader("a\n\"open,b\n")))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void readerAcceptsColumnsInAnyOrderWithExtrasAndEmptyCells() throws Exception {
    String text =
        "label,extra,crm_country,crm_linkedin,crm_domain,crm_name,"
            + "queast_country,queast_linkedin,queast_domain,queast_name\r\n"
            + "1,zzz,,,acme.com,Acme Inc,,,,Acme\r\n";
    List<LabelledPair> pairs = PairFileReader.read(new StringReader(text));
    assertThat(pairs).hasSize(1);
    assertThat(pairs.get(0).same()).isTrue();
    assertThat(pairs.get(0).crm().domain()).isEqualTo("acme.com");
    assertThat(pairs.get(0).queast().name()).isEqualTo("Acme");
  }

  @Test
  void readerNamesTheMissingColumn() {
    String text = HEADER.replace(",crm_linkedin", "") + "\n";
    assertThatThrownBy(() -> PairFileReader.read(new StringReader(text)))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageContaining("crm_linkedin");
  }

  @Test
  void readerRejectsANonBinaryLabelWithItsLine() {
    String text = HEADER + "\nA,,,,A,,,,1\n\"B\nInc\",,,,B,,,,yes\n";
    assertThatThrownBy(() -> PairFileReader.read(new StringReader(text)))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("'yes'");
  }

  @Test
  void readerRejectsAnEmptyFile() {
    assertThatThrownBy(() -> PairFileReader.read(new StringReader("")))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageContaining("queast_name");
  }
}

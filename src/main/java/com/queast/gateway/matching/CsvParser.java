package com.queast.gateway.matching;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated, double-quoted fields may hold commas, doubled quotes
 * and line breaks; records end at CRLF, LF or CR; a leading UTF-8 byte-order mark is skipped. Each
 * record remembers the physical line it started on, for error messages.
 */
public final class CsvParser {

  /**
   * One record.
   *
   * @param line 1-based physical line where the record starts
   * @param fields the fields, unquoted
   */
  public record Row(int line, List<String> fields) {}

  private CsvParser() {}

  /**
   * Reads every record.
   *
   * @param in the text (closed by the caller)
   * @return the records; a blank line yields no record
   * @throws IOException on read failure
   * @throws CsvFormatException on a quote left open at end of input or text after a closing quote
   */
  public static List<Row> parse(Reader in) throws IOException {
    List<Row> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int line = 1;
    int recordLine = 1;
    boolean quoted = false;
    boolean afterQuote = false;
    boolean any = false;
    int c = in.read();
    if (c == '\uFEFF') {
      c = in.read();
    }
    while (c != -1) {
      int next = in.read();
      if (quoted) {
        if (c == '"') {
          if (next == '"') {
            field.append('"');
            next = in.read();
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else {
          if (c == '\n' || (c == '\r' && next != '\n')) {
            line++;
          }
          field.append((char) c);
        }
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        afterQuote = false;
        any = true;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && next == '\n') {
          next = in.read();
        }
        if (any || field.length() > 0 || afterQuote) {
          fields.add(field.toString());
          rows.add(new Row(recordLine, List.copyOf(fields)));
        }
        fields.clear();
        field.setLength(0);
        afterQuote = false;
        any = false;
        line++;
        recordLine = line;
      } else if (c == '"' && field.length() == 0 && !afterQuote) {
        quoted = true;
        any = true;
      } else if (afterQuote) {
        throw new CsvFormatException(line, "text after a closing quote");
      } else {
        field.append((char) c);
        any = true;
      }
      c = next;
    }
    if (quoted) {
      throw new CsvFormatException(recordLine, "quoted field not closed before end of file");
    }
    if (any || field.length() > 0 || afterQuote) {
      fields.add(field.toString());
      rows.add(new Row(recordLine, List.copyOf(fields)));
    }
    return rows;
  }
}

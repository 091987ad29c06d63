package com.queast.gateway.matching;

/** A CSV or labelled-pairs file that cannot be read, with the line at fault. */
public final class CsvFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int line;

  /**
   * Creates the error.
   *
   * @param line 1-based line, 0 when not tied to a line
   * @param message what is wrong
   */
  public CsvFormatException(int line, String message) {
    super(line > 0 ? "line " + line + ": " + message : message);
    this.line = line;
  }

  /**
   * The line at fault.
   *
   * @return 1-based line, 0 when not tied to a line
   */
  public int line() {
    return line;
  }
}

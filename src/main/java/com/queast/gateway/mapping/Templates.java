package com.queast.gateway.mapping;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{field}}} templates for note bodies and composed values. Values are HTML-escaped; a line
 * all of whose placeholders are empty is dropped, so an optional field does not leave an empty
 * paragraph behind.
 */
public final class Templates {

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*}}");

  private Templates() {}

  /**
   * Field names a template uses.
   *
   * @param template the template
   * @return names in order
   */
  public static List<String> fields(String template) {
    List<String> out = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /**
   * Renders a template against a record.
   *
   * @param template the template
   * @param record the record's fields
   * @param escape whether to HTML-escape values (true for HTML bodies)
   * @return the text, or null when every line was dropped
   */
  public static String render(String template, JsonObject record, boolean escape) {
    List<String> lines = new ArrayList<>();
    for (String line : template.split("\n", -1)) {
      Matcher m = PLACEHOLDER.matcher(line);
      StringBuilder out = new StringBuilder();
      boolean any = false;
      boolean filled = false;
      while (m.find()) {
        any = true;
        String v = text(record.getValue(m.group(1)));
        filled |= !v.isEmpty();
        m.appendReplacement(out, Matcher.quoteReplacement(escape ? escape(v) : v));
      }
      m.appendTail(out);
      if (!any || filled) {
        lines.add(out.toString());
      }
    }
    String s = String.join("\n", lines).strip();
    return s.isEmpty() ? null : s;
  }

  private static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof JsonArray a) {
      List<String> parts = new ArrayList<>();
      a.forEach(x -> parts.add(String.valueOf(x)));
      return String.join(", ", parts);
    }
    return String.valueOf(v).strip();
  }

  /**
   * HTML-escapes text.
   *
   * @param s text
   * @return escaped text
   */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}

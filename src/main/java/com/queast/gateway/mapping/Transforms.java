package com.queast.gateway.mapping;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Field transforms of a mapping rule, by name: {@code trim}, {@code lowercase}, {@code uppercase},
 * {@code truncate:N}, {@code domain}, {@code join:SEP}, {@code epochMillis}, {@code date}, {@code
 * string}, {@code htmlEscape}, {@code default:VALUE}, {@code enum:a=b|c=d}. Pure; a transform that
 * cannot apply to a value yields null.
 */
public final class Transforms {

  private static final Set<String> SIMPLE =
      Set.of(
          "trim",
          "lowercase",
          "uppercase",
          "domain",
          "epochMillis",
          "date",
          "string",
          "htmlEscape");
  private static final Set<String> WITH_ARG = Set.of("truncate", "join", "default", "enum");

  private Transforms() {}

  /**
   * Checks a transform name and argument.
   *
   * @param t e.g. {@code truncate:255}
   * @return null when valid, else why not
   */
  public static String problem(String t) {
    if (t == null || t.isBlank()) {
      return "a transform must be a non-empty string";
    }
    int colon = t.indexOf(':');
    String name = colon < 0 ? t : t.substring(0, colon);
    String arg = colon < 0 ? null : t.substring(colon + 1);
    if (SIMPLE.contains(name)) {
      return arg == null ? null : name + " takes no argument";
    }
    if (!WITH_ARG.contains(name)) {
      return "unknown transform " + name + "; known: " + String.join(", ", known());
    }
    if (arg == null) {
      return name + " needs an argument, e.g. " + name + ":...";
    }
    if (name.equals("truncate")) {
      try {
        if (Integer.parseInt(arg) <= 0) {
          return "truncate needs a positive length";
        }
      } catch (NumberFormatException e) {
        return "truncate needs a number, e.g. truncate:255";
      }
    }
    if (name.equals("enum") && enumMap(arg) == null) {
      return "enum needs pairs like enum:a=A|b=B";
    }
    return null;
  }

  /**
   * Every transform name.
   *
   * @return names
   */
  public static List<String> known() {
    return List.of(
        "trim",
        "lowercase",
        "uppercase",
        "truncate:N",
        "domain",
        "join:SEP",
        "epochMillis",
        "date",
        "string",
        "htmlEscape",
        "default:VALUE",
        "enum:a=A|b=B");
  }

  /**
   * Applies transforms in order.
   *
   * @param value input (String, Number, Boolean, List of strings) or null
   * @param transforms names, already validated
   * @return the output, possibly null
   */
  public static Object apply(Object value, List<String> transforms) {
    Object v = value;
    for (String t : transforms) {
      v = one(v, t);
    }
    return v;
  }

  private static Object one(Object v, String t) {
    int colon = t.indexOf(':');
    String name = colon < 0 ? t : t.substring(0, colon);
    String arg = colon < 0 ? null : t.substring(colon + 1);
    if (name.equals("default")) {
      return v == null || (v instanceof String s && s.isBlank()) ? arg : v;
    }
    if (v == null) {
      return null;
    }
    return switch (name) {
      case "trim" -> v instanceof String s ? s.trim() : v;
      case "lowercase" -> v instanceof String s ? s.toLowerCase(Locale.ROOT) : v;
      case "uppercase" -> v instanceof String s ? s.toUpperCase(Locale.ROOT) : v;
      case "truncate" -> truncate(v, Integer.parseInt(arg));
      case "domain" -> domain(String.valueOf(v));
      case "join" ->
          v instanceof List<?> l ? String.join(arg, l.stream().map(String::valueOf).toList()) : v;
      case "epochMillis" -> instant(v) == null ? null : instant(v).toEpochMilli();
      case "date" ->
          instant(v) == null ? null : instant(v).atOffset(ZoneOffset.UTC).toLocalDate().toString();
      case "string" ->
          v instanceof List<?> l
              ? String.join(";", l.stream().map(String::valueOf).toList())
              : String.valueOf(v);
      case "htmlEscape" -> Templates.escape(String.valueOf(v));
      case "enum" -> enumMap(arg).getOrDefault(String.valueOf(v), String.valueOf(v));
      default -> v;
    };
  }

  private static Object truncate(Object v, int n) {
    if (!(v instanceof String s) || s.length() <= n) {
      return v;
    }
    // Never cut a surrogate pair in half.
    int end = Character.isHighSurrogate(s.charAt(n - 1)) ? n - 1 : n;
    return s.substring(0, end);
  }

  /**
   * The bare host of a domain or URL: no scheme, no {@code www.}, no port, path or query, lower
   * case.
   *
   * @param raw e.g. {@code https://www.Acme.com/about}
   * @return e.g. {@code acme.com}, or null when nothing is left
   */
  public static String domain(String raw) {
    String s = raw.trim().toLowerCase(Locale.ROOT);
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    int at = s.indexOf('@');
    if (at >= 0 && at < s.indexOf('/') || (at >= 0 && s.indexOf('/') < 0)) {
      s = s.substring(at + 1);
    }
    for (char c : new char[] {'/', '?', '#', ':'}) {
      int i = s.indexOf(c);
      if (i >= 0) {
        s = s.substring(0, i);
      }
    }
    if (s.startsWith("www.")) {
      s = s.substring(4);
    }
    while (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.isEmpty() ? null : s;
  }

  private static Instant instant(Object v) {
    if (v instanceof Number n) {
      return Instant.ofEpochMilli(n.longValue());
    }
    try {
      return OffsetDateTime.parse(String.valueOf(v)).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(String.valueOf(v));
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private static Map<String, String> enumMap(String arg) {
    java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
    for (String pair : arg.split("\\|")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        return null;
      }
      m.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return m;
  }
}

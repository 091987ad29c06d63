package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One search filter ({@code propertyName, operator, value, values, highValue}) and its evaluation
 * against the indexed state of a record. String comparisons ignore case, as HubSpot's search does;
 * numbers and dates compare numerically.
 *
 * @param property property name, or {@code associations.<type>}
 * @param operator operator
 * @param value value
 * @param values values (IN, NOT_IN)
 * @param highValue upper bound (BETWEEN)
 */
record SearchFilter(
    String property, String operator, String value, List<String> values, String highValue) {

  static final Set<String> OPERATORS =
      Set.of(
          "EQ",
          "NEQ",
          "LT",
          "LTE",
          "GT",
          "GTE",
          "BETWEEN",
          "IN",
          "NOT_IN",
          "HAS_PROPERTY",
          "NOT_HAS_PROPERTY",
          "CONTAINS_TOKEN",
          "NOT_CONTAINS_TOKEN");

  static SearchFilter parse(JsonObject f) {
    String property = f.getString("propertyName");
    String op = f.getString("operator");
    if (property == null || property.isBlank()) {
      throw HubSpotError.validation("filter propertyName is required");
    }
    if (op == null || !OPERATORS.contains(op)) {
      throw HubSpotError.validation(
          "Invalid operator "
              + op
              + " for property "
              + property
              + ". Valid operators: "
              + OPERATORS.stream().sorted().toList());
    }
    List<String> values = new ArrayList<>();
    JsonArray arr = f.getJsonArray("values");
    if (arr != null) {
      arr.forEach(v -> values.add(String.valueOf(v)));
    }
    Object v = f.getValue("value");
    Object hv = f.getValue("highValue");
    SearchFilter filter =
        new SearchFilter(
            property,
            op,
            v == null ? null : v.toString(),
            values,
            hv == null ? null : hv.toString());
    filter.checkOperands();
    return filter;
  }

  private void checkOperands() {
    boolean needsValue =
        !Set.of("HAS_PROPERTY", "NOT_HAS_PROPERTY", "IN", "NOT_IN").contains(operator);
    if (needsValue && value == null) {
      throw HubSpotError.validation(
          "filter on " + property + " with operator " + operator + " needs a value");
    }
    if ("BETWEEN".equals(operator) && highValue == null) {
      throw HubSpotError.validation("BETWEEN on " + property + " needs highValue");
    }
    if (("IN".equals(operator) || "NOT_IN".equals(operator)) && values.isEmpty()) {
      throw HubSpotError.validation(operator + " on " + property + " needs values");
    }
  }

  boolean matches(Portal portal, CrmObject o, Map<String, String> props) {
    if (property.startsWith("associations.")) {
      return matchesAssociation(portal, o);
    }
    PropertyDef def = portal.catalog(o.type()).get(property).orElse(null);
    String actual = props.get(property);
    boolean has = actual != null && !actual.isEmpty();
    switch (operator) {
      case "HAS_PROPERTY":
        return has;
      case "NOT_HAS_PROPERTY":
        return !has;
      case "EQ":
        return has && equal(def, actual, value);
      case "NEQ":
        return !has || !equal(def, actual, value);
      case "IN":
        return has && values.stream().anyMatch(v -> equal(def, actual, v));
      case "NOT_IN":
        return !has || values.stream().noneMatch(v -> equal(def, actual, v));
      case "CONTAINS_TOKEN":
        return has && containsToken(actual, value);
      case "NOT_CONTAINS_TOKEN":
        return !has || !containsToken(actual, value);
      case "BETWEEN":
        return has && compare(def, actual, value) >= 0 && compare(def, actual, highValue) <= 0;
      default:
        if (!has) {
          return false;
        }
        int c = compare(def, actual, value);
        return switch (operator) {
          case "LT" -> c < 0;
          case "LTE" -> c <= 0;
          case "GT" -> c > 0;
          default -> c >= 0;
        };
    }
  }

  private boolean matchesAssociation(Portal portal, CrmObject o) {
    ObjectType to =
        portal
            .type(property.substring("associations.".length()))
            .orElseThrow(() -> HubSpotError.validation("Unknown association filter " + property));
    Set<Long> ids = portal.associations().from(o.type(), o.id(), to).keySet();
    List<String> wanted = "IN".equals(operator) ? values : List.of(String.valueOf(value));
    boolean any = wanted.stream().anyMatch(w -> ids.contains(parseLong(w)));
    return switch (operator) {
      case "EQ", "IN" -> any;
      case "NEQ", "NOT_IN" -> !any;
      case "HAS_PROPERTY" -> !ids.isEmpty();
      case "NOT_HAS_PROPERTY" -> ids.isEmpty();
      default ->
          throw HubSpotError.validation(
              "Operator " + operator + " is not supported for " + property);
    };
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static boolean equal(PropertyDef def, String actual, String expected) {
    BigDecimal a = PropertyValidator.numeric(def, actual);
    BigDecimal b = PropertyValidator.numeric(def, expected);
    if (a != null && b != null) {
      return a.compareTo(b) == 0;
    }
    return actual.equalsIgnoreCase(expected);
  }

  static int compare(PropertyDef def, String actual, String expected) {
    BigDecimal a = PropertyValidator.numeric(def, actual);
    BigDecimal b = PropertyValidator.numeric(def, expected);
    if (a != null && b != null) {
      return a.compareTo(b);
    }
    return actual.toLowerCase(Locale.ROOT).compareTo(expected.toLowerCase(Locale.ROOT));
  }

  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private static Pattern wildcard(String token) {
    if (PATTERNS.size() > 1000) {
      PATTERNS.clear();
    }
    return PATTERNS.computeIfAbsent(
        token, t -> Pattern.compile(Pattern.quote(t).replace("*", "\\E.*\\Q")));
  }

  /**
   * Token match: with a {@code *} wildcard the pattern must match the whole value or one of its
   * words; without, one of the value's words (split on whitespace and punctuation) must equal it.
   */
  static boolean containsToken(String actual, String token) {
    String a = actual.toLowerCase(Locale.ROOT);
    String t = token.toLowerCase(Locale.ROOT);
    if (t.contains("*")) {
      Pattern p = wildcard(t);
      if (p.matcher(a).matches()) {
        return true;
      }
      for (String w : a.split("\\s+")) {
        if (p.matcher(w).matches()) {
          return true;
        }
      }
      return false;
    }
    if (a.equals(t)) {
      return true;
    }
    for (String w : a.split("[\\s\\p{Punct}]+")) {
      if (w.equals(t)) {
        return true;
      }
    }
    return false;
  }
}

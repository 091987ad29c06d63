package com.queast.gateway.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads {@code gateway.yaml} (the copy bundled in the jar, then an optional file on top) and
 * applies {@code GATEWAY_*} overrides. The environment variable of a key is derived from its path,
 * so every key in the YAML file can be overridden and no key needs a hand-written binding.
 */
public final class ConfigLoader {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  /** The section whose sub-sections are handed to the connectors as data. */
  static final String CONNECTORS = "connectors";

  private ConfigLoader() {}

  /**
   * Loads the bundled defaults, an optional file overlay and the given environment.
   *
   * @param overlay a YAML file whose keys replace the defaults, or null
   * @param env environment variables (normally {@link System#getenv()})
   * @return the typed configuration
   * @throws IllegalArgumentException when a key is unknown or a value has the wrong type
   */
  public static GatewayConfig load(Path overlay, Map<String, String> env) {
    ObjectNode tree = defaults();
    if (overlay != null) {
      try {
        JsonNode over = YAML.readTree(Files.readString(overlay));
        merge(tree, over, "");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read config file " + overlay, e);
      }
    }
    applyEnv(tree, "", env);
    try {
      return YAML.treeToValue(tree, GatewayConfig.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
    }
  }

  /**
   * The environment variable that overrides a dotted key path.
   *
   * @param path e.g. {@code hubspot.apiUrl}
   * @return e.g. {@code GATEWAY_HUBSPOT_API_URL}
   */
  public static String envName(String path) {
    // connectors.<crm>.<key> keeps the short name it had as <crm>.<key>: GATEWAY_HUBSPOT_API_URL.
    String p = path.startsWith(CONNECTORS + ".") ? path.substring(CONNECTORS.length() + 1) : path;
    return longEnvName(p);
  }

  private static String longEnvName(String path) {
    StringBuilder out = new StringBuilder("GATEWAY_");
    for (char c : path.toCharArray()) {
      if (c == '.') {
        out.append('_');
      } else if (Character.isUpperCase(c)) {
        out.append('_').append(c);
      } else {
        out.append(Character.toUpperCase(c));
      }
    }
    return out.toString();
  }

  /**
   * Every key path of the defaults, for documentation and tests.
   *
   * @return dotted paths in file order
   */
  public static List<String> keyPaths() {
    List<String> out = new ArrayList<>();
    collect(defaults(), "", out);
    return out;
  }

  private static void collect(JsonNode node, String prefix, List<String> out) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue().isObject()) {
        collect(e.getValue(), path, out);
      } else {
        out.add(path);
      }
    }
  }

  private static ObjectNode defaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/gateway.yaml")) {
      if (in == null) {
        throw new IllegalStateException("gateway.yaml is not on the classpath");
      }
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void merge(ObjectNode target, JsonNode over, String prefix) {
    Iterator<Map.Entry<String, JsonNode>> it = over.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      JsonNode current = target.get(e.getKey());
      if (current == null && prefix.isEmpty() && connectorSection(target, e.getKey()) != null) {
        // A CRM's section at the top level, as before it moved under connectors.
        merge(connectorSection(target, e.getKey()), e.getValue(), CONNECTORS + "." + e.getKey());
        continue;
      }
      if (current == null && CONNECTORS.equals(prefix) && e.getValue().isObject()) {
        // A connector whose defaults are not in gateway.yaml: its options are its own to check.
        target.set(e.getKey(), e.getValue());
        continue;
      }
      if (current == null) {
        throw new IllegalArgumentException("unknown configuration key: " + path);
      }
      if (current.isObject() && e.getValue().isObject()) {
        merge((ObjectNode) current, e.getValue(), path);
      } else {
        target.set(e.getKey(), e.getValue());
      }
    }
  }

  private static ObjectNode connectorSection(ObjectNode root, String crm) {
    return root.get(CONNECTORS) instanceof ObjectNode c && c.get(crm) instanceof ObjectNode s
        ? s
        : null;
  }

  private static void applyEnv(ObjectNode node, String prefix, Map<String, String> env) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
    it.forEachRemaining(entries::add);
    for (Map.Entry<String, JsonNode> e : entries) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue().isObject()) {
        applyEnv((ObjectNode) e.getValue(), path, env);
        continue;
      }
      String value = env.get(envName(path));
      if (value == null) {
        value = env.get(longEnvName(path));
      }
      if (value == null) {
        continue;
      }
      JsonNode def = e.getValue();
      try {
        if (def.isIntegralNumber()) {
          node.put(e.getKey(), Long.parseLong(value.trim()));
        } else if (def.isNumber()) {
          node.put(e.getKey(), Double.parseDouble(value.trim()));
        } else if (def.isBoolean()) {
          node.put(e.getKey(), parseBoolean(envName(path), value));
        } else {
          node.put(e.getKey(), value);
        }
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException(
            envName(path) + " must be a number, got '" + value + "'", ex);
      }
    }
  }

  private static boolean parseBoolean(String name, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("1") || v.equals("yes")) {
      return true;
    }
    if (v.equals("false") || v.equals("0") || v.equals("no")) {
      return false;
    }
    throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
  }
}

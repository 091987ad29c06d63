package com.queast.gateway.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.queast.gateway.common.FieldError;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connector default mappings, data not code: the {@code mapping} section of {@code
 * conf/connectors/<crm>.yaml} (bundled in the jar as {@code /connectors/<crm>.yaml}). Loaded and
 * validated once per CRM.
 */
public final class ConnectorDefaults {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<String, MappingSpec> CACHE = new ConcurrentHashMap<>();

  private ConnectorDefaults() {}

  /**
   * The default mapping of a CRM.
   *
   * @param crm connector id
   * @return the validated spec
   * @throws IllegalStateException when the file is missing or invalid (a packaging bug: fail the
   *     start)
   */
  public static MappingSpec of(String crm) {
    return CACHE.computeIfAbsent(crm, ConnectorDefaults::load);
  }

  /**
   * The whole descriptor file of a CRM, for connectors that keep more facts there.
   *
   * @param crm connector id
   * @return the file as JSON
   */
  @SuppressWarnings("unchecked")
  public static JsonObject descriptor(String crm) {
    String path = "/connectors/" + crm + ".yaml";
    try (InputStream in = ConnectorDefaults.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no connector descriptor " + path + " on the classpath");
      }
      return new JsonObject(YAML.readValue(in, Map.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static MappingSpec load(String crm) {
    JsonObject d = descriptor(crm);
    if (!(d.getValue("mapping") instanceof JsonObject m)) {
      throw new IllegalStateException("connectors/" + crm + ".yaml has no mapping section");
    }
    List<FieldError> errors = new ArrayList<>();
    MappingSpec spec = MappingSpec.parse(m, errors);
    if (spec == null) {
      throw new IllegalStateException("connectors/" + crm + ".yaml mapping is invalid: " + errors);
    }
    return spec;
  }
}

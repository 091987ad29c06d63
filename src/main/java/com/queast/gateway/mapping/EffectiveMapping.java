package com.queast.gateway.mapping;

import com.queast.gateway.record.RecordType;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The mapping in force for one connection: connector defaults with the tenant's latest override
 * applied.
 */
public final class EffectiveMapping {

  private final MappingSpec spec;
  private final int version;

  /**
   * An effective mapping.
   *
   * @param spec merged spec
   * @param version override version (0 = connector defaults)
   */
  public EffectiveMapping(MappingSpec spec, int version) {
    this.spec = spec;
    this.version = version;
  }

  /**
   * Maps a record to CRM properties.
   *
   * @param type record type (Signals map to the chosen representation)
   * @param record the record's fields (camelCase); {@code id} may be included
   * @return the CRM object and properties
   */
  public Mapped map(RecordType type, JsonObject record) {
    MappingSpec.ObjectMapping om = spec.object(type);
    boolean html = type == RecordType.SIGNAL;
    JsonObject props = new JsonObject();
    for (Map.Entry<String, Rule> e : om.properties().entrySet()) {
      Object v = e.getValue().apply(record, html);
      if (v != null) {
        props.put(e.getKey(), v);
      }
    }
    return new Mapped(om.object(), props);
  }

  /**
   * How Signals appear in this CRM for this connection.
   *
   * @return e.g. {@code note}, {@code task}, {@code activity}
   */
  public String signalTarget() {
    return spec.signalAs();
  }

  /**
   * Whether a record is exported.
   *
   * @param type record type
   * @param record fields
   * @return true when in the export scope
   */
  public boolean inScope(RecordType type, JsonObject record) {
    return spec.inScope(type, record);
  }

  /**
   * The override version in force.
   *
   * @return 0 for connector defaults
   */
  public int version() {
    return version;
  }

  /**
   * The merged spec.
   *
   * @return spec
   */
  public MappingSpec spec() {
    return spec;
  }
}

package com.queast.gateway.connector.hubspot;

import com.queast.gateway.mapping.EffectiveMapping;
import com.queast.gateway.mapping.MappingService;
import com.queast.gateway.mapping.MappingSpec;
import com.queast.gateway.record.RecordType;
import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * The one place the connector gets its mapping from: the gateway's {@link MappingService} (defaults
 * of {@code conf/connectors/hubspot.yaml} with the tenant's override). HubSpot takes every property
 * value as a string, so values are stringified here.
 */
public final class HubSpotMapping {

  /**
   * A record mapped to a HubSpot object.
   *
   * @param crmObject HubSpot object type, e.g. {@code companies}
   * @param properties HubSpot properties (string values), without {@code queast_id}
   * @param inScope whether the record is exported at all
   */
  public record Mapped(String crmObject, JsonObject properties, boolean inScope) {}

  /** The mapping in force for one connection. */
  public interface Effective {
    /**
     * Maps a record.
     *
     * @param type record type
     * @param data record fields
     * @return the HubSpot object and properties
     */
    Mapped map(RecordType type, JsonObject data);

    /**
     * The mapping itself (how Signals appear, the custom object section).
     *
     * @return the merged mapping
     */
    MappingSpec spec();
  }

  private final MappingService service;

  /**
   * A mapping source.
   *
   * @param service the gateway's mapping service
   */
  public HubSpotMapping(MappingService service) {
    this.service = service;
  }

  /**
   * The mapping of a connection.
   *
   * @param connection the connection
   * @return a Uni emitting its effective mapping
   */
  public Uni<Effective> forConnection(Connection connection) {
    return service.forConnection(connection).map(HubSpotMapping::wrap);
  }

  static Effective wrap(EffectiveMapping m) {
    return new Effective() {
      @Override
      public Mapped map(RecordType type, JsonObject data) {
        return mapOne(m, type, data);
      }

      @Override
      public MappingSpec spec() {
        return m.spec();
      }
    };
  }

  private static Mapped mapOne(EffectiveMapping m, RecordType type, JsonObject data) {
    {
      var mapped = m.map(type, data);
      JsonObject props = new JsonObject();
      mapped
          .properties()
          .forEach(
              e -> {
                if (e.getValue() != null) {
                  props.put(e.getKey(), String.valueOf(e.getValue()));
                }
              });
      return new Mapped(mapped.crmObject(), props, m.inScope(type, data));
    }
  }
}

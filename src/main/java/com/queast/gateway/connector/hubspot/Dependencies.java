package com.queast.gateway.connector.hubspot;

import com.queast.gateway.connector.DeliveredIds;
import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * HubSpot ids of the records a record points to (a person's company, a Signal's company and
 * person): written earlier in this batch, or delivered before (the gateway's delivered state).
 */
final class Dependencies {

  private final DeliveredIds delivered;

  Dependencies(DeliveredIds delivered) {
    this.delivered = delivered;
  }

  /**
   * Resolves Queast ids to HubSpot ids.
   *
   * @param c connection
   * @param recordType Queast type label of the targets
   * @param wanted Queast ids wanted
   * @param known ids learnt in this batch
   * @return a Uni emitting the ids found; a record Queast deleted maps to null (no association is
   *     written to it and nothing waits for it)
   */
  Uni<Map<String, String>> resolve(
      Connection c, String recordType, Set<String> wanted, Map<String, String> known) {
    Map<String, String> out = new HashMap<>();
    Set<String> missing = new LinkedHashSet<>();
    for (String id : wanted) {
      if (known.containsKey(id)) {
        out.put(id, known.get(id));
      } else {
        missing.add(id);
      }
    }
    return delivered
        .links(c.id(), recordType, missing)
        .map(
            found -> {
              out.putAll(found.ids());
              for (String gone : found.deleted()) {
                out.put(gone, null);
              }
              return out;
            });
  }
}

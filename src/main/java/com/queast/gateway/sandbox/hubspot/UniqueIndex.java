package com.queast.gateway.sandbox.hubspot;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Live records of one portal by the values of their unique-value properties (contacts' {@code
 * email} and {@code hs_additional_emails}, and every {@code hasUniqueValue} property), so that
 * uniqueness checks and {@code idProperty} lookups do not scan. Guarded by the portal's lock.
 */
final class UniqueIndex {

  private final Map<ObjectType, Map<String, Map<String, Long>>> byType = new HashMap<>();

  private static String key(String property, String value) {
    return "email".equals(property) ? value.trim().toLowerCase(Locale.ROOT) : value;
  }

  Long find(ObjectType type, String property, String value) {
    Map<String, Long> m = byType.getOrDefault(type, Map.of()).get(property);
    return m == null ? null : m.get(key(property, value));
  }

  void add(Portal portal, CrmObject o) {
    apply(portal, o, true);
  }

  void remove(Portal portal, CrmObject o) {
    apply(portal, o, false);
  }

  private void apply(Portal portal, CrmObject o, boolean add) {
    PropertyCatalog catalog = portal.catalog(o.type());
    Map<String, Map<String, Long>> props = byType.computeIfAbsent(o.type(), k -> new HashMap<>());
    for (Map.Entry<String, String> e : o.live().entrySet()) {
      if (e.getValue() == null || e.getValue().isEmpty() || !catalog.isUnique(e.getKey())) {
        continue;
      }
      put(props, e.getKey(), e.getValue(), o.id(), add);
    }
    if (o.type() == ObjectType.CONTACTS) {
      for (String extra : Portal.additionalEmails(o)) {
        put(props, "email", extra, o.id(), add);
      }
    }
  }

  private static void put(
      Map<String, Map<String, Long>> props, String property, String value, long id, boolean add) {
    Map<String, Long> m = props.computeIfAbsent(property, k -> new HashMap<>());
    String k = key(property, value);
    if (add) {
      m.put(k, id);
    } else {
      m.remove(k, id);
    }
  }
}

package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.sandbox.hubspot.CrmObject;
import com.queast.gateway.sandbox.hubspot.HubSpotSandbox;
import com.queast.gateway.sandbox.hubspot.ObjectType;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Record sets of a given size and the exactly-once check on a portal. */
final class Volumes {

  private Volumes() {}

  static List<JsonObject> companies(int n) {
    List<JsonObject> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(HubSpotHarness.company("c" + i));
    }
    return out;
  }

  static List<JsonObject> people(int n, int companies) {
    List<JsonObject> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(HubSpotHarness.person("p" + i, "c" + (i % companies)));
    }
    return out;
  }

  static List<JsonObject> signals(int n, int companies, int people) {
    List<JsonObject> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String person = i % 2 == 0 ? "p" + (i % people) : null;
      String company = person == null ? "c" + (i % companies) : "c" + ((i % people) % companies);
      out.add(HubSpotHarness.signal("s" + i, company, person));
    }
    return out;
  }

  static void ingestAll(HubSpotHarness h, String tenant, int companies, int people, int signals) {
    h.ingest(tenant, "companies", companies(companies));
    h.ingest(tenant, "people", people(people, companies));
    h.ingest(tenant, "signals", signals(signals, companies, people));
  }

  static boolean delivered(HubSpotSandbox s, long portal, int companies, int people, int signals) {
    return s.count(portal, ObjectType.COMPANIES) >= companies
        && s.count(portal, ObjectType.CONTACTS) >= people
        && s.count(portal, ObjectType.NOTES) >= signals;
  }

  /** Every record is in the portal exactly once, by queast_id. */
  static void assertExactlyOnce(
      HubSpotSandbox s, long portal, ObjectType type, String prefix, int n) {
    List<CrmObject> all = s.portal(portal).orElseThrow().records(type, false);
    Set<String> ids = new HashSet<>();
    for (CrmObject o : all) {
      ids.add(o.get("queast_id"));
    }
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < n; i++) {
      expected.add(prefix + i);
    }
    assertThat(all).as(type + " count").hasSize(n);
    assertThat(ids).as(type + " queast_ids").isEqualTo(expected);
  }
}

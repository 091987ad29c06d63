package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.connector.hubspot.HubSpotSetup.Subscription;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubSpotSetupTest {

  private static JsonObject listed(String id, String type, String property, boolean active) {
    return new JsonObject()
        .put("id", id)
        .put("eventType", type)
        .put("propertyName", property)
        .put("active", active);
  }

  @Test
  void theIndexNeedsCreationDeletionAndEveryIndexedPropertyOfCompaniesAndContacts() {
    List<Subscription> r = HubSpotSetup.required();
    assertThat(r)
        .contains(
            new Subscription("company.creation", null),
            new Subscription("company.deletion", null),
            new Subscription("contact.creation", null),
            new Subscription("contact.deletion", null),
            new Subscription("company.propertyChange", "queast_interest"));
    for (String p : CrmListing.COMPANY_PROPERTIES) {
      assertThat(r).contains(new Subscription("company.propertyChange", p));
    }
    for (String p : CrmListing.CONTACT_PROPERTIES) {
      assertThat(r).contains(new Subscription("contact.propertyChange", p));
    }
    assertThat(r)
        .hasSize(
            2 + CrmListing.COMPANY_PROPERTIES.size() + 1 + 2 + CrmListing.CONTACT_PROPERTIES.size())
        .doesNotHaveDuplicates()
        .noneMatch(s -> "hs_lastmodifieddate".equals(s.propertyName()));
    assertThat(new Subscription("company.creation", null).body())
        .isEqualTo(new JsonObject().put("eventType", "company.creation").put("active", true));
    assertThat(new Subscription("contact.propertyChange", "email").body().getString("propertyName"))
        .isEqualTo("email");
  }

  @Test
  void onlyWhatNoListedSubscriptionDeliversIsMissingAndPausedOnesAreReportedNotDuplicated() {
    List<Subscription> wanted =
        List.of(
            new Subscription("company.creation", null),
            new Subscription("company.propertyChange", "queast_interest"),
            new Subscription("company.propertyChange", "name"),
            new Subscription("contact.deletion", null),
            new Subscription("contact.creation", null));
    JsonArray listed =
        new JsonArray()
            .add(listed("7", "company.propertyChange", "queast_interest", true))
            .add(listed("8", "company.propertyChange", "domain", true))
            .add(listed("9", "deal.creation", null, true))
            .add(listed("10", "company.creation", null, false))
            .add(listed("11", "object.deletion", null, true).put("objectTypeId", "0-1"))
            .add(listed("12", "object.creation", null, true).put("objectTypeId", "0-3"));

    HubSpotSetup.Plan plan = HubSpotSetup.plan(wanted, listed);

    assertThat(plan.missing())
        .containsExactly(
            new Subscription("company.propertyChange", "name"),
            new Subscription("contact.creation", null));
    assertThat(plan.present())
        .containsEntry(new Subscription("company.propertyChange", "queast_interest"), "7")
        .containsEntry(new Subscription("company.creation", null), "10")
        .containsEntry(new Subscription("contact.deletion", null), "11")
        .hasSize(3);
    assertThat(plan.paused()).containsExactly("10");
  }

  @Test
  void anActiveDuplicateIsPreferredOverAPausedOne() {
    JsonArray listed =
        new JsonArray()
            .add(listed("20", "company.deletion", null, false))
            .add(listed("21", "company.deletion", null, true));

    HubSpotSetup.Plan plan =
        HubSpotSetup.plan(List.of(new Subscription("company.deletion", null)), listed);

    assertThat(plan.present()).containsEntry(new Subscription("company.deletion", null), "21");
    assertThat(plan.paused()).isEmpty();
    assertThat(plan.missing()).isEmpty();
  }
}

package com.queast.gateway.sandbox.hubspot;

import java.time.Instant;
import java.util.List;

/**
 * The HubSpot-defined properties and groups each portal starts with (a representative subset of the
 * real catalog: the properties the guides name, plus the server-maintained ones).
 */
final class BuiltInProperties {

  private static final List<String> LIFECYCLE =
      List.of(
          "subscriber",
          "lead",
          "marketingqualifiedlead",
          "salesqualifiedlead",
          "opportunity",
          "customer",
          "evangelist",
          "other");

  private BuiltInProperties() {}

  static void install(ObjectType type, Instant at, PropertyCatalog c) {
    if (type == ObjectType.CONTACTS) {
      contacts(at, c);
    } else if (type == ObjectType.COMPANIES) {
      companies(at, c);
    } else if (type == ObjectType.NOTES) {
      notes(at, c);
    } else if (type == ObjectType.TASKS) {
      tasks(at, c);
    } else if (type.custom()) {
      c.addGroup(group(type), type.singular() + " information", 0);
    } else {
      throw new IllegalArgumentException(type.name());
    }
    c.addBuiltIn(PropertyDef.builtIn("hs_object_id", "number", "number", group(type), true, at));
    c.addBuiltIn(
        PropertyDef.builtIn(type.createdProperty(), "datetime", "date", group(type), true, at));
    c.addBuiltIn(
        PropertyDef.builtIn(type.modifiedProperty(), "datetime", "date", group(type), true, at));
    c.addBuiltIn(
        PropertyDef.builtIn("hubspot_owner_id", "enumeration", "select", group(type), false, at));
  }

  private static String group(ObjectType type) {
    if (type == ObjectType.CONTACTS) {
      return "contactinformation";
    } else if (type == ObjectType.COMPANIES) {
      return "companyinformation";
    } else if (type == ObjectType.NOTES) {
      return "note";
    } else if (type == ObjectType.TASKS) {
      return "task";
    }
    return customGroup(type);
  }

  /**
   * The property group a custom object's schema properties go to ({@code {name}_information}).
   *
   * @param type custom type
   * @return group name
   */
  static String customGroup(ObjectType type) {
    return type.singular() + "_information";
  }

  private static void strings(Instant at, PropertyCatalog c, String group, String... names) {
    for (String n : names) {
      c.addBuiltIn(PropertyDef.builtIn(n, "string", "text", group, false, at));
    }
  }

  private static void contacts(Instant at, PropertyCatalog c) {
    c.addGroup("contactinformation", "Contact information", 0);
    strings(
        at,
        c,
        "contactinformation",
        "email",
        "firstname",
        "lastname",
        "company",
        "website",
        "jobtitle",
        "address",
        "city",
        "state",
        "zip",
        "country",
        "hs_additional_emails");
    for (String n : List.of("phone", "mobilephone", "fax")) {
      c.addBuiltIn(
          PropertyDef.builtIn(n, "string", "phonenumber", "contactinformation", false, at));
    }
    c.addBuiltIn(PropertyDef.builtInEnum("lifecyclestage", "contactinformation", LIFECYCLE, at));
    // Read-only since 2019: the id of the contact's primary associated company, kept by HubSpot
    // from the associations (developers.hubspot.com changelog, 2019-01-24).
    c.addBuiltIn(
        PropertyDef.builtIn(
            AssociationStore.PRIMARY_COMPANY, "number", "number", "contactinformation", true, at));
  }

  private static void companies(Instant at, PropertyCatalog c) {
    c.addGroup("companyinformation", "Company information", 0);
    strings(
        at,
        c,
        "companyinformation",
        "name",
        "domain",
        "website",
        "address",
        "city",
        "state",
        "zip",
        "country",
        "industry",
        "description",
        "hs_additional_domains",
        "linkedin_company_page");
    c.addBuiltIn(
        PropertyDef.builtIn("phone", "string", "phonenumber", "companyinformation", false, at));
    for (String n : List.of("numberofemployees", "annualrevenue")) {
      c.addBuiltIn(PropertyDef.builtIn(n, "number", "number", "companyinformation", false, at));
    }
    c.addBuiltIn(PropertyDef.builtInEnum("lifecyclestage", "companyinformation", LIFECYCLE, at));
  }

  private static void notes(Instant at, PropertyCatalog c) {
    c.addGroup("note", "Note information", 0);
    c.addBuiltIn(PropertyDef.builtIn("hs_timestamp", "datetime", "date", "note", false, at));
    c.addBuiltIn(PropertyDef.builtIn("hs_note_body", "string", "html", "note", false, at));
    strings(at, c, "note", "hs_attachment_ids", "hs_pinned_engagement_id");
  }

  private static void tasks(Instant at, PropertyCatalog c) {
    c.addGroup("task", "Task information", 0);
    c.addBuiltIn(PropertyDef.builtIn("hs_timestamp", "datetime", "date", "task", false, at));
    c.addBuiltIn(PropertyDef.builtIn("hs_task_body", "string", "html", "task", false, at));
    strings(at, c, "task", "hs_task_subject");
    c.addBuiltIn(
        PropertyDef.builtInEnum(
            "hs_task_status",
            "task",
            List.of("NOT_STARTED", "IN_PROGRESS", "WAITING", "COMPLETED", "DEFERRED"),
            at));
    c.addBuiltIn(
        PropertyDef.builtInEnum(
            "hs_task_priority", "task", List.of("NONE", "LOW", "MEDIUM", "HIGH"), at));
    c.addBuiltIn(
        PropertyDef.builtInEnum(
            "hs_task_type", "task", List.of("EMAIL", "CALL", "TODO", "LINKED_IN"), at));
    c.addBuiltIn(PropertyDef.builtIn("hs_task_reminders", "string", "text", "task", false, at));
  }
}

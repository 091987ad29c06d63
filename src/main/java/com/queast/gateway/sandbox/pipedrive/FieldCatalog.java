package com.queast.gateway.sandbox.pipedrive;

import com.queast.gateway.sandbox.common.Digests;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The field definitions of one entity type in one company: the built-ins, then the custom fields in
 * creation order, each custom field keyed by a 40-character hex hash derived from the company, the
 * entity and a sequence number (so keys differ per company, as at the vendor).
 */
final class FieldCatalog {

  private final Map<String, FieldDef> fields = new LinkedHashMap<>();
  private final long companyId;
  private final String entity;
  private long seq;
  private long optionSeq;

  FieldCatalog(long companyId, String entity, List<FieldDef> builtIns) {
    this.companyId = companyId;
    this.entity = entity;
    builtIns.forEach(f -> fields.put(f.code(), f));
  }

  List<FieldDef> all() {
    return new ArrayList<>(fields.values());
  }

  List<FieldDef> custom() {
    return fields.values().stream().filter(FieldDef::custom).toList();
  }

  FieldDef get(String code) {
    return fields.get(code);
  }

  FieldDef customField(String code) {
    FieldDef f = fields.get(code);
    return f != null && f.custom() ? f : null;
  }

  /** Adds a custom field; option labels become {@code {id, label}} with fresh integer ids. */
  FieldDef create(String name, String type, List<String> optionLabels) {
    seq++;
    String code =
        Digests.sha256Hex(companyId + ":" + entity + ":" + seq + ":" + name).substring(0, 40);
    List<JsonObject> options = new ArrayList<>();
    for (String label : optionLabels) {
      options.add(new JsonObject().put("id", ++optionSeq + 100 * seq).put("label", label));
    }
    FieldDef f = new FieldDef(code, name, type, options, true);
    fields.put(code, f);
    return f;
  }

  long seq() {
    return seq;
  }

  static List<FieldDef> organizationBuiltIns() {
    return List.of(
        builtIn("name", "Name", "varchar"),
        builtIn("owner_id", "Owner", "user"),
        builtIn("address", "Address", "address"),
        builtIn("visible_to", "Visible to", "visible_to"),
        builtIn("label_ids", "Labels", "set"),
        builtIn("website", "Website", "varchar"),
        builtIn("linkedin", "LinkedIn profile", "varchar"),
        builtIn("industry", "Industry", "enum"),
        builtIn("annual_revenue", "Annual revenue", "monetary"),
        builtIn("employee_count", "Number of employees", "int"),
        builtIn("add_time", "Organization created", "date"),
        builtIn("update_time", "Update time", "date"));
  }

  static List<FieldDef> personBuiltIns() {
    return List.of(
        builtIn("name", "Name", "varchar"),
        builtIn("first_name", "First name", "varchar"),
        builtIn("last_name", "Last name", "varchar"),
        builtIn("owner_id", "Owner", "user"),
        builtIn("org_id", "Organization", "org"),
        builtIn("emails", "Email", "varchar"),
        builtIn("phones", "Phone", "phone"),
        builtIn("label_ids", "Labels", "set"),
        builtIn("visible_to", "Visible to", "visible_to"),
        builtIn("add_time", "Person created", "date"),
        builtIn("update_time", "Update time", "date"));
  }

  /**
   * Activity fields: the v2 {@code addActivity} body fields (vendor notes §1.9, with v2 names:
   * {@code owner_id}, {@code busy}) and the read-only ones an activity answers with ({@code
   * person_id} is set from the primary participant).
   */
  static List<FieldDef> activityBuiltIns() {
    return List.of(
        builtIn("subject", "Subject", "varchar"),
        builtIn("type", "Type", "varchar"),
        builtIn("owner_id", "Assigned to user", "user"),
        builtIn("due_date", "Due date", "date"),
        builtIn("due_time", "Due time", "time"),
        builtIn("duration", "Duration", "time"),
        builtIn("busy", "Free/busy", "boolean"),
        builtIn("done", "Done", "boolean"),
        builtIn("location", "Location", "address"),
        builtIn("participants", "Participants", "people"),
        builtIn("attendees", "Attendees", "json"),
        builtIn("public_description", "Public description", "text"),
        builtIn("priority", "Priority", "int"),
        builtIn("note", "Note", "text"),
        builtIn("org_id", "Organization", "org"),
        builtIn("person_id", "Contact person", "people"),
        builtIn("deal_id", "Deal", "deal"),
        builtIn("lead_id", "Lead", "lead"),
        builtIn("project_id", "Project", "project"),
        builtIn("creator_user_id", "Creator", "user"),
        builtIn("add_time", "Add time", "date"),
        builtIn("update_time", "Update time", "date"),
        builtIn("marked_as_done_time", "Marked as done time", "date"));
  }

  /**
   * Note fields: the v1 {@code addNote} body fields (vendor notes §1.8) and the note's own times.
   */
  static List<FieldDef> noteBuiltIns() {
    return List.of(
        builtIn("content", "Content", "text"),
        builtIn("user_id", "User", "user"),
        builtIn("org_id", "Organization", "org"),
        builtIn("person_id", "Person", "people"),
        builtIn("deal_id", "Deal", "deal"),
        builtIn("lead_id", "Lead", "lead"),
        builtIn("project_id", "Project", "project"),
        builtIn("pinned_to_organization_flag", "Pinned to organization", "boolean"),
        builtIn("pinned_to_person_flag", "Pinned to person", "boolean"),
        builtIn("pinned_to_deal_flag", "Pinned to deal", "boolean"),
        builtIn("pinned_to_lead_flag", "Pinned to lead", "boolean"),
        builtIn("pinned_to_project_flag", "Pinned to project", "boolean"),
        builtIn("add_time", "Add time", "date"),
        builtIn("update_time", "Update time", "date"));
  }

  private static FieldDef builtIn(String code, String name, String type) {
    return new FieldDef(code, name, type, List.of(), false);
  }
}

package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One Pipedrive company (account): its admin user, API token, budget, records, field definitions
 * and webhooks. Every read or write of its state happens under {@code synchronized (company)}.
 */
final class Company {

  final long id;
  final long userId;

  /** The admin user's API token; replaced by a rotation (only one is active at a time, §2.1). */
  volatile String apiToken;

  final String name;
  final Budget budget;
  final EntityStore organizations = new EntityStore();
  final EntityStore persons = new EntityStore();
  final EntityStore activities = new EntityStore();
  final EntityStore notes = new EntityStore();
  final FieldCatalog organizationFields;
  final FieldCatalog personFields;
  final FieldCatalog activityFields;
  final FieldCatalog noteFields;
  final List<Webhook> webhooks = new ArrayList<>();
  final List<JsonObject> deliveries = new ArrayList<>();
  long webhookSeq;
  long count429;
  long count403;

  Company(long id, long userId, String apiToken, String name, Budget budget) {
    this.id = id;
    this.userId = userId;
    this.apiToken = apiToken;
    this.name = name;
    this.budget = budget;
    this.organizationFields =
        new FieldCatalog(id, "organization", FieldCatalog.organizationBuiltIns());
    this.personFields = new FieldCatalog(id, "person", FieldCatalog.personBuiltIns());
    this.activityFields = new FieldCatalog(id, "activity", FieldCatalog.activityBuiltIns());
    this.noteFields = new FieldCatalog(id, "note", FieldCatalog.noteBuiltIns());
  }

  String domain() {
    return "company-" + id;
  }

  EntityStore store(String entity) {
    return switch (entity) {
      case "organization" -> organizations;
      case "person" -> persons;
      case "activity" -> activities;
      case "note" -> notes;
      default -> throw new IllegalArgumentException(entity);
    };
  }

  FieldCatalog fields(String entity) {
    return switch (entity) {
      case "organization" -> organizationFields;
      case "person" -> personFields;
      case "activity" -> activityFields;
      case "note" -> noteFields;
      default -> throw new IllegalArgumentException(entity);
    };
  }

  JsonObject user() {
    return new JsonObject()
        .put("id", userId)
        .put("name", "Sandbox Admin " + id)
        .put("email", "admin-" + id + "@sandbox.pipedrive.invalid")
        .put("company_id", id)
        .put("company_name", name)
        .put("company_domain", domain())
        .put("company_country", "US")
        .put("is_admin", 1)
        .put("active_flag", true)
        .put("lang", 1)
        .put("locale", "en_US")
        .put("language", new JsonObject().put("language_code", "en").put("country_code", "US"))
        .put("timezone_name", "UTC")
        .put("timezone_offset", "+00:00")
        .put("default_currency", "USD")
        .put("has_created_company", true)
        .put("is_you", true);
  }

  JsonObject summary(Instant now) {
    return new JsonObject()
        .put("companyId", id)
        .put("userId", userId)
        .put("name", name)
        .put("plan", budget.plan().name().toLowerCase(java.util.Locale.ROOT))
        .put("seats", budget.seats())
        .put("topUpTokens", budget.topUp())
        .put("dailyBudget", budget.limit())
        .put("tokensUsedToday", budget.used(now))
        .put("nextBudgetReset", budget.nextReset(now).toString())
        .put("rateLimited429", count429)
        .put("blocked403", count403)
        .put(
            "counts",
            new JsonObject()
                .put("organizations", organizations.liveCount())
                .put("persons", persons.liveCount())
                .put("activities", activities.liveCount())
                .put("notes", notes.liveCount())
                .put("webhooks", webhooks.stream().filter(Webhook::active).count())
                .put("organizationFields", organizationFields.custom().size())
                .put("personFields", personFields.custom().size()));
  }
}

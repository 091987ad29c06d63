package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What differs between organizations and persons: body validation, the stored v2 object, the
 * webhook v2 {@code data} shape and the search item. Implementations are stateless.
 */
interface ContactKind {

  /** Entity name in webhooks and search items ({@code organization}, {@code person}). */
  String entity();

  /** Path segment ({@code organizations}, {@code persons}). */
  String path();

  /** Display name in errors ({@code Organization}, {@code Person}). */
  String title();

  /** Fields the v2 search accepts in {@code fields}. */
  Set<String> searchFields();

  /** List filters accepted besides the common ones (e.g. {@code org_id}). */
  List<String> listFilters();

  /** Validates a POST body and builds the stored record (custom fields excluded). */
  JsonObject create(JsonObject body, Company company, Instant now, boolean strict);

  /**
   * Validates a PATCH body and applies it to a copy of {@code existing} (custom fields excluded).
   */
  JsonObject update(JsonObject existing, JsonObject body, Company company, boolean strict);

  /** The webhook v2 {@code data} object, without {@code custom_fields}. */
  JsonObject webhookData(JsonObject record);

  /** Texts per search field ({@code name}, {@code email}, ...) of a record. */
  java.util.Map<String, List<String>> searchTexts(JsonObject record);

  /** The search result {@code item} of a record. */
  JsonObject searchItem(JsonObject record, Company company);
}

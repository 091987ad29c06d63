package com.queast.gateway.matching;

import io.vertx.core.json.JsonObject;

/**
 * A connection's matching settings, kept in its config under {@code matching}: thresholds, what to
 * do while a record waits for review, and whether its CRM index is still being built ({@code
 * index.company|person = building}).
 *
 * @param thresholds auto-link threshold and review floor
 * @param createWhileInReview true: create a new CRM record instead of waiting for the review
 * @param config the whole connection config (for the index state)
 */
public record MatchSettings(
    MatchThresholds thresholds, boolean createWhileInReview, JsonObject config) {

  /**
   * Reads the settings, defaults where absent.
   *
   * @param config connection config
   * @return settings
   */
  public static MatchSettings of(JsonObject config) {
    JsonObject m = config.getJsonObject("matching", new JsonObject());
    MatchThresholds t =
        new MatchThresholds(
            m.getDouble("autoLink", MatchThresholds.DEFAULT.autoLink()),
            m.getDouble("reviewFloor", MatchThresholds.DEFAULT.reviewFloor()),
            m.getBoolean("nameAutoLink", false));
    return new MatchSettings(t, "create".equals(m.getString("onReview")), config);
  }

  /**
   * Whether the CRM index for a record type is still being pulled.
   *
   * @param recordType company or person
   * @return true while building
   */
  public boolean indexBuilding(String recordType) {
    JsonObject idx = config.getJsonObject("index");
    return idx != null && "building".equals(idx.getString(recordType));
  }
}

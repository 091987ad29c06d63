package com.queast.gateway.connector.pipedrive;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Turns mapped properties into Pipedrive bodies: flat {@code email}/{@code phone} become the v2
 * {@code emails}/{@code phones} arrays, {@code address} the v2 address object, {@code custom:<Field
 * name>} targets and the connector's own {@code queast_id} go into {@code custom_fields} under
 * their hash keys. Pure.
 */
public final class Payloads {

  /** Prefix of mapping targets that are custom fields. */
  public static final String CUSTOM = "custom:";

  private Payloads() {}

  /**
   * A v2 organization or person body.
   *
   * @param props mapped properties
   * @param fieldKeys custom field name → hash key of this kind
   * @param queastId the Queast record id
   * @param orgId a person's organization id, or null
   * @return the body
   * @throws UnknownFieldException when a {@code custom:} target has no resolved key
   */
  public static JsonObject contact(
      JsonObject props, JsonObject fieldKeys, String queastId, Long orgId) {
    JsonObject body = new JsonObject();
    JsonObject custom = new JsonObject();
    for (String k : props.fieldNames()) {
      Object v = props.getValue(k);
      if (k.startsWith(CUSTOM)) {
        String name = k.substring(CUSTOM.length());
        String hash = fieldKeys.getString(name);
        if (hash == null) {
          throw new UnknownFieldException(name);
        }
        custom.put(hash, v);
      } else if (k.equals("email") || k.equals("phone")) {
        if (v != null && !String.valueOf(v).isBlank()) {
          body.put(
              k + "s",
              new JsonArray()
                  .add(
                      new JsonObject()
                          .put("value", String.valueOf(v))
                          .put("primary", true)
                          .put("label", "work")));
        }
      } else if (k.equals("address")) {
        String a = cleanAddress(String.valueOf(v));
        if (!a.isEmpty()) {
          body.put("address", new JsonObject().put("value", a));
        }
      } else if (v instanceof String s && s.isBlank()) {
        continue;
      } else {
        body.put(k, v);
      }
    }
    String qidKey = fieldKeys.getString(CustomFields.QUEAST_ID);
    if (qidKey == null) {
      throw new UnknownFieldException(CustomFields.QUEAST_ID);
    }
    custom.put(qidKey, queastId);
    body.put("custom_fields", custom);
    if (orgId != null) {
      body.put("org_id", orgId);
    }
    return body;
  }

  private static String cleanAddress(String a) {
    String s = a.trim();
    while (s.startsWith(",")) {
      s = s.substring(1).trim();
    }
    while (s.endsWith(",")) {
      s = s.substring(0, s.length() - 1).trim();
    }
    return s;
  }

  /**
   * The marker a Signal's note or activity carries, to find it again after an ambiguous create.
   *
   * @param signalId the Queast Signal id
   * @return the marker text
   */
  public static String marker(String signalId) {
    return "Queast ref: " + signalId;
  }

  /**
   * Whether a note or activity body carries exactly this Signal's marker: the whole paragraph, so
   * the marker of {@code s40} does not match the body of {@code s401}.
   *
   * @param body note content or activity note
   * @param marker the marker
   * @return true when the body is this Signal's
   */
  public static boolean carries(String body, String marker) {
    return body != null && body.contains("<p>" + marker + "</p>");
  }

  /**
   * A v1 note body for a Signal.
   *
   * @param props mapped note properties ({@code content})
   * @param signalId the Signal id
   * @param orgId organization id
   * @param personId person id or null
   * @return the body
   */
  public static JsonObject note(JsonObject props, String signalId, long orgId, Long personId) {
    JsonObject body = props.copy();
    String content = body.getString("content", "");
    body.put("content", content + "\n<p>" + marker(signalId) + "</p>");
    body.put("org_id", orgId);
    if (personId != null) {
      body.put("person_id", personId);
    }
    return body;
  }

  /**
   * A v2 activity body for a Signal.
   *
   * @param props mapped activity properties
   * @param signalId the Signal id
   * @param orgId organization id
   * @param personId person id or null (becomes the primary participant)
   * @return the body
   */
  public static JsonObject activity(JsonObject props, String signalId, long orgId, Long personId) {
    JsonObject body = props.copy();
    String note = body.getString("note", "");
    body.put("note", note + "\n<p>" + marker(signalId) + "</p>");
    body.put("org_id", orgId);
    if (personId != null) {
      body.put(
          "participants",
          new JsonArray().add(new JsonObject().put("person_id", personId).put("primary", true)));
    }
    return body;
  }

  /** A mapping names a custom field whose hash key is not resolved (yet). */
  public static final class UnknownFieldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * The missing field.
     *
     * @param name field name
     */
    public UnknownFieldException(String name) {
      super("custom field '" + name + "' is not resolved for this connection", null, false, false);
    }
  }
}

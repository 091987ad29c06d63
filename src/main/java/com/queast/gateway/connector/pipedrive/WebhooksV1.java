package com.queast.gateway.connector.pipedrive;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Webhook management, which Pipedrive serves only in API v1 (vendor notes §5.1), in this one class.
 * Webhooks are created with {@code version: "2.0"} and HTTP Basic credentials (Pipedrive signs
 * nothing).
 */
public final class WebhooksV1 {

  private WebhooksV1() {}

  /**
   * The company's webhooks that call this target URL with this Basic user (one connection's: the
   * user names the connection, so another connection to the same company keeps its own).
   *
   * @param s session
   * @param url subscription URL
   * @param user HTTP Basic user
   * @return a Uni emitting the webhooks; fails with {@link IllegalStateException} when the list
   *     cannot be read
   */
  public static Uni<List<JsonObject>> list(PipedriveSession s, String url, String user) {
    return s.call(PipedriveEndpoint.WEBHOOK_LIST, null, Map.of(), null)
        .map(
            r -> {
              if (r.status() != 200 || r.body() == null) {
                throw new IllegalStateException("listing webhooks: " + PipedriveErrors.message(r));
              }
              JsonArray data = r.body().getJsonArray("data", new JsonArray());
              List<JsonObject> out = new ArrayList<>();
              for (int i = 0; i < data.size(); i++) {
                JsonObject w = data.getJsonObject(i);
                if (url.equals(w.getString("subscription_url"))
                    && user.equals(w.getString("http_auth_user"))) {
                  out.add(w);
                }
              }
              return out;
            });
  }

  /**
   * Creates a v2 webhook.
   *
   * @param s session
   * @param url subscription URL
   * @param action event action
   * @param object event object
   * @param user HTTP Basic user
   * @param password HTTP Basic password
   * @return a Uni emitting the webhook id; fails with {@link IllegalStateException} naming the
   *     vendor's errors
   */
  public static Uni<String> create(
      PipedriveSession s, String url, String action, String object, String user, String password) {
    JsonObject body =
        new JsonObject()
            .put("subscription_url", url)
            .put("event_action", action)
            .put("event_object", object)
            .put("name", "Queast gateway " + action + "." + object)
            .put("http_auth_user", user)
            .put("http_auth_password", password)
            .put("version", "2.0");
    return s.call(PipedriveEndpoint.WEBHOOK_CREATE, null, Map.of(), body)
        .map(
            r -> {
              if (!r.ok() || r.data() == null) {
                throw new IllegalStateException(
                    "creating the webhook: " + PipedriveErrors.message(r));
              }
              return String.valueOf(r.data().getValue("id"));
            });
  }

  /**
   * Deletes a webhook (a 404 counts as deleted).
   *
   * @param s session
   * @param id webhook id
   * @return a Uni completing when gone
   */
  public static Uni<Void> delete(PipedriveSession s, String id) {
    return s.call(PipedriveEndpoint.WEBHOOK_DELETE, id, Map.of(), null)
        .map(
            r -> {
              if (!r.ok() && r.status() != 404) {
                throw new IllegalStateException(
                    "deleting the webhook: " + PipedriveErrors.message(r));
              }
              return null;
            })
        .replaceWithVoid();
  }
}

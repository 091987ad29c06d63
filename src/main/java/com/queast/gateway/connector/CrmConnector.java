package com.queast.gateway.connector;

import com.queast.gateway.common.GatewayException;
import com.queast.gateway.mapping.MappingSpec;
import com.queast.gateway.ratelimit.LaneLoad;
import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A CRM connector: the one interface the delivery pipeline talks to (over the event bus, through
 * {@link ConnectorVerticle}). A connector owns its HTTP clients, its per-lane pacing, its mapping
 * defaults and its use of identity matching. Implementations must be non-blocking.
 */
public interface CrmConnector {

  /**
   * Static facts about the connector.
   *
   * @return descriptor
   */
  ConnectorDescriptor descriptor();

  /**
   * How many jobs the lane may claim now (backpressure: a lane claims only what it can send).
   *
   * @param request lane, limiter snapshot and the most the caller wants
   * @return a Uni emitting the decision; never fails
   */
  Uni<PaceDecision> pace(PaceRequest request);

  /**
   * The live load of a lane whose pacer lives in this instance (it served the lane): requests in
   * the vendor's window against its allowance, and the vendor's 429s. For the operator's view;
   * never on the delivery path.
   *
   * @param lane lane key
   * @return the load, or empty when this instance has no pacer for the lane (then the snapshot the
   *     lane's last holder left in the lanes table is what there is)
   */
  default Optional<LaneLoad> laneLoad(String lane) {
    return Optional.empty();
  }

  /**
   * Delivers a batch. Per-record failures are results, not a failed Uni: the Uni fails only when
   * the connector could not even try (then every job of the batch is retried).
   *
   * @param batch jobs with their records
   * @return a Uni emitting one result per job
   */
  Uni<BatchResult> deliver(DeliveryBatch batch);

  /**
   * Connects with credentials given in the request (private-app token, API token): verifies them
   * against the CRM and learns the account.
   *
   * @param request the connect request
   * @return a Uni emitting the verified connection; fails with a 400 {@code GatewayException}
   *     naming the bad field, or a 4xx/502 when the CRM refuses the credentials
   */
  default Uni<ConnectResult> connectWithCredentials(ConnectRequest request) {
    return Uni.createFrom()
        .failure(
            new GatewayException(
                "auth_not_supported",
                400,
                descriptor().crm() + " does not accept " + request.auth()));
  }

  /**
   * The CRM's OAuth consent URL for a pending connection.
   *
   * @param state single-use value bound to the tenant and connection
   * @return the URL to send the user to
   */
  default String authorizeUrl(String state) {
    throw new GatewayException(
        "auth_not_supported", 400, descriptor().crm() + " has no OAuth flow");
  }

  /**
   * Exchanges an OAuth authorization code.
   *
   * @param code the code from the callback
   * @return a Uni emitting the verified connection, or failing when the CRM refuses the code
   */
  default Uni<ConnectResult> exchangeCode(String code) {
    return Uni.createFrom()
        .failure(
            new GatewayException(
                "auth_not_supported", 400, descriptor().crm() + " has no OAuth flow"));
  }

  /**
   * Idempotent setup of a freshly connected account (custom properties, webhook subscriptions).
   *
   * @param connection the active connection
   * @return a Uni emitting non-secret config to merge into the connection (e.g. resolved field
   *     keys)
   */
  default Uni<io.vertx.core.json.JsonObject> setup(Connection connection) {
    return Uni.createFrom().item(new io.vertx.core.json.JsonObject());
  }

  /**
   * The CRM's property names per object type, to validate tenant mapping overrides against the real
   * account.
   *
   * @param connection an active connection
   * @param objects CRM object types the mapping writes
   * @return a Uni emitting object → property names; an object left out is not checked (not
   *     listable)
   */
  default Uni<Map<String, Set<String>>> crmProperties(Connection connection, Set<String> objects) {
    return Uni.createFrom().item(Map.of());
  }

  /**
   * Checks (and prepares what it needs for) a tenant's merged mapping before it is stored: a
   * representation the account cannot have is refused here, naming the field.
   *
   * @param connection the connection (checks that need the CRM run only when it is active)
   * @param mapping the merged mapping
   * @return a Uni completing when the mapping is fine; failing with a 400 {@code GatewayException}
   *     naming the bad fields otherwise
   */
  default Uni<Void> checkMapping(Connection connection, MappingSpec mapping) {
    return Uni.createFrom().voidItem();
  }

  /**
   * Whether {@link #listPage} pages through the CRM's existing records (then a new connection
   * builds its matching index before its first deliveries).
   *
   * @return true when listable
   */
  default boolean listable() {
    return false;
  }

  /**
   * One page of the CRM's existing companies or people, paced like any other call of the lane.
   *
   * @param connection an active connection
   * @param kind {@code company} or {@code person}
   * @param cursor null for the first page
   * @return a Uni emitting the page
   */
  default Uni<CrmPage> listPage(Connection connection, String kind, String cursor) {
    return Uni.createFrom().item(new CrmPage(List.of(), null));
  }

  /**
   * The current state of one CRM record a webhook named: parsed from the webhook's data when it
   * carries the record, else read from the CRM (paced like any call of the lane).
   *
   * @param request connection, kind, CRM id and the webhook's data (or null)
   * @return a Uni emitting the record ({@link FetchedRecord#deleted()} when the CRM no longer has
   *     it); fails when the CRM could not be asked (the job is retried)
   */
  default Uni<FetchedRecord> fetchRecord(FetchRequest request) {
    return Uni.createFrom()
        .failure(
            new GatewayException(
                "fetch_not_supported", 400, descriptor().crm() + " cannot read one record"));
  }

  /**
   * Whether {@link #changedSince} is implemented (then incremental pulls run for the connection).
   *
   * @return true when supported
   */
  default boolean incremental() {
    return false;
  }

  /**
   * One page of records modified at or after a watermark, oldest first, paced like any call.
   *
   * @param request connection, kind, watermark and cursor
   * @return a Uni emitting the page
   */
  default Uni<ChangedPage> changedSince(ChangesRequest request) {
    return Uni.createFrom().item(new ChangedPage(List.of(), null, null, null));
  }

  /**
   * The connector's webhook role, when its CRM sends webhooks: the receiver mounts {@code POST
   * /v1/webhooks/{pathSegment}} for it and verifies and parses through it.
   *
   * @return the webhook source, or empty when the CRM has no webhooks
   */
  default Optional<WebhookSource> webhooks() {
    return Optional.empty();
  }

  /**
   * Releases clients and timers.
   *
   * @return a Uni completing when closed
   */
  default Uni<Void> close() {
    return Uni.createFrom().voidItem();
  }
}

package com.queast.gateway.connector;

import java.util.List;

/**
 * Static facts about a connector.
 *
 * @param crm id used in URLs, lanes and event-bus addresses, e.g. {@code hubspot}
 * @param displayName human name
 * @param maxBatch most records one delivery call can carry
 * @param authTypes accepted {@code auth} values of the connections API
 */
public record ConnectorDescriptor(
    String crm, String displayName, int maxBatch, List<String> authTypes) {}

package com.queast.gateway.connector;

import com.queast.gateway.tenant.Connection;

/**
 * Asks a connector for one page of a CRM's records.
 *
 * @param connection the connection
 * @param kind {@code company} or {@code person}
 * @param cursor null for the first page
 */
public record ListRequest(Connection connection, String kind, String cursor) {}

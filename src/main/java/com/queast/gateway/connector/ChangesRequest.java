package com.queast.gateway.connector;

import com.queast.gateway.tenant.Connection;
import java.time.Instant;

/**
 * Asks a connector for one page of records changed since a watermark (incremental pull).
 *
 * @param connection the connection
 * @param kind {@code company} or {@code person}
 * @param since records modified at or after this instant
 * @param cursor null for the first page after {@code since}
 */
public record ChangesRequest(Connection connection, String kind, Instant since, String cursor) {}

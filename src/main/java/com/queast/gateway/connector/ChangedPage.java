package com.queast.gateway.connector;

import com.queast.gateway.matching.CrmRecord;
import java.time.Instant;
import java.util.List;

/**
 * One page of records changed since a watermark.
 *
 * @param records the changed records
 * @param nextCursor cursor of the next page with the same {@code since}, or null
 * @param restartFrom when the vendor caps how deep a query may page (HubSpot search: 10,000
 *     results), the watermark to start a fresh query from; null otherwise
 * @param newest the latest modification time seen on this page, or null when empty
 */
public record ChangedPage(
    List<CrmRecord> records, String nextCursor, Instant restartFrom, Instant newest) {}

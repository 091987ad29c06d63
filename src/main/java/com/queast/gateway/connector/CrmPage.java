package com.queast.gateway.connector;

import com.queast.gateway.matching.CrmRecord;
import java.util.List;

/**
 * One page of a CRM's existing records, for the local index identity matching uses.
 *
 * @param records the page's records
 * @param nextCursor cursor of the next page, or null at the end
 */
public record CrmPage(List<CrmRecord> records, String nextCursor) {}

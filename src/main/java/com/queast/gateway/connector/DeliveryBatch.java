package com.queast.gateway.connector;

import com.queast.gateway.record.DeliveryItem;
import java.util.List;

/**
 * Jobs of one lane handed to a connector in one go. Items may belong to several connections of the
 * lane's CRM account; the connector groups them as its API needs.
 *
 * @param lane lane key
 * @param items items in priority order (companies, then people, then signals)
 */
public record DeliveryBatch(String lane, List<DeliveryItem> items) {}

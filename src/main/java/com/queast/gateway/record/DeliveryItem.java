package com.queast.gateway.record;

import com.queast.gateway.jobqueue.Job;

/**
 * One job of a batch with what the connector needs to deliver it.
 *
 * @param job the claimed job (tenant, connection, attempt)
 * @param record the record's latest snapshot, or null when it no longer exists
 * @param previous what was last delivered for it to this connection, or null
 */
public record DeliveryItem(Job job, QueastRecord record, DeliveredState previous) {}

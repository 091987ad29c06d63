package com.queast.gateway.connector;

import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.record.DeliveredState;

/**
 * What happened to one job of a batch.
 *
 * @param jobId the job
 * @param outcome typed outcome with attempt details for the delivery log
 * @param delivered the new delivered state when the outcome is a completion that wrote to the CRM,
 *     else null
 */
public record ItemResult(long jobId, Outcome outcome, DeliveredState delivered) {}

package com.queast.gateway.app;

import com.queast.gateway.connector.IdentityResolver;
import com.queast.gateway.delivery.DeliveryStore;
import com.queast.gateway.jobqueue.JobNotifier;
import com.queast.gateway.jobqueue.JobStore;
import com.queast.gateway.record.RecordStore;
import com.queast.gateway.tenant.ConnectionStore;
import com.queast.gateway.tenant.TenantStore;
import com.queast.gateway.tenant.TokenManager;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * The plain collaborators of a running gateway, built once by {@link GatewayBuilder}.
 *
 * @param config configuration
 * @param clock time source
 * @param meters metrics
 * @param jobs job queue
 * @param records records
 * @param deliveries delivery log
 * @param tenants tenants
 * @param connections connections
 * @param notifier LISTEN connection
 * @param tokens credentials with single-flight refresh
 * @param identity identity matching
 */
public record Services(
    GatewayConfig config,
    Clock clock,
    MeterRegistry meters,
    JobStore jobs,
    RecordStore records,
    DeliveryStore deliveries,
    TenantStore tenants,
    ConnectionStore connections,
    JobNotifier notifier,
    TokenManager tokens,
    IdentityResolver identity) {}

-- Operations (issue 11): the queue-like tables churn. Every job row is inserted, updated when claimed and when it
-- completes (none of them a HOT update: `state` is indexed), and deleted after retention; inbound events are inserted
-- and updated once; lanes and backfills are updated on every claim and page. Postgres's default autovacuum trigger
-- (20% of the table dead) lets the partial indexes the claims and the inbound worker read (jobs_claim,
-- jobs_pending_record, inbound_events_pending) fill with dead entries long before a vacuum, and the planner work from
-- stale statistics. Queue tables are vacuumed and analysed after a small fixed share instead, without cost-based
-- sleeping (the practice of Postgres-backed queues). Only takes effect where autovacuum is on (docs/operations.md).
ALTER TABLE jobs SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000,
                      autovacuum_analyze_scale_factor = 0.02, autovacuum_analyze_threshold = 1000,
                      autovacuum_vacuum_insert_scale_factor = 0.05, autovacuum_vacuum_cost_delay = 0);
ALTER TABLE inbound_events SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000,
                                autovacuum_analyze_scale_factor = 0.02, autovacuum_analyze_threshold = 1000,
                                autovacuum_vacuum_cost_delay = 0);
ALTER TABLE lanes SET (autovacuum_vacuum_scale_factor = 0.0, autovacuum_vacuum_threshold = 200,
                       autovacuum_vacuum_cost_delay = 0);
ALTER TABLE backfills SET (autovacuum_vacuum_scale_factor = 0.0, autovacuum_vacuum_threshold = 200,
                           autovacuum_vacuum_cost_delay = 0);

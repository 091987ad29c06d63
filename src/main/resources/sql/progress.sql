-- Read-only progress of backfills (api/BackfillProgressHandler via progress/BackfillProgressStore).
-- Nothing here writes: the backfills table (V22) is advanced by record/Backfills.

-- name: progress-backfill
-- One backfill of a tenant, with how far its connection has come:
-- total = the tenant's current records; delivered = records whose current version the CRM holds
-- (deliveries.delivered_hash = records.content_hash); failed = the connection's jobs that went dead
-- since the backfill started; recent = records completed in the last 60 s (the rate).
SELECT b.id, b.connection_id, b.reason, b.state, b.enqueued, b.created_at, b.finished_at,
  (SELECT count(*) FROM records r WHERE r.tenant_id = b.tenant_id) AS total,
  (SELECT count(*) FROM deliveries d JOIN records r
     ON r.tenant_id = d.tenant_id AND r.record_type = d.record_type AND r.record_id = d.record_id
   WHERE d.connection_id = b.connection_id AND d.delivered_hash = r.content_hash) AS delivered,
  (SELECT count(*) FROM jobs j
   WHERE j.connection_id = b.connection_id AND j.state = 'dead' AND j.finished_at >= b.created_at) AS failed,
  (SELECT count(*) FROM delivery_log l
   WHERE l.tenant_id = b.tenant_id AND l.connection_id = b.connection_id AND l.outcome = 'completed'
     AND l.created_at >= greatest(b.created_at, $3::timestamptz - interval '60 seconds')) AS recent,
  extract(epoch FROM ($3::timestamptz - b.created_at)) AS age_s
FROM backfills b
WHERE b.tenant_id = $1 AND b.id = $2;

-- name: progress-latest
-- The newest backfill of each of a tenant's connections (ids only; progress-backfill reads each).
SELECT DISTINCT ON (connection_id) id
FROM backfills
WHERE tenant_id = $1
ORDER BY connection_id, id DESC;

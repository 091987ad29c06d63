-- Deletion and erasure of Queast records (issue 16).

-- name: mark-deleted
-- The deletion is the record's newest version: hash 'deleted', so it travels through the delivery jobs like any
-- change. A record already deleted is left alone (a repeated DELETE enqueues nothing).
UPDATE records SET content_hash = 'deleted', deleted_at = $4, updated_at = $4, version = version + 1
WHERE tenant_id = $1 AND record_type = $2 AND record_id = $3 AND deleted_at IS NULL
RETURNING version;

-- name: record-state
SELECT deleted_at IS NOT NULL AS deleted, version FROM records
WHERE tenant_id = $1 AND record_type = $2 AND record_id = $3;

-- name: forget-matches
-- A deleted record's match decisions go (a later write is matched afresh).
DELETE FROM matches WHERE tenant_id = $1 AND record_type = $2 AND record_id = $3;

-- name: erasure-in-force
SELECT id, record_id, requested_at, reallowed_at FROM erasures
WHERE tenant_id = $1 AND record_id = $2 AND reallowed_at IS NULL;

-- name: person-known
SELECT 1 FROM records WHERE tenant_id = $1 AND record_type = 'person' AND record_id = $2;

-- name: erasure-targets
-- Every connection of the tenant that can take a job, with the contact id the gateway knows for the person there:
-- where it was delivered, what a match linked, or what the CRM index knows by queast_id.
SELECT c.id AS connection_id, c.crm, c.account_id,
       COALESCE(d.crm_id, m.crm_id,
                (SELECT r.crm_id FROM crm_records r
                 WHERE r.connection_id = c.id AND r.kind = 'person' AND r.queast_id = $2 AND NOT r.deleted
                 ORDER BY r.crm_id LIMIT 1)) AS crm_id
FROM connections c
LEFT JOIN deliveries d ON d.connection_id = c.id AND d.record_type = 'person' AND d.record_id = $2
LEFT JOIN matches m ON m.connection_id = c.id AND m.record_type = 'person' AND m.record_id = $2
WHERE c.tenant_id = $1 AND c.status IN ('active', 'needs_reauth', 'paused') AND c.account_id IS NOT NULL;

-- name: erasure-insert
INSERT INTO erasures (id, tenant_id, record_id, requested_at) VALUES ($1, $2, $3, $4);

-- name: erasure-connections-insert
-- After the erase jobs are enqueued (same transaction): each connection's row names its pending erase job.
INSERT INTO erasure_connections (erasure_id, tenant_id, connection_id, crm, crm_id, job_id)
SELECT $1, $2, t.connection_id, t.crm, t.crm_id,
       (SELECT j.id FROM jobs j
        WHERE j.connection_id = t.connection_id AND j.kind = 'erase' AND j.record_type = 'person'
          AND j.record_id = $6 AND j.state IN ('available', 'retryable'))
FROM unnest($3::uuid[], $4::text[], $5::text[]) AS t(connection_id, crm, crm_id);

-- name: erase-person-data
-- Everything the gateway holds about the person, in one statement: its snapshot, delivered state (the properties
-- sent), matches (evidence), vendor messages in the delivery log, the pending jobs (cancelled) and the errors of
-- all its jobs, the CRM's events about the contact and the CRM index entries. The erase jobs are left alone.
WITH targets AS (
  SELECT connection_id, crm_id FROM erasure_connections WHERE erasure_id = $3 AND crm_id IS NOT NULL),
rec AS (DELETE FROM records WHERE tenant_id = $1 AND record_type = 'person' AND record_id = $2 RETURNING 1),
del AS (DELETE FROM deliveries WHERE tenant_id = $1 AND record_type = 'person' AND record_id = $2 RETURNING 1),
mat AS (DELETE FROM matches WHERE tenant_id = $1 AND record_type = 'person' AND record_id = $2 RETURNING 1),
logs AS (UPDATE delivery_log SET vendor_message = NULL
         WHERE tenant_id = $1 AND record_type = 'person' AND record_id = $2 AND kind <> 'erase'
           AND vendor_message IS NOT NULL RETURNING 1),
jobs_done AS (UPDATE jobs
              SET state = CASE WHEN state IN ('available', 'retryable') THEN 'cancelled'::job_state ELSE state END,
                  finished_at = CASE WHEN state IN ('available', 'retryable') THEN $4 ELSE finished_at END,
                  last_error = NULL, updated_at = $4
              WHERE tenant_id = $1 AND record_type = 'person' AND record_id = $2 AND kind <> 'erase'
              RETURNING 1),
events AS (DELETE FROM inbound_events e USING targets t
           WHERE e.connection_id = t.connection_id AND e.object_kind = 'person' AND e.crm_id = t.crm_id
           RETURNING 1),
idx AS (DELETE FROM crm_records r
        WHERE r.kind = 'person'
          AND ((r.connection_id, r.crm_id) IN (SELECT connection_id, crm_id FROM targets)
               OR (r.queast_id = $2
                   AND r.connection_id IN (SELECT id FROM connections WHERE tenant_id = $1)))
        RETURNING 1)
SELECT (SELECT count(*) FROM rec) AS records, (SELECT count(*) FROM del) AS deliveries,
       (SELECT count(*) FROM mat) AS matches, (SELECT count(*) FROM logs) AS log_rows,
       (SELECT count(*) FROM jobs_done) AS jobs, (SELECT count(*) FROM events) AS events,
       (SELECT count(*) FROM idx) AS index_entries;

-- name: erasure-get
SELECT id, record_id, requested_at, reallowed_at FROM erasures WHERE tenant_id = $1 AND id = $2;

-- name: erasure-connections
-- Per connection: the job's state while the job exists, then the last delivery-log outcome of the job.
SELECT ec.connection_id, ec.crm, ec.crm_id, ec.job_id, j.state::text AS job_state, j.attempt,
       (SELECT l.outcome FROM delivery_log l WHERE l.job_id = ec.job_id ORDER BY l.id DESC LIMIT 1) AS last_outcome,
       (SELECT l.vendor_code FROM delivery_log l WHERE l.job_id = ec.job_id ORDER BY l.id DESC LIMIT 1) AS last_code,
       (SELECT l.created_at FROM delivery_log l WHERE l.job_id = ec.job_id ORDER BY l.id DESC LIMIT 1) AS last_at
FROM erasure_connections ec
LEFT JOIN jobs j ON j.id = ec.job_id
WHERE ec.tenant_id = $1 AND ec.erasure_id = $2
ORDER BY ec.connection_id;

-- name: erasure-reallow
UPDATE erasures SET reallowed_at = $3
WHERE tenant_id = $1 AND record_id = $2 AND reallowed_at IS NULL
RETURNING id, record_id, requested_at, reallowed_at;

-- name: erased-among
-- Which of these person ids have an erasure in force (ingest refuses them): one statement per batch.
SELECT record_id FROM erasures WHERE tenant_id = $1 AND record_id = ANY($2::text[]) AND reallowed_at IS NULL;

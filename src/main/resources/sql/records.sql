-- Records: latest snapshot per (tenant, type, id) with its content hash.

-- name: delivery-targets
-- (Record deletions; ingest does the same inside its one statement.) Connections of the tenant that should get these record versions: connected ones (a paused or needs_reauth one
-- keeps its jobs waiting) whose last delivered hash differs.
SELECT c.id AS connection_id, c.crm, c.account_id, t.record_type, t.record_id, t.content_hash
FROM unnest($2::text[], $3::text[], $4::text[]) AS t(record_type, record_id, content_hash)
CROSS JOIN connections c
LEFT JOIN deliveries d
  ON d.connection_id = c.id AND d.record_type = t.record_type AND d.record_id = t.record_id
WHERE c.tenant_id = $1 AND c.status IN ('active', 'needs_reauth', 'paused') AND c.account_id IS NOT NULL
  AND d.delivered_hash IS DISTINCT FROM t.content_hash;

-- name: ingest
-- A batch of one tenant's records and their delivery jobs in ONE statement (issue 11): upsert the records (only
-- new or changed ones come back), pick the connections that should get each changed version (connected ones, a
-- paused or needs_reauth one keeps its jobs waiting, whose last delivered hash differs), enqueue their jobs with the
-- coalescing of `enqueue` in jobs.sql (the ON CONFLICT clause is the same text, checked by BackfillStepSqlTest),
-- and nudge each lane. One statement, so one transaction and one round trip: the 202 still means the records and
-- their jobs are committed together, and the changed rows never travel to the gateway and back.
-- $1 tenant, $2-$4 and $6 the records, $5 now, $7 max attempts, $8 / $9 / $10 priority of company / person / signal.
-- Answers one row per changed record (kind 'r') and one row with the number of jobs written (kind 'j').
WITH up AS (
  INSERT INTO records (tenant_id, record_type, record_id, data, content_hash, created_at, updated_at)
  SELECT $1, t.record_type, t.record_id, t.data, t.content_hash, $5, $5
  FROM unnest($2::text[], $3::text[], $4::jsonb[], $6::text[]) AS t(record_type, record_id, data, content_hash)
  ON CONFLICT (tenant_id, record_type, record_id) DO UPDATE
    SET data = EXCLUDED.data, content_hash = EXCLUDED.content_hash, version = records.version + 1,
        updated_at = EXCLUDED.updated_at, deleted_at = NULL
    WHERE records.content_hash IS DISTINCT FROM EXCLUDED.content_hash
  RETURNING record_type, record_id, content_hash, version),
targets AS (
  SELECT c.id AS connection_id, c.crm || ':' || c.account_id AS lane, u.record_type, u.record_id, u.content_hash
  FROM up u
  CROSS JOIN connections c
  LEFT JOIN deliveries d
    ON d.connection_id = c.id AND d.record_type = u.record_type AND d.record_id = u.record_id
  WHERE c.tenant_id = $1 AND c.status IN ('active', 'needs_reauth', 'paused') AND c.account_id IS NOT NULL
    AND d.delivered_hash IS DISTINCT FROM u.content_hash),
lane AS (
  INSERT INTO lanes (lane) SELECT DISTINCT lane FROM targets ON CONFLICT (lane) DO NOTHING
  RETURNING 1),
enqueued AS (
  INSERT INTO jobs (tenant_id, connection_id, lane, kind, record_type, record_id, content_hash, payload,
                    max_attempts, priority, run_at, created_at, updated_at)
  SELECT $1, t.connection_id, t.lane, 'deliver', t.record_type, t.record_id, t.content_hash, '{}'::jsonb,
         $7::int, CASE t.record_type WHEN 'company' THEN $8::int WHEN 'person' THEN $9::int ELSE $10::int END,
         $5::timestamptz, $5::timestamptz, $5::timestamptz
  FROM targets t
ON CONFLICT (connection_id, kind, record_type, record_id)
  WHERE state IN ('available', 'retryable') AND record_id IS NOT NULL
DO UPDATE SET content_hash = EXCLUDED.content_hash,
              payload = EXCLUDED.payload,
              run_at = CASE WHEN jobs.content_hash IS DISTINCT FROM EXCLUDED.content_hash
                            THEN LEAST(jobs.run_at, EXCLUDED.run_at) ELSE jobs.run_at END,
              updated_at = EXCLUDED.updated_at
  RETURNING lane),
nudged AS (
  SELECT pg_notify('gateway_jobs', l.lane) FROM (SELECT DISTINCT lane FROM enqueued) l)
SELECT 'r' AS kind, record_type, record_id, version FROM up
UNION ALL
-- nudged is a plain SELECT: it runs only when referenced (a data-modifying CTE always runs).
SELECT 'j', NULL, NULL, (SELECT count(*) FROM enqueued) FROM (SELECT count(*) AS n FROM nudged) x;

-- name: get-record
SELECT record_type, record_id, data, content_hash, version, updated_at
FROM records WHERE tenant_id = $1 AND record_type = $2 AND record_id = $3 AND deleted_at IS NULL;

-- name: load-for-delivery
-- Each job's record (null when gone) and what was last delivered for it on its connection.
SELECT t.job_id, r.data, r.content_hash, r.version, r.updated_at,
       d.crm_object_type, d.crm_id, d.delivered_hash, d.delivered_props
FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::uuid[])
     AS t(job_id, tenant_id, record_type, record_id, connection_id)
LEFT JOIN records r
  ON r.tenant_id = t.tenant_id AND r.record_type = t.record_type AND r.record_id = t.record_id
LEFT JOIN deliveries d
  ON d.connection_id = t.connection_id AND d.record_type = t.record_type AND d.record_id = t.record_id;

-- name: backfill-step
-- One page of a leased backfill in ONE statement (issue 11): lock the backfill while this runner ($2) still holds it,
-- read the next keyset page of the tenant's current records in delivery order (company < person < signal), enqueue
-- their delivery jobs with the coalescing of `enqueue` in jobs.sql (the ON CONFLICT clause is the same text, checked
-- by BackfillStepSqlTest), nudge the lane, and advance the cursor. One statement, so one transaction: the cursor
-- moves with the page's jobs, and the page never passes through the gateway's memory. No row when the runner no
-- longer holds the backfill (superseded, or its lease was taken); state 'done' once a page comes back short.
-- $3 now, $4 lease until, $5 max attempts, $6 / $7 / $8 priority of company / person / signal jobs.
WITH b AS (
  SELECT id, tenant_id, connection_id, lane, page_size, after_type, after_id
  FROM backfills WHERE id = $1 AND state = 'running' AND lease_owner = $2
  FOR UPDATE),
page AS (
  SELECT r.record_type, r.record_id, r.content_hash
  FROM b CROSS JOIN LATERAL (
    SELECT record_type, record_id, content_hash
    FROM records
    WHERE tenant_id = b.tenant_id AND (record_type, record_id) > (b.after_type, b.after_id) AND deleted_at IS NULL
    ORDER BY record_type, record_id
    LIMIT b.page_size) r),
lane AS (
  INSERT INTO lanes (lane) SELECT lane FROM b ON CONFLICT (lane) DO NOTHING
  RETURNING 1),
enqueued AS (
  INSERT INTO jobs (tenant_id, connection_id, lane, kind, record_type, record_id, content_hash, payload,
                    max_attempts, priority, run_at, created_at, updated_at)
  SELECT b.tenant_id, b.connection_id, b.lane, 'deliver', p.record_type, p.record_id, p.content_hash, '{}'::jsonb,
         $5::int, CASE p.record_type WHEN 'company' THEN $6::int WHEN 'person' THEN $7::int ELSE $8::int END,
         $3::timestamptz, $3::timestamptz, $3::timestamptz
  FROM b CROSS JOIN page p
ON CONFLICT (connection_id, kind, record_type, record_id)
  WHERE state IN ('available', 'retryable') AND record_id IS NOT NULL
DO UPDATE SET content_hash = EXCLUDED.content_hash,
              payload = EXCLUDED.payload,
              run_at = CASE WHEN jobs.content_hash IS DISTINCT FROM EXCLUDED.content_hash
                            THEN LEAST(jobs.run_at, EXCLUDED.run_at) ELSE jobs.run_at END,
              updated_at = EXCLUDED.updated_at
  RETURNING 1),
last AS (
  SELECT record_type, record_id FROM page ORDER BY record_type DESC, record_id DESC LIMIT 1),
counted AS (
  SELECT count(*) AS n FROM page),
nudged AS (
  SELECT pg_notify('gateway_jobs', b.lane) FROM b, counted WHERE counted.n > 0)
UPDATE backfills f
SET after_type = COALESCE(last.record_type, f.after_type),
    after_id = COALESCE(last.record_id, f.after_id),
    enqueued = f.enqueued + counted.n,
    lease_until = $4, updated_at = $3,
    state = CASE WHEN counted.n < b.page_size THEN 'done' ELSE f.state END,
    finished_at = CASE WHEN counted.n < b.page_size THEN $3 ELSE f.finished_at END,
    lease_owner = CASE WHEN counted.n < b.page_size THEN NULL ELSE f.lease_owner END
FROM b CROSS JOIN counted LEFT JOIN last ON true
-- nudged is a plain SELECT: it runs only when referenced (a data-modifying CTE always runs).
WHERE f.id = b.id AND (SELECT count(*) FROM nudged) >= 0
RETURNING f.*;

-- name: backfill-supersede
-- A new backfill of a connection replaces the one still running (it starts again from the first record).
UPDATE backfills SET state = 'superseded', finished_at = $3, updated_at = $3, lease_owner = NULL
WHERE tenant_id = $1 AND connection_id = $2 AND state = 'running';

-- name: backfill-insert
INSERT INTO backfills (tenant_id, connection_id, lane, reason, page_size, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $6)
RETURNING *;

-- name: backfill-claim
-- One running backfill nobody holds (or whose holder's lease expired), leased to this runner.
UPDATE backfills SET lease_owner = $1, lease_until = $3, updated_at = $2
WHERE id = (
  SELECT id FROM backfills
  WHERE state = 'running' AND (lease_until IS NULL OR lease_until < $2)
  ORDER BY id
  FOR UPDATE SKIP LOCKED
  LIMIT 1)
RETURNING *;

-- name: backfill-get
SELECT * FROM backfills WHERE tenant_id = $1 AND connection_id = $2 AND id = $3;

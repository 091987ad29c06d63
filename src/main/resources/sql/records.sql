-- Records: latest snapshot per (tenant, type, id) with its content hash.

-- name: upsert-records
-- Only rows whose content changed (or are new) come back: an unchanged record enqueues nothing.
INSERT INTO records (tenant_id, record_type, record_id, data, content_hash, created_at, updated_at)
SELECT $1, t.record_type, t.record_id, t.data, t.content_hash, $5, $5
FROM unnest($2::text[], $3::text[], $4::jsonb[], $6::text[]) AS t(record_type, record_id, data, content_hash)
ON CONFLICT (tenant_id, record_type, record_id) DO UPDATE
  SET data = EXCLUDED.data, content_hash = EXCLUDED.content_hash, version = records.version + 1,
      updated_at = EXCLUDED.updated_at, deleted_at = NULL
  WHERE records.content_hash IS DISTINCT FROM EXCLUDED.content_hash
RETURNING record_type, record_id, content_hash, version;

-- name: delivery-targets
-- Connections of the tenant that should get these record versions: connected ones (a paused or needs_reauth one
-- keeps its jobs waiting) whose last delivered hash differs.
SELECT c.id AS connection_id, c.crm, c.account_id, t.record_type, t.record_id, t.content_hash
FROM unnest($2::text[], $3::text[], $4::text[]) AS t(record_type, record_id, content_hash)
CROSS JOIN connections c
LEFT JOIN deliveries d
  ON d.connection_id = c.id AND d.record_type = t.record_type AND d.record_id = t.record_id
WHERE c.tenant_id = $1 AND c.status IN ('active', 'needs_reauth', 'paused') AND c.account_id IS NOT NULL
  AND d.delivered_hash IS DISTINCT FROM t.content_hash;

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

-- name: backfill-page
-- Keyset page of a tenant's records in delivery order (company < person < signal), never the whole table at once.
SELECT record_type, record_id, content_hash
FROM records
WHERE tenant_id = $1 AND (record_type, record_id) > ($2, $3) AND deleted_at IS NULL
ORDER BY record_type, record_id
LIMIT $4;

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

-- name: backfill-lock
-- The backfill, locked for one page, only while this runner still holds it.
SELECT * FROM backfills WHERE id = $1 AND state = 'running' AND lease_owner = $2 FOR UPDATE;

-- name: backfill-advance
UPDATE backfills
SET after_type = $2, after_id = $3, enqueued = enqueued + $4, lease_until = $5, updated_at = $6,
    state = CASE WHEN $7 THEN 'done' ELSE state END,
    finished_at = CASE WHEN $7 THEN $6 ELSE finished_at END,
    lease_owner = CASE WHEN $7 THEN NULL ELSE lease_owner END
WHERE id = $1
RETURNING *;

-- name: backfill-get
SELECT * FROM backfills WHERE tenant_id = $1 AND connection_id = $2 AND id = $3;

-- Records: latest snapshot per (tenant, type, id) with its content hash.

-- name: upsert-records
-- Only rows whose content changed (or are new) come back: an unchanged record enqueues nothing.
INSERT INTO records (tenant_id, record_type, record_id, data, content_hash, created_at, updated_at)
SELECT $1, t.record_type, t.record_id, t.data, t.content_hash, $5, $5
FROM unnest($2::text[], $3::text[], $4::jsonb[], $6::text[]) AS t(record_type, record_id, data, content_hash)
ON CONFLICT (tenant_id, record_type, record_id) DO UPDATE
  SET data = EXCLUDED.data, content_hash = EXCLUDED.content_hash, version = records.version + 1,
      updated_at = EXCLUDED.updated_at
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
FROM records WHERE tenant_id = $1 AND record_type = $2 AND record_id = $3;

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
WHERE tenant_id = $1 AND (record_type, record_id) > ($2, $3)
ORDER BY record_type, record_id
LIMIT $4;

-- Delivery bookkeeping: outcomes in bulk, the delivery log, the delivered state per (connection, record).

-- name: settle-batch
-- A round's bookkeeping in one statement (issue 11): the delivered state of completed record jobs, one delivery-log
-- row per attempt, and the completion of the jobs this worker still holds. One statement, so one transaction: a job is
-- never completed without its delivered state (a later job of the record must see where it landed).
WITH delivered AS (
  INSERT INTO deliveries (connection_id, record_type, record_id, tenant_id, crm_object_type, crm_id, delivered_hash,
                          delivered_props, delivered_at)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                       $8::jsonb[], $9::timestamptz[])
  ON CONFLICT (connection_id, record_type, record_id) DO UPDATE
    SET crm_object_type = EXCLUDED.crm_object_type, crm_id = EXCLUDED.crm_id,
        delivered_hash = EXCLUDED.delivered_hash, delivered_props = EXCLUDED.delivered_props,
        delivered_at = EXCLUDED.delivered_at
  RETURNING 1),
logged AS (
  INSERT INTO delivery_log (job_id, tenant_id, connection_id, lane, kind, record_type, record_id, attempt, outcome,
                            http_status, vendor_code, vendor_message, vendor_request_id, crm_id, duration_ms,
                            created_at)
  SELECT * FROM unnest($10::bigint[], $11::text[], $12::uuid[], $13::text[], $14::text[], $15::text[], $16::text[],
                       $17::int[], $18::text[], $19::int[], $20::text[], $21::text[], $22::text[], $23::text[],
                       $24::int[], $25::timestamptz[])
  RETURNING 1),
completed AS (
  UPDATE jobs SET state = 'completed', finished_at = $28, updated_at = $28, lease_until = NULL, last_error = NULL
  WHERE id = ANY($26::bigint[]) AND state = 'running' AND worker_id = $27
  RETURNING id)
SELECT id FROM completed;

-- name: log-for-tenant
-- Newest first, keyset paged by id; tenant-scoped, optional filters.
SELECT id, job_id, connection_id, lane, kind, record_type, record_id, attempt, outcome, http_status, vendor_code,
       vendor_message, vendor_request_id, crm_id, duration_ms, created_at
FROM delivery_log
WHERE tenant_id = $1
  AND ($2::uuid IS NULL OR connection_id = $2)
  AND ($3::text IS NULL OR record_type = $3)
  AND ($4::text IS NULL OR record_id = $4)
  AND ($5::text IS NULL OR outcome = $5)
  AND ($6::bigint IS NULL OR id < $6)
ORDER BY id DESC
LIMIT $7;

-- name: delivered-crm-ids
-- Where records already landed in the CRM (connectors link people and Signals to their company with it), and which of
-- the wanted records Queast has deleted: a deleted record's link is not used (its CRM record may be archived or the
-- link forgotten), and nothing waits for it (crm_id null, deleted true).
SELECT t.record_id, CASE WHEN r.deleted_at IS NULL THEN d.crm_id END AS crm_id, r.deleted_at IS NOT NULL AS deleted
FROM unnest($3::text[]) AS t(record_id)
JOIN connections c ON c.id = $1
LEFT JOIN records r ON r.tenant_id = c.tenant_id AND r.record_type = $2 AND r.record_id = t.record_id
LEFT JOIN deliveries d
  ON d.connection_id = $1 AND d.record_type = $2 AND d.record_id = t.record_id AND d.crm_id IS NOT NULL
WHERE r.deleted_at IS NOT NULL OR d.crm_id IS NOT NULL;

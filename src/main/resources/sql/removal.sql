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


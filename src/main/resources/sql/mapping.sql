-- Mapping overrides.

-- name: latest-override
SELECT version, patch, created_at FROM mapping_overrides
WHERE connection_id = $1 AND tenant_id = $2 ORDER BY version DESC LIMIT 1;

-- name: insert-override
-- Versions are dense per connection; a concurrent writer of the same version fails on the primary key.
INSERT INTO mapping_overrides (connection_id, version, tenant_id, patch)
SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3 FROM mapping_overrides WHERE connection_id = $1
RETURNING version, created_at;

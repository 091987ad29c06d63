-- HTTP API support: idempotency keys.

-- name: get-idempotency
SELECT request_hash, status, body FROM idempotency_keys WHERE tenant_id = $1 AND key = $2;

-- name: put-idempotency
INSERT INTO idempotency_keys (tenant_id, key, request_hash, status, body) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (tenant_id, key) DO NOTHING;

-- name: delete-old-idempotency
DELETE FROM idempotency_keys WHERE created_at < $1;

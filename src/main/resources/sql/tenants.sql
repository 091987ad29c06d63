-- Tenants and connections. Every connection statement carries the tenant.

-- name: upsert-tenant
INSERT INTO tenants (id, name) VALUES ($1, $2)
ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, updated_at = now()
RETURNING id, name, created_at, updated_at, (xmax = 0) AS created;

-- name: get-tenant
SELECT id, name, created_at, updated_at FROM tenants WHERE id = $1;

-- name: insert-connection
INSERT INTO connections (id, tenant_id, crm, auth_type, status, status_reason, account_id, credentials,
                         token_expires_at, config)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10);

-- name: get-connection
SELECT id, tenant_id, crm, auth_type, status, status_reason, account_id, credentials, token_expires_at, config,
       created_at, updated_at
FROM connections WHERE id = $1 AND tenant_id = $2;

-- name: get-connection-any-tenant
-- Only for the OAuth callback and webhook receipt, which learn the tenant from the connection itself.
SELECT id, tenant_id, crm, auth_type, status, status_reason, account_id, credentials, token_expires_at, config,
       created_at, updated_at
FROM connections WHERE id = $1;

-- name: lock-connection
-- Single-flight token refresh: the refresher holds this row lock; others wait, then see the fresh token.
SELECT id, tenant_id, crm, auth_type, status, status_reason, account_id, credentials, token_expires_at, config,
       created_at, updated_at
FROM connections WHERE id = $1 FOR UPDATE;

-- name: list-connections
SELECT id, tenant_id, crm, auth_type, status, status_reason, account_id, credentials, token_expires_at, config,
       created_at, updated_at
FROM connections WHERE tenant_id = $1 ORDER BY created_at, id;

-- name: connections-by-account
SELECT id, tenant_id, crm, auth_type, status, status_reason, account_id, credentials, token_expires_at, config,
       created_at, updated_at
FROM connections WHERE crm = $1 AND account_id = $2 AND status <> 'disconnected';

-- name: activate-connection
UPDATE connections SET status = 'active', status_reason = NULL, account_id = $3, credentials = $4,
                       token_expires_at = $5, config = config || $6, updated_at = now()
WHERE id = $1 AND tenant_id = $2;

-- name: set-status
UPDATE connections SET status = $3, status_reason = $4, updated_at = now() WHERE id = $1 AND tenant_id = $2;

-- name: set-status-if-credentials
-- A status caused by the credentials a call used (a refused API token): not when a re-authorisation stored others
-- meanwhile (a call still in flight with the old token must not undo it).
UPDATE connections SET status = $3, status_reason = $4, updated_at = now()
WHERE id = $1 AND tenant_id = $2 AND credentials IS NOT DISTINCT FROM $5;

-- name: set-credentials
UPDATE connections SET credentials = $2, token_expires_at = $3, updated_at = now() WHERE id = $1;

-- name: merge-config
UPDATE connections SET config = config || $3, updated_at = now() WHERE id = $1 AND tenant_id = $2;

-- name: insert-oauth-state
INSERT INTO oauth_states (state, tenant_id, connection_id, expires_at) VALUES ($1, $2, $3, $4);

-- name: use-oauth-state
-- Single use: the first callback marks it used; a replay finds nothing.
UPDATE oauth_states SET used_at = $2
WHERE state = $1 AND used_at IS NULL AND expires_at > $2
RETURNING tenant_id, connection_id;

-- name: lane-status
SELECT lane, paused_until, pause_reason, worker_id, lease_until FROM lanes WHERE lane = $1;

-- name: job-counts-for-connection
SELECT state::text, count(*) AS n FROM jobs WHERE connection_id = $1 GROUP BY state;

-- name: cancel-connection-jobs
UPDATE jobs SET state = 'cancelled', finished_at = $2, updated_at = $2,
                last_error = jsonb_build_object('code', 'disconnected', 'message', 'the connection was disconnected')
WHERE connection_id = $1 AND state IN ('available', 'retryable');

-- name: set-config-path
-- Atomic update of one nested config key (concurrent writers of sibling keys do not overwrite each other).
UPDATE connections SET config = jsonb_set(config, $3::text[], to_jsonb($4::text), true), updated_at = now()
WHERE id = $1 AND tenant_id = $2
RETURNING config;

-- name: wake-reauth-jobs
-- After a (re-)activation: jobs that snoozed waiting for the re-authorisation are due now.
UPDATE jobs SET run_at = $2, updated_at = $2
WHERE connection_id = $1 AND state IN ('available', 'retryable') AND run_at > $2
  AND last_error->>'code' = 'needs_reauth';

-- name: list-sealed-credentials
-- Key rotation only (spans tenants, admin token): every stored credential blob.
SELECT id, credentials FROM connections WHERE credentials IS NOT NULL;

-- name: reseal-credentials
-- Key rotation: replaces a blob only if it is still the one read (a token refresh in between wins).
UPDATE connections SET credentials = $3 WHERE id = $1 AND credentials = $2;

-- name: insert-api-key
INSERT INTO api_keys (id, tenant_id, name, key_hash) VALUES ($1, $2, $3, $4)
RETURNING id, name, created_at;

-- name: list-api-keys
SELECT id, name, created_at, revoked_at FROM api_keys WHERE tenant_id = $1 ORDER BY created_at, id;

-- name: revoke-api-key
UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND tenant_id = $2 AND revoked_at IS NULL
RETURNING id;

-- name: api-key-tenant
-- Authentication (system scope: the tenant is what this finds out).
SELECT tenant_id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL;

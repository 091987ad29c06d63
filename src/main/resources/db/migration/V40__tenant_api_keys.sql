-- Tenant-scoped API keys (issue 12): a key reaches only /v1/tenants/{its tenant}/...; the secret is shown once
-- and stored as its SHA-256 (keys are 256 random bits, so a fast hash is enough: there is nothing to guess).
CREATE TABLE api_keys (
  id          uuid PRIMARY KEY,
  tenant_id   text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name        text NOT NULL,
  key_hash    bytea NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at);

-- Foundation schema: tenants, records, connections, job queue, lanes, delivery log, idempotency.
-- Version ranges: V1-V9 foundation, V10-V19 connectors, V20-V29 mapping/matching, V30-V39 inbound.

CREATE TABLE tenants (
  id          text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Latest snapshot of each Queast record per tenant. content_hash is over the canonical JSON of data.
CREATE TABLE records (
  tenant_id     text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  record_type   text NOT NULL CHECK (record_type IN ('company', 'person', 'signal')),
  record_id     text NOT NULL CHECK (length(record_id) BETWEEN 1 AND 64),
  data          jsonb NOT NULL,
  content_hash  text NOT NULL,
  version       bigint NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, record_type, record_id)
);
-- Backfill streams a connection's records in key order.
CREATE INDEX records_signal_company ON records (tenant_id, (data->>'companyId')) WHERE record_type = 'signal';

CREATE TABLE connections (
  id              uuid PRIMARY KEY,
  tenant_id       text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  crm             text NOT NULL,
  auth_type       text NOT NULL,
  -- pending (waiting for OAuth consent) | active | needs_reauth | paused | disconnected | error
  status          text NOT NULL,
  status_reason   text,
  -- CRM account: HubSpot portal (hub_id) or Pipedrive company id; known once connected.
  account_id      text,
  -- Encrypted credential blob (AES-GCM, see CredentialVault); never logged, never returned.
  credentials     bytea,
  token_expires_at timestamptz,
  config          jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX connections_tenant ON connections (tenant_id);

CREATE TABLE oauth_states (
  state          text PRIMARY KEY,
  tenant_id      text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  connection_id  uuid NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  expires_at     timestamptz NOT NULL,
  used_at        timestamptz
);

-- A lane is one CRM account of one tenant's connection: the unit of pacing, batching and fairness.
-- Exactly one worker serves a lane at a time (lease), so the in-memory token bucket of that worker is authoritative.
CREATE TABLE lanes (
  lane            text PRIMARY KEY,
  -- Lane-wide pause (429 window, needs_reauth, budget exhausted). Jobs wait; they do not burn attempts.
  paused_until    timestamptz,
  pause_reason    text,
  worker_id       text,
  lease_until     timestamptz,
  last_served_at  timestamptz NOT NULL DEFAULT '-infinity',
  -- Token-bucket snapshot left by the last worker, so a lane moving between instances keeps its pacing.
  limiter_state   jsonb,
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TYPE job_state AS ENUM ('available', 'running', 'retryable', 'completed', 'dead', 'cancelled');

CREATE TABLE jobs (
  id             bigserial PRIMARY KEY,
  tenant_id      text NOT NULL,
  connection_id  uuid,
  lane           text NOT NULL,
  kind           text NOT NULL,
  record_type    text,
  record_id      text,
  -- Hash of the record version this job was enqueued for (coalescing key content).
  content_hash   text,
  payload        jsonb NOT NULL DEFAULT '{}'::jsonb,
  state          job_state NOT NULL DEFAULT 'available',
  attempt        int NOT NULL DEFAULT 0,
  max_attempts   int NOT NULL,
  priority       int NOT NULL DEFAULT 0,
  run_at         timestamptz NOT NULL DEFAULT now(),
  worker_id      text,
  lease_until    timestamptz,
  last_error     jsonb,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz
);
-- Claim path: ready jobs of one lane in order.
CREATE INDEX jobs_claim ON jobs (lane, priority DESC, run_at, id) WHERE state IN ('available', 'retryable');
-- Rescue path: running jobs by lease.
CREATE INDEX jobs_running_lease ON jobs (lease_until) WHERE state = 'running';
-- Latest wins: at most one pending job per (connection, kind, record). A newer version replaces its payload.
CREATE UNIQUE INDEX jobs_pending_record ON jobs (connection_id, kind, record_type, record_id)
  WHERE state IN ('available', 'retryable') AND record_id IS NOT NULL;
CREATE INDEX jobs_dead ON jobs (connection_id, finished_at) WHERE state = 'dead';
CREATE INDEX jobs_state_lane ON jobs (state, lane);
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE state IN ('completed', 'cancelled');

-- What was last delivered for a (connection, record): the CRM id it landed on and the hash/properties sent,
-- so unchanged records enqueue nothing and updates send only changed properties.
CREATE TABLE deliveries (
  connection_id   uuid NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  record_type     text NOT NULL,
  record_id       text NOT NULL,
  tenant_id       text NOT NULL,
  crm_object_type text,
  crm_id          text,
  delivered_hash  text,
  delivered_props jsonb,
  delivered_at    timestamptz,
  PRIMARY KEY (connection_id, record_type, record_id)
);
CREATE INDEX deliveries_crm_id ON deliveries (connection_id, crm_object_type, crm_id);

-- Every attempt, good or bad.
CREATE TABLE delivery_log (
  id                 bigserial PRIMARY KEY,
  job_id             bigint NOT NULL,
  tenant_id          text NOT NULL,
  connection_id      uuid,
  lane               text NOT NULL,
  kind               text NOT NULL,
  record_type        text,
  record_id          text,
  attempt            int NOT NULL,
  outcome            text NOT NULL,
  http_status        int,
  vendor_code        text,
  vendor_message     text,
  vendor_request_id  text,
  crm_id             text,
  duration_ms        int NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delivery_log_job ON delivery_log (job_id, id);
CREATE INDEX delivery_log_conn ON delivery_log (tenant_id, connection_id, created_at DESC);
CREATE INDEX delivery_log_record ON delivery_log (tenant_id, record_type, record_id, created_at DESC);

-- Idempotency-Key: the first response is stored and replayed for a repeat with the same body.
CREATE TABLE idempotency_keys (
  tenant_id      text NOT NULL,
  key            text NOT NULL,
  request_hash   text NOT NULL,
  status         int NOT NULL,
  body           jsonb NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, key)
);

-- Inbound: CRM webhook events received (durable before the 2xx), deleted CRM records in the index, and the
-- per-connection watermark of incremental pulls.

CREATE TABLE inbound_events (
  id             bigserial PRIMARY KEY,
  tenant_id      text NOT NULL,
  connection_id  uuid NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  crm            text NOT NULL,
  -- The vendor's event id (HubSpot eventId, Pipedrive meta.id), else object:id:occurredAt: retries dedupe on it.
  event_key      text NOT NULL,
  object_kind    text NOT NULL CHECK (object_kind IN ('company', 'person')),
  crm_id         text NOT NULL,
  -- change, create, delete (normalised from the vendor's vocabulary)
  action         text NOT NULL,
  property_name  text,
  property_value text,
  occurred_at    timestamptz NOT NULL,
  payload        jsonb NOT NULL,
  -- received (waiting for its job), processed, unresolved (interest on a CRM record linked to no Queast company)
  state          text NOT NULL DEFAULT 'received' CHECK (state IN ('received', 'processed', 'unresolved')),
  detail         text,
  received_at    timestamptz NOT NULL,
  processed_at   timestamptz,
  UNIQUE (connection_id, event_key)
);
CREATE INDEX inbound_events_pending ON inbound_events (connection_id, object_kind, crm_id) WHERE state = 'received';
CREATE INDEX inbound_events_recent ON inbound_events (tenant_id, id DESC);

ALTER TABLE crm_records ADD COLUMN deleted boolean NOT NULL DEFAULT false;

CREATE TABLE crm_pull_watermarks (
  connection_id  uuid NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  kind           text NOT NULL CHECK (kind IN ('company', 'person')),
  watermark      timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (connection_id, kind)
);

-- Identity matching: the local index of each connection's CRM records, and every match decision (the review queue).

CREATE TABLE crm_records (
  connection_id  uuid NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  kind           text NOT NULL CHECK (kind IN ('company', 'person')),
  crm_id         text NOT NULL,
  queast_id      text,
  name           text,
  domain         text,
  linkedin       text,
  email          text,
  country        text,
  city           text,
  -- pull (paged from the CRM), write (our own write), webhook (the CRM told us)
  source         text NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (connection_id, kind, crm_id)
);
CREATE INDEX crm_records_fresh ON crm_records (connection_id, updated_at);

CREATE TABLE matches (
  id               bigserial PRIMARY KEY,
  tenant_id        text NOT NULL,
  connection_id    uuid NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  record_type      text NOT NULL,
  record_id        text NOT NULL,
  state            text NOT NULL CHECK (state IN ('auto_linked', 'needs_review', 'confirmed', 'rejected')),
  crm_id           text,
  score            double precision,
  strategy         text,
  evidence         jsonb NOT NULL,
  previous_crm_id  text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  decided_at       timestamptz,
  UNIQUE (connection_id, record_type, record_id)
);
CREATE INDEX matches_queue ON matches (tenant_id, state, id DESC);

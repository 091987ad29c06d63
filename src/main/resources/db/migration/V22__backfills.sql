-- Durable backfills: a backfill is a row with a keyset cursor, advanced in the same transaction as the
-- jobs of each page, so a backfill survives a restart and resumes where it stopped (never twice, never
-- lost). A runner holds a lease while it pages; an expired lease lets another instance carry on.
CREATE TABLE backfills (
  id             bigserial PRIMARY KEY,
  tenant_id      text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  connection_id  uuid NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  lane           text NOT NULL,
  reason         text NOT NULL,
  state          text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done', 'superseded')),
  page_size      integer NOT NULL CHECK (page_size BETWEEN 1 AND 10000),
  after_type     text NOT NULL DEFAULT '',
  after_id       text NOT NULL DEFAULT '',
  enqueued       bigint NOT NULL DEFAULT 0,
  lease_owner    text,
  lease_until    timestamptz,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  finished_at    timestamptz
);

CREATE INDEX backfills_running ON backfills (id) WHERE state = 'running';
CREATE INDEX backfills_by_connection ON backfills (tenant_id, connection_id, id DESC);

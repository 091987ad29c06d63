-- Tenant mapping overrides per connection, versioned: the highest version is in force; older ones are history.
CREATE TABLE mapping_overrides (
  connection_id  uuid NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  version        int NOT NULL,
  tenant_id      text NOT NULL,
  patch          jsonb NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (connection_id, version)
);

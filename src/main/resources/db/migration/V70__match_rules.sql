-- Matching that learns (issue 15): rules the matcher applies on top of its strategies. Learned rules come from an
-- operator's decisions (confirm/relink teach aliases, reject and relink teach rejected pairs); alias lists are loaded
-- through the API by a tenant or, for every tenant, by the operator (tenant_id NULL). Values are kept as written;
-- the keys are the gateway's normalised forms (uniqueness and re-application), recomputed when rules are loaded.
CREATE TABLE alias_lists (
  id          bigserial PRIMARY KEY,
  tenant_id   text REFERENCES tenants(id) ON DELETE CASCADE,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  entries     int NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alias_lists_tenant ON alias_lists (tenant_id, id);

CREATE TABLE match_rules (
  id           bigserial PRIMARY KEY,
  tenant_id    text REFERENCES tenants(id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('name_alias', 'domain_alias', 'rejected_pair')),
  left_value   text NOT NULL CHECK (length(left_value) BETWEEN 1 AND 500),
  right_value  text NOT NULL CHECK (length(right_value) BETWEEN 1 AND 500),
  left_key     text NOT NULL,
  right_key    text NOT NULL,
  source       text NOT NULL CHECK (source IN ('confirm', 'relink', 'reject', 'list')),
  match_id     bigint,
  list_id      bigint REFERENCES alias_lists(id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((source = 'list') = (list_id IS NOT NULL)),
  CHECK (tenant_id IS NOT NULL OR source = 'list')
);
-- One learned rule per tenant, kind and pair of keys (keys are stored in sorted order); a list may repeat another's.
CREATE UNIQUE INDEX match_rules_learned ON match_rules (tenant_id, kind, left_key, right_key) WHERE list_id IS NULL;
CREATE INDEX match_rules_tenant ON match_rules (tenant_id, id);
CREATE INDEX match_rules_list ON match_rules (list_id);

-- Tenant walls (as V41/V43): a tenant sees its own rows and the operator-wide ones (tenant_id NULL), and writes only
-- its own; the system scope sees all.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['alias_lists', 'match_rules'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_wall ON %I USING (tenant_id = current_setting(''gateway.tenant'', true)'
      || ' OR current_setting(''gateway.tenant'', true) = ''*'')'
      || ' WITH CHECK (tenant_id = current_setting(''gateway.tenant'', true)'
      || ' OR current_setting(''gateway.tenant'', true) = ''*'')', t);
    EXECUTE format('CREATE POLICY operator_wide_read ON %I FOR SELECT USING (tenant_id IS NULL)', t);
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'queast_gateway_system') THEN
      EXECUTE format('CREATE POLICY system_scope ON %I TO queast_gateway_system USING (true) WITH CHECK (true)', t);
    END IF;
  END LOOP;
END $$;

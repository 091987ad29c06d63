-- Row-level security (issue 12): every table that carries a tenant_id, and tenants itself, shows a session only
-- the rows of the tenant in the setting gateway.tenant. The gateway sets it per transaction from the authenticated
-- tenant (ScopedPool); work that spans tenants (lane claims, maintenance, webhook receipt) runs on connections that
-- start with gateway.tenant=* (the system scope). Unset = no rows. FORCE makes the table owner obey it too (a
-- managed Postgres where the migrating user owns the tables); superusers and BYPASSRLS roles still bypass it, so
-- the gateway works as queast_gateway_app (created below when the migrating user may).
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT c.table_name
    FROM information_schema.columns c
    JOIN information_schema.tables tb
      ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
    WHERE c.table_schema = current_schema() AND c.column_name = 'tenant_id'
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.table_name);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t.table_name);
    EXECUTE format('DROP POLICY IF EXISTS tenant_wall ON %I', t.table_name);
    EXECUTE format(
      'CREATE POLICY tenant_wall ON %I USING (tenant_id = current_setting(''gateway.tenant'', true)'
      || ' OR current_setting(''gateway.tenant'', true) = ''*'')'
      || ' WITH CHECK (tenant_id = current_setting(''gateway.tenant'', true)'
      || ' OR current_setting(''gateway.tenant'', true) = ''*'')', t.table_name);
  END LOOP;
END $$;

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_wall ON tenants;
CREATE POLICY tenant_wall ON tenants
  USING (id = current_setting('gateway.tenant', true) OR current_setting('gateway.tenant', true) = '*')
  WITH CHECK (id = current_setting('gateway.tenant', true) OR current_setting('gateway.tenant', true) = '*');

-- The application role: LOGIN, no SUPERUSER, BYPASSRLS, CREATEROLE or CREATEDB; data rights only.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'queast_gateway_app') THEN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
      BEGIN
        CREATE ROLE queast_gateway_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB;
      EXCEPTION WHEN duplicate_object THEN
        NULL;
      END;
    ELSE
      RAISE NOTICE 'cannot create role queast_gateway_app (no CREATEROLE): create it and grant it by hand, see docs/security.md';
    END IF;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'queast_gateway_app') THEN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO queast_gateway_app', current_database());
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO queast_gateway_app', current_schema());
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO queast_gateway_app',
                   current_schema());
    EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO queast_gateway_app',
                   current_schema());
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES'
                   || ' TO queast_gateway_app', current_schema());
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT, UPDATE ON SEQUENCES'
                   || ' TO queast_gateway_app', current_schema());
    -- The history table stays the migrating user's.
    EXECUTE format('REVOKE ALL ON TABLE %I.flyway_schema_history FROM queast_gateway_app', current_schema());
  END IF;
END $$;

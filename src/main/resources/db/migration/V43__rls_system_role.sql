-- Cross-tenant work as a role of its own (issues 11 and 12). The tenant wall of V41/V42 ORs a system branch
-- (gateway.tenant = '*') into every policy; the planner estimates that OR as very selective, so on the delivery path
-- it planned a sequential scan of deliveries per batch row where an index scan was right (auto_explain: 1.97 M rows
-- filtered per batch of 100, 0.5 s; HubSpotVolumeIT 4x slower than as a superuser). Now the gateway's system pool
-- switches to queast_gateway_system (SET ROLE at connect), for which a permissive policy is simply `true`: its
-- queries plan as if there were no wall, and it still has no SUPERUSER or BYPASSRLS. queast_gateway_app may switch
-- to it but does not inherit it (NOINHERIT), so the system policy never applies to the tenant-scoped sessions.
DO $$
DECLARE
  t record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'queast_gateway_system') THEN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
      BEGIN
        CREATE ROLE queast_gateway_system NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB;
      EXCEPTION WHEN duplicate_object THEN
        NULL;
      END;
    ELSE
      RAISE NOTICE 'cannot create role queast_gateway_system (no CREATEROLE): create it and grant it by hand, see docs/security.md';
    END IF;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'queast_gateway_system') THEN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO queast_gateway_system', current_schema());
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO queast_gateway_system',
                   current_schema());
    EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO queast_gateway_system',
                   current_schema());
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES'
                   || ' TO queast_gateway_system', current_schema());
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT, UPDATE ON SEQUENCES'
                   || ' TO queast_gateway_system', current_schema());
    EXECUTE format('REVOKE ALL ON TABLE %I.flyway_schema_history FROM queast_gateway_system', current_schema());
    FOR t IN
      SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relrowsecurity
    LOOP
      EXECUTE format('DROP POLICY IF EXISTS system_scope ON %I', t.relname);
      EXECUTE format('CREATE POLICY system_scope ON %I TO queast_gateway_system USING (true) WITH CHECK (true)',
                     t.relname);
    END LOOP;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'queast_gateway_app') THEN
      BEGIN
        ALTER ROLE queast_gateway_app NOINHERIT;
        IF current_setting('server_version_num')::int >= 160000 THEN
          EXECUTE 'GRANT queast_gateway_system TO queast_gateway_app WITH INHERIT FALSE, SET TRUE';
        ELSE
          GRANT queast_gateway_system TO queast_gateway_app;
        END IF;
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'cannot let queast_gateway_app switch to queast_gateway_system: grant it by hand, see docs/security.md';
      END;
    END IF;
  END IF;
END $$;

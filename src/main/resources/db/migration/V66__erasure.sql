-- Erasure of a person (issue 16). What is kept is that an erasure happened, when, and for which connections: the
-- Queast person id (Queast's own pseudonymous key, needed to refuse later writes of it) and the CRM contact ids,
-- never the person's data. A later write of the id is refused until the erasure is re-allowed (reallowed_at).
CREATE TABLE erasures (
  id            uuid PRIMARY KEY,
  tenant_id     text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  record_id     text NOT NULL,
  requested_at  timestamptz NOT NULL,
  reallowed_at  timestamptz
);
-- At most one erasure in force per person; a re-allowed one stays as history.
CREATE UNIQUE INDEX erasures_in_force ON erasures (tenant_id, record_id) WHERE reallowed_at IS NULL;

-- One row per connection the erasure was sent to, with its job (the job's state, then its delivery-log rows once
-- the job is cleaned up, say how far it got).
CREATE TABLE erasure_connections (
  erasure_id     uuid NOT NULL REFERENCES erasures(id) ON DELETE CASCADE,
  tenant_id      text NOT NULL,
  connection_id  uuid NOT NULL,
  crm            text NOT NULL,
  crm_id         text,
  job_id         bigint,
  PRIMARY KEY (erasure_id, connection_id)
);
CREATE INDEX erasure_connections_crm ON erasure_connections (connection_id, crm_id);

-- Row-level security as in V41/V43.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['erasures', 'erasure_connections'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_wall ON %I USING (tenant_id = current_setting(''gateway.tenant'', true)'
      || ' OR current_setting(''gateway.tenant'', true) = ''*'')'
      || ' WITH CHECK (tenant_id = current_setting(''gateway.tenant'', true)'
      || ' OR current_setting(''gateway.tenant'', true) = ''*'')', t);
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'queast_gateway_system') THEN
      EXECUTE format('CREATE POLICY system_scope ON %I TO queast_gateway_system USING (true) WITH CHECK (true)', t);
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO queast_gateway_system', t);
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'queast_gateway_app') THEN
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO queast_gateway_app', t);
    END IF;
  END LOOP;
END $$;

-- Guards that keep an erased person's data out however late a write arrives (a delivery that was in flight, the
-- CRM's deletion webhook carrying the contact's last state, an index refresh). They run only for person rows.
CREATE FUNCTION erased_person(p_tenant text, p_record text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM erasures e
                 WHERE e.tenant_id = p_tenant AND e.record_id = p_record AND e.reallowed_at IS NULL)
$$;

CREATE FUNCTION erased_contact(p_connection uuid, p_crm_id text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM erasure_connections c JOIN erasures e ON e.id = c.erasure_id
                 WHERE c.connection_id = p_connection AND c.crm_id = p_crm_id AND e.reallowed_at IS NULL)
$$;

-- deliveries and matches: an erased person's row is not written at all.
CREATE FUNCTION skip_erased_person() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF erased_person(NEW.tenant_id, NEW.record_id) THEN
    RETURN NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER deliveries_erased BEFORE INSERT OR UPDATE ON deliveries
  FOR EACH ROW WHEN (NEW.record_type = 'person') EXECUTE FUNCTION skip_erased_person();
CREATE TRIGGER matches_erased BEFORE INSERT OR UPDATE ON matches
  FOR EACH ROW WHEN (NEW.record_type = 'person') EXECUTE FUNCTION skip_erased_person();

-- delivery_log: an erased person's rows keep no vendor message (it may quote the data); the erase jobs' own rows
-- carry only CRM ids.
CREATE FUNCTION scrub_erased_log() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF erased_person(NEW.tenant_id, NEW.record_id) THEN
    NEW.vendor_message := NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER delivery_log_erased BEFORE INSERT ON delivery_log
  FOR EACH ROW WHEN (NEW.record_type = 'person' AND NEW.kind <> 'erase') EXECUTE FUNCTION scrub_erased_log();

-- inbound_events about an erased contact keep the event, not its content.
CREATE FUNCTION scrub_erased_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF erased_contact(NEW.connection_id, NEW.crm_id) THEN
    NEW.payload := '{}'::jsonb;
    NEW.property_value := NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER inbound_events_erased BEFORE INSERT OR UPDATE ON inbound_events
  FOR EACH ROW WHEN (NEW.object_kind = 'person') EXECUTE FUNCTION scrub_erased_event();

-- crm_records (the matching index): an erased contact stays only as a deleted id.
CREATE FUNCTION scrub_erased_index() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF erased_contact(NEW.connection_id, NEW.crm_id)
     OR (NEW.queast_id IS NOT NULL
         AND erased_person((SELECT c.tenant_id FROM connections c WHERE c.id = NEW.connection_id), NEW.queast_id)) THEN
    NEW.name := NULL; NEW.domain := NULL; NEW.linkedin := NULL; NEW.email := NULL;
    NEW.country := NULL; NEW.city := NULL; NEW.queast_id := NULL; NEW.deleted := true;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER crm_records_erased BEFORE INSERT OR UPDATE ON crm_records
  FOR EACH ROW WHEN (NEW.kind = 'person') EXECUTE FUNCTION scrub_erased_index();

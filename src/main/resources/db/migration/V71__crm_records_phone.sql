-- Issue 15, item 3 (ADR 0020): the matching index keeps each CRM record's phone number (as the CRM holds it; the
-- gateway normalises it to E.164 when it builds the in-memory index) and, for a person, the CRM company it is
-- associated with (HubSpot's primary associated company, Pipedrive's org_id).
ALTER TABLE crm_records ADD COLUMN phone text;
ALTER TABLE crm_records ADD COLUMN company_crm_id text;

-- An erased contact stays only as a deleted id: its phone and company go with the rest (V66).
CREATE OR REPLACE FUNCTION scrub_erased_index() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF erased_contact(NEW.connection_id, NEW.crm_id)
     OR (NEW.queast_id IS NOT NULL
         AND erased_person((SELECT c.tenant_id FROM connections c WHERE c.id = NEW.connection_id), NEW.queast_id)) THEN
    NEW.name := NULL; NEW.domain := NULL; NEW.linkedin := NULL; NEW.email := NULL;
    NEW.country := NULL; NEW.city := NULL; NEW.queast_id := NULL; NEW.deleted := true;
    NEW.phone := NULL; NEW.company_crm_id := NULL;
  END IF;
  RETURN NEW;
END $$;

-- Erasure (issue 16), continued: a delivery of the person that was in flight when the erasure committed may still
-- fail afterwards, and its job's last_error may quote the vendor's message (which can carry the email). Such an
-- error keeps its code only. Fires only for person jobs that carry an error.
CREATE FUNCTION scrub_erased_job_error() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF erased_person(NEW.tenant_id, NEW.record_id) THEN
    NEW.last_error := jsonb_build_object('code', NEW.last_error->>'code', 'erased', true);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER jobs_erased BEFORE INSERT OR UPDATE OF last_error ON jobs
  FOR EACH ROW WHEN (NEW.record_type = 'person' AND NEW.kind <> 'erase' AND NEW.last_error IS NOT NULL)
  EXECUTE FUNCTION scrub_erased_job_error();

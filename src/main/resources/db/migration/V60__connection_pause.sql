-- Issue 14: an operator pauses and resumes a connection. A paused connection's jobs stay queued (no attempts used)
-- and are claimed again after the resume: the claim statements (sql/jobs.sql claim-lane, claim-jobs) take only jobs
-- of connections that are active AND not paused. Kept apart from status: a pause survives a re-authorisation, a
-- refused token and the Pipedrive budget's own pause/resume cycle, which all rewrite status.
ALTER TABLE connections ADD COLUMN paused_at timestamptz;

-- Pipelined lanes (issue 11): a lane may have several batches in flight, so a claim must skip a record whose earlier
-- job is still running (at most one job in flight per record). This index answers that check per candidate.
CREATE INDEX jobs_running_record ON jobs (connection_id, kind, record_type, record_id) WHERE state = 'running';

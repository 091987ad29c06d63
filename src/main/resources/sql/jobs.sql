-- Job queue statements. The jobs table is the truth; NOTIFY only nudges. Times come from the caller's Clock ($now)
-- so leases, backoff and rescue are deterministic in tests.

-- name: ensure-lanes
INSERT INTO lanes (lane) SELECT DISTINCT unnest($1::text[]) ON CONFLICT (lane) DO NOTHING;

-- name: enqueue
-- Latest wins: a pending job for the same (connection, kind, record) takes the new hash and payload. It keeps its
-- attempt count and state: an attempt that failed ambiguously (the write may have committed) must still be known to
-- the next one, which looks the record up before creating it again. New content is due now; the same content keeps
-- its backoff.
INSERT INTO jobs (tenant_id, connection_id, lane, kind, record_type, record_id, content_hash, payload,
                  max_attempts, priority, run_at, created_at, updated_at)
SELECT t.tenant_id, t.connection_id, t.lane, t.kind, t.record_type, t.record_id, t.content_hash, t.payload,
       t.max_attempts, t.priority, t.run_at, $12, $12
FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[],
            $9::int[], $10::int[], $11::timestamptz[])
     AS t(tenant_id, connection_id, lane, kind, record_type, record_id, content_hash, payload,
          max_attempts, priority, run_at)
ON CONFLICT (connection_id, kind, record_type, record_id)
  WHERE state IN ('available', 'retryable') AND record_id IS NOT NULL
DO UPDATE SET content_hash = EXCLUDED.content_hash,
              payload = EXCLUDED.payload,
              run_at = CASE WHEN jobs.content_hash IS DISTINCT FROM EXCLUDED.content_hash
                            THEN LEAST(jobs.run_at, EXCLUDED.run_at) ELSE jobs.run_at END,
              updated_at = EXCLUDED.updated_at
RETURNING id, lane, (xmax = 0) AS inserted;

-- name: notify
SELECT pg_notify('gateway_jobs', $1);

-- name: claim-lane
-- The $5 least recently served lanes that have due work, are not leased and not paused. SKIP LOCKED: racing workers
-- take different lanes. A lane is served by one worker at a time so its token bucket lives in one place. Several
-- lanes in one statement (issue 11, FairnessBench): claimed one by one, ten small tenants' lanes waited for ten
-- round trips (each a commit) in a row while another tenant's backfill kept the database busy.
WITH candidate AS (
  SELECT l.lane
  FROM lanes l
  WHERE (l.lease_until IS NULL OR l.lease_until < $2)
    AND (l.paused_until IS NULL OR l.paused_until <= $2)
    AND NOT (l.lane = ANY($4::text[]))
    AND EXISTS (
      SELECT 1 FROM jobs j
      WHERE j.lane = l.lane AND j.state IN ('available', 'retryable') AND j.run_at <= $2
        AND (j.connection_id IS NULL
             OR EXISTS (SELECT 1 FROM connections c WHERE c.id = j.connection_id AND c.status = 'active'
                                                     AND c.paused_at IS NULL)))
  ORDER BY l.last_served_at, l.lane
  LIMIT $5
  FOR UPDATE OF l SKIP LOCKED
)
UPDATE lanes SET worker_id = $1, lease_until = $3, last_served_at = $2
FROM candidate WHERE lanes.lane = candidate.lane
RETURNING lanes.lane, lanes.limiter_state;

-- name: claim-jobs
-- At most $5 due jobs of one lane; attempt counts from the claim, so a worker that dies has used one attempt. A lane
-- may have several batches in flight (pipelining), so a record whose earlier job is still running is skipped: at most
-- one job in flight per record (jobs_running_record).
UPDATE jobs SET state = 'running', attempt = attempt + 1, worker_id = $2, lease_until = $4, updated_at = $3
WHERE id IN (
  SELECT j.id FROM jobs j
  WHERE j.lane = $1 AND j.state IN ('available', 'retryable') AND j.run_at <= $3
    AND (j.connection_id IS NULL
         OR EXISTS (SELECT 1 FROM connections c WHERE c.id = j.connection_id AND c.status = 'active'
                                                 AND c.paused_at IS NULL))
    AND (j.record_id IS NULL
         OR NOT EXISTS (SELECT 1 FROM jobs r
                        WHERE r.connection_id = j.connection_id AND r.kind = j.kind
                          AND r.record_type = j.record_type AND r.record_id = j.record_id
                          AND r.state = 'running'))
  ORDER BY j.priority DESC, j.run_at, j.id
  LIMIT $5
  FOR UPDATE OF j SKIP LOCKED)
RETURNING id, tenant_id, connection_id, lane, kind, record_type, record_id, content_hash, payload, state::text,
          attempt, max_attempts, priority, run_at, created_at, waiting_since;

-- name: release-lane
-- Give the lane back, keeping its limiter state and an optional not-before (bucket empty, 429 window...).
UPDATE lanes SET worker_id = NULL, lease_until = NULL, limiter_state = $3,
                 paused_until = CASE WHEN $4::timestamptz IS NULL THEN paused_until
                                     ELSE GREATEST(COALESCE(paused_until, $4), $4) END,
                 pause_reason = COALESCE($5, pause_reason)
WHERE lane = $1 AND worker_id = $2;

-- name: extend-lane
UPDATE lanes SET lease_until = $3 WHERE lane = $1 AND worker_id = $2 RETURNING lane;

-- name: pause-lane
UPDATE lanes SET paused_until = $2, pause_reason = $3 WHERE lane = $1;

-- name: resume-lane
UPDATE lanes SET paused_until = NULL, pause_reason = NULL WHERE lane = $1;

-- name: complete
UPDATE jobs SET state = 'completed', finished_at = $3, updated_at = $3, lease_until = NULL, last_error = NULL
WHERE id = $1 AND state = 'running' AND worker_id = $2;

-- name: retry
-- Back to retryable with a due time; dead instead once the attempts are used up. When a newer version of the record
-- got its own pending job while this one ran (enqueue leaves running jobs alone), that job takes over: it inherits
-- this job's attempt count (an ambiguous failure stays known to the next attempt) and due time, and this one is
-- cancelled as superseded (two pending jobs for one record would break jobs_pending_record).
WITH me AS (SELECT id, connection_id, kind, record_type, record_id, attempt, max_attempts
            FROM jobs WHERE id = $1 AND state = 'running' AND worker_id = $2),
     heir AS (UPDATE jobs p SET attempt = GREATEST(p.attempt, me.attempt), run_at = GREATEST(p.run_at, $3),
                                updated_at = $5::timestamptz
              FROM me
              WHERE p.connection_id = me.connection_id AND p.kind = me.kind AND p.record_type = me.record_type
                AND p.record_id = me.record_id AND p.state IN ('available', 'retryable')
                AND me.attempt < me.max_attempts
              RETURNING me.id AS superseded)
UPDATE jobs j SET state = CASE WHEN j.id IN (SELECT superseded FROM heir) THEN 'cancelled'::job_state
                               WHEN j.attempt >= j.max_attempts THEN 'dead'::job_state
                               ELSE 'retryable'::job_state END,
                run_at = $3,
                last_error = CASE WHEN j.id IN (SELECT superseded FROM heir)
                                  THEN $4 || jsonb_build_object('superseded', true) ELSE $4 END,
                updated_at = $5::timestamptz, lease_until = NULL,
                finished_at = CASE WHEN j.id IN (SELECT superseded FROM heir) OR j.attempt >= j.max_attempts
                                   THEN $5::timestamptz ELSE NULL END
FROM me WHERE j.id = me.id
RETURNING j.state::text;

-- name: snooze
-- Not the job's fault (lane paused, dependency not delivered yet): give the attempt back. $6 true = a dependency wait:
-- the first one sets waiting_since (bounded by queue.dependencyMaxWaitMs). A pending newer version of the record takes
-- over, as in retry.
WITH me AS (SELECT id, connection_id, kind, record_type, record_id, attempt, waiting_since
            FROM jobs WHERE id = $1 AND state = 'running' AND worker_id = $2),
     heir AS (UPDATE jobs p SET attempt = GREATEST(p.attempt, me.attempt - 1), run_at = GREATEST(p.run_at, $3),
                                waiting_since = CASE WHEN $6::boolean
                                                     THEN COALESCE(me.waiting_since, p.waiting_since, $5)
                                                     ELSE COALESCE(me.waiting_since, p.waiting_since) END,
                                updated_at = $5::timestamptz
              FROM me
              WHERE p.connection_id = me.connection_id AND p.kind = me.kind AND p.record_type = me.record_type
                AND p.record_id = me.record_id AND p.state IN ('available', 'retryable')
              RETURNING me.id AS superseded)
UPDATE jobs j SET state = CASE WHEN j.id IN (SELECT superseded FROM heir) THEN 'cancelled'::job_state
                               ELSE 'available'::job_state END,
                attempt = GREATEST(j.attempt - 1, 0), run_at = $3,
                waiting_since = CASE WHEN $6::boolean THEN COALESCE(j.waiting_since, $5) ELSE j.waiting_since END,
                last_error = CASE WHEN j.id IN (SELECT superseded FROM heir)
                                  THEN $4 || jsonb_build_object('superseded', true) ELSE $4 END,
                updated_at = $5, lease_until = NULL,
                finished_at = CASE WHEN j.id IN (SELECT superseded FROM heir) THEN $5::timestamptz ELSE NULL END
FROM me WHERE j.id = me.id;

-- name: wake-if-reauthorized
-- After a worker snoozed jobs for needs_reauth: if the connection is active again (re-authorised while the round ran,
-- so the activation's own wake ran before these snoozes were written), they are due now. Activation sets the status
-- before it wakes, and this runs after the snoozes are written: one of the two always sees the other.
UPDATE jobs j SET run_at = $2, updated_at = $2
FROM connections c
WHERE j.connection_id = ANY($1::uuid[]) AND c.id = j.connection_id AND c.status = 'active'
  AND j.state IN ('available', 'retryable') AND j.run_at > $2 AND j.last_error->>'code' = 'needs_reauth';

-- name: dead
UPDATE jobs SET state = 'dead', last_error = $3, finished_at = $4, updated_at = $4, lease_until = NULL
WHERE id = $1 AND state = 'running' AND worker_id = $2;

-- name: cancel
UPDATE jobs SET state = 'cancelled', last_error = $3, finished_at = $4, updated_at = $4, lease_until = NULL
WHERE id = $1 AND state = 'running' AND worker_id = $2;

-- name: rescue
-- A running job whose lease ended belongs to a dead or stuck worker: retry it (or dead-letter it at the limit). When
-- the record has a pending newer version (or another expired job of the same record is newer), that one takes over
-- with this job's attempt count and this one is cancelled as superseded, as in retry.
WITH me AS (SELECT id, connection_id, kind, record_type, record_id, attempt, max_attempts
            FROM jobs WHERE state = 'running' AND lease_until < $1::timestamptz LIMIT 1000 FOR UPDATE SKIP LOCKED),
     heir AS (UPDATE jobs p SET attempt = GREATEST(p.attempt, me.attempt), updated_at = $1::timestamptz
              FROM me
              WHERE p.connection_id = me.connection_id AND p.kind = me.kind AND p.record_type = me.record_type
                AND p.record_id = me.record_id AND p.state IN ('available', 'retryable')
                AND me.attempt < me.max_attempts
              RETURNING me.id AS superseded),
     older AS (SELECT m.id AS superseded FROM me m
               WHERE m.attempt < m.max_attempts
                 AND EXISTS (SELECT 1 FROM me n WHERE n.connection_id = m.connection_id AND n.kind = m.kind
                             AND n.record_type = m.record_type AND n.record_id = m.record_id AND n.id > m.id)),
     gone AS (SELECT superseded FROM heir UNION SELECT superseded FROM older)
UPDATE jobs j SET state = CASE WHEN j.id IN (SELECT superseded FROM gone) THEN 'cancelled'::job_state
                               WHEN j.attempt >= j.max_attempts THEN 'dead'::job_state
                               ELSE 'retryable'::job_state END,
                run_at = $1::timestamptz, worker_id = NULL, lease_until = NULL, updated_at = $1::timestamptz,
                last_error = jsonb_build_object('code', 'lease_expired', 'message',
                                                'worker ' || COALESCE(j.worker_id, '?') || ' lost its lease',
                                                'superseded', j.id IN (SELECT superseded FROM gone)),
                finished_at = CASE WHEN j.id IN (SELECT superseded FROM gone) OR j.attempt >= j.max_attempts
                                   THEN $1::timestamptz ELSE NULL END
FROM me WHERE j.id = me.id
RETURNING j.id, j.lane, j.state::text;

-- name: release-expired-lanes
UPDATE lanes SET worker_id = NULL, lease_until = NULL WHERE lease_until < $1 RETURNING lane;

-- name: delete-finished
DELETE FROM jobs WHERE id IN (
  SELECT id FROM jobs WHERE state IN ('completed', 'cancelled') AND finished_at < $1 LIMIT 10000);

-- name: replay-job
-- A dead (or cancelled) job back to available with fresh attempts. Tenant-scoped.
UPDATE jobs SET state = 'available', attempt = 0, waiting_since = NULL, run_at = $3, finished_at = NULL, updated_at = $3
WHERE id = $1 AND tenant_id = $2 AND state IN ('dead', 'cancelled')
RETURNING id, lane;

-- name: replay-dead
-- Every dead job of a connection, optionally within a window of when they died. A record that already has a
-- pending job is not replayed twice (the pending one carries the latest version).
UPDATE jobs SET state = 'available', attempt = 0, waiting_since = NULL, run_at = $5, finished_at = NULL, updated_at = $5
WHERE id IN (
  SELECT d.id FROM jobs d
  WHERE d.tenant_id = $1 AND d.connection_id = $2 AND d.state = 'dead'
    AND ($3::timestamptz IS NULL OR d.finished_at >= $3)
    AND ($4::timestamptz IS NULL OR d.finished_at < $4)
    AND NOT EXISTS (SELECT 1 FROM jobs p WHERE p.connection_id = d.connection_id AND p.kind = d.kind
                    AND p.record_type = d.record_type AND p.record_id = d.record_id
                    AND p.state IN ('available', 'retryable'))
  FOR UPDATE SKIP LOCKED)
RETURNING id, lane;

-- name: get-job
SELECT id, tenant_id, connection_id, lane, kind, record_type, record_id, content_hash, payload, state::text,
       attempt, max_attempts, priority, run_at, created_at, waiting_since, last_error, finished_at
FROM jobs WHERE id = $1 AND tenant_id = $2;

-- name: depth
SELECT state::text, lane, count(*) AS n FROM jobs GROUP BY state, lane;

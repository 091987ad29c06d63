-- An operator's view of one connection and its pause switch (api/ConnectionControlHandler via
-- api/ConnectionControlStore). The pause is read by the claim statements of sql/jobs.sql (V60).

-- name: pause-connection
-- Idempotent: a second pause keeps the first one's time.
UPDATE connections SET paused_at = COALESCE(paused_at, $3), updated_at = $3
WHERE id = $1 AND tenant_id = $2
RETURNING id, crm, account_id, paused_at;

-- name: resume-connection
UPDATE connections SET paused_at = NULL, updated_at = $3
WHERE id = $1 AND tenant_id = $2
RETURNING id, crm, account_id, paused_at;

-- name: nudge-lane
SELECT pg_notify('gateway_jobs', $1);

-- name: connection-state
SELECT id, crm, account_id, status, paused_at FROM connections WHERE id = $1 AND tenant_id = $2;

-- name: connection-live
-- Jobs per state, record deliveries (kind deliver) of the last minute, and the lane: its pause (429 window, budget) and the load its pacer
-- reported in the limiter snapshot it left with the lane (limiter_state->'load', written at each release).
SELECT
  (SELECT jsonb_object_agg(s.state, s.n)
   FROM (SELECT state::text AS state, count(*) AS n FROM jobs WHERE connection_id = $2 GROUP BY state) s) AS jobs,
  (SELECT count(*) FROM delivery_log
   WHERE tenant_id = $1 AND connection_id = $2 AND kind = 'deliver' AND outcome = 'completed'
     AND created_at >= $4) AS delivered,
  (SELECT count(*) FROM delivery_log
   WHERE tenant_id = $1 AND connection_id = $2 AND kind = 'deliver' AND outcome IN ('retry', 'failed')
     AND created_at >= $4) AS failed,
  l.limiter_state -> 'load' AS load, l.paused_until, l.pause_reason
FROM (SELECT 1) one LEFT JOIN lanes l ON l.lane = $3;

-- name: connection-series
-- Record delivery attempts per minute since $3 (delivery_log_conn index): completed, retried, failed for good.
SELECT floor(extract(epoch FROM created_at) / 60)::bigint * 60 AS minute,
       count(*) FILTER (WHERE outcome = 'completed') AS completed,
       count(*) FILTER (WHERE outcome = 'retry') AS retried,
       count(*) FILTER (WHERE outcome = 'failed') AS failed
FROM delivery_log
WHERE tenant_id = $1 AND connection_id = $2 AND kind = 'deliver' AND created_at >= $3
GROUP BY 1
ORDER BY 1;

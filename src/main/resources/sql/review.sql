-- Review queue in bulk: operators settle many matches with one call, one statement per page.

-- name: decide-matches
-- One page of the matches a filter selects, decided as one: confirm keeps the proposed CRM record, reject drops it
-- (the record gets a CRM record of its own). Same effect on each row as decide-match. Rows another call is deciding
-- are skipped, not waited for.
WITH picked AS (
  SELECT id FROM matches
  WHERE tenant_id = $1 AND state = $2
    AND ($3::uuid IS NULL OR connection_id = $3)
    AND ($4::text IS NULL OR strategy = $4)
    AND ($5::float8 IS NULL OR score >= $5)
    AND ($6::float8 IS NULL OR score <= $6)
    AND ($7::text <> 'confirmed' OR crm_id IS NOT NULL)
  ORDER BY id
  LIMIT $9
  FOR UPDATE SKIP LOCKED
)
UPDATE matches m
SET state = $7,
    previous_crm_id = CASE WHEN $7::text = 'rejected' AND m.crm_id IS NOT NULL THEN m.crm_id
                           ELSE m.previous_crm_id END,
    crm_id = CASE WHEN $7::text = 'rejected' THEN NULL ELSE m.crm_id END,
    decided_at = $8
FROM picked
WHERE m.id = picked.id
RETURNING m.id, m.connection_id, m.record_type, m.record_id;

-- name: forget-deliveries
-- After rejections the next delivery of each record resolves it again (to a create).
DELETE FROM deliveries d
USING unnest($1::uuid[], $2::text[], $3::text[]) AS u(connection_id, record_type, record_id)
WHERE d.connection_id = u.connection_id AND d.record_type = u.record_type AND d.record_id = u.record_id;

-- name: record-hashes
SELECT r.record_type, r.record_id, r.content_hash
FROM records r
JOIN unnest($2::text[], $3::text[]) AS u(record_type, record_id)
  ON r.record_type = u.record_type AND r.record_id = u.record_id
WHERE r.tenant_id = $1;

-- name: make-records-due
-- Decisions were taken: the records' pending deliveries (snoozed while they waited for review) run now.
UPDATE jobs j SET run_at = $2, updated_at = $2
FROM unnest($3::uuid[], $4::text[], $5::text[]) AS u(connection_id, record_type, record_id)
WHERE j.tenant_id = $1 AND j.connection_id = u.connection_id AND j.kind = 'deliver'
  AND j.record_type = u.record_type AND j.record_id = u.record_id
  AND j.state IN ('available', 'retryable') AND j.run_at > $2;

-- name: report-outcomes
-- How a connection's records were matched: per state and strategy.
SELECT state, coalesce(strategy, '') AS strategy, count(*) AS n
FROM matches WHERE tenant_id = $1 AND connection_id = $2
GROUP BY state, strategy;

-- name: report-created
-- Records the CRM holds through this connection that no match decided: the gateway created them.
SELECT d.record_type, count(*) AS n
FROM deliveries d
WHERE d.tenant_id = $1 AND d.connection_id = $2 AND d.crm_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM matches m WHERE m.connection_id = d.connection_id
                    AND m.record_type = d.record_type AND m.record_id = d.record_id
                    AND m.state IN ('auto_linked', 'confirmed'))
GROUP BY d.record_type;

-- name: report-bands
-- Operators' decisions per score band of width 0.05: confirmed as proposed, relinked elsewhere, rejected. Reviews a
-- learned rule settled (strategy learned) are not operators' decisions and are left out.
SELECT floor(score * 20)::int AS band,
       count(*) FILTER (WHERE state = 'confirmed' AND previous_crm_id IS NULL) AS confirmed,
       count(*) FILTER (WHERE state = 'confirmed' AND previous_crm_id IS NOT NULL) AS relinked,
       count(*) FILTER (WHERE state = 'rejected') AS rejected,
       count(*) FILTER (WHERE state = 'needs_review') AS waiting
FROM matches
WHERE tenant_id = $1 AND connection_id = $2 AND score IS NOT NULL
  AND (decided_at IS NOT NULL OR state = 'needs_review')
  AND strategy IS DISTINCT FROM 'learned'
GROUP BY 1 ORDER BY 1 DESC;

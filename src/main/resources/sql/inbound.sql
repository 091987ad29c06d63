-- Inbound: webhook events, their processing, incremental-pull watermarks, deleted index entries.

-- name: insert-events
-- Webhook receipt in ONE statement (issue 11 item 4): the events of a group of requests, an `inbound` job per CRM
-- record they name with the queue's coalescing (the ON CONFLICT clause is the text of `enqueue` in jobs.sql, checked by
-- BackfillStepSqlTest), and a nudge per lane. One statement, so one transaction and one round trip: nothing is
-- acknowledged that is not committed, and the receipt holds its connection for one statement only. Duplicates
-- (vendor retries, the same event twice in a group) hit the unique key and come back as nothing; two new events of
-- one record make one job. $12 now, $13 the lane of each event's connection, $14 max attempts, $15 priority, $16 the
-- lanes this group may notify (InboundStore.NUDGE_EVERY: the others get one trailing `nudge-lanes`).
-- Answers one row per new event.
WITH ins AS (
  INSERT INTO inbound_events (tenant_id, connection_id, crm, event_key, object_kind, crm_id, action, property_name,
                              property_value, occurred_at, payload, received_at)
  SELECT t.tenant_id, t.connection_id, t.crm, t.event_key, t.object_kind, t.crm_id, t.action, t.property_name,
         t.property_value, t.occurred_at, t.payload, $12
  FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
              $9::text[], $10::timestamptz[], $11::jsonb[])
       AS t(tenant_id, connection_id, crm, event_key, object_kind, crm_id, action, property_name, property_value,
            occurred_at, payload)
  ON CONFLICT (connection_id, event_key) DO NOTHING
  RETURNING tenant_id, connection_id, event_key, object_kind, crm_id),
lanes_of AS (
  SELECT DISTINCT l.connection_id, l.lane FROM unnest($2::uuid[], $13::text[]) AS l(connection_id, lane)),
targets AS (
  SELECT DISTINCT ON (i.connection_id, i.object_kind, i.crm_id) i.tenant_id, i.connection_id, l.lane, i.object_kind,
         i.crm_id
  FROM ins i JOIN lanes_of l ON l.connection_id = i.connection_id
  ORDER BY i.connection_id, i.object_kind, i.crm_id),
lane AS (
  INSERT INTO lanes (lane) SELECT DISTINCT lane FROM targets ON CONFLICT (lane) DO NOTHING
  RETURNING 1),
enqueued AS (
  INSERT INTO jobs (tenant_id, connection_id, lane, kind, record_type, record_id, content_hash, payload,
                    max_attempts, priority, run_at, created_at, updated_at)
  SELECT t.tenant_id, t.connection_id, t.lane, 'inbound', t.object_kind, t.crm_id, NULL, '{}'::jsonb,
         $14::int, $15::int, $12::timestamptz, $12::timestamptz, $12::timestamptz
  FROM targets t
ON CONFLICT (connection_id, kind, record_type, record_id)
  WHERE state IN ('available', 'retryable') AND record_id IS NOT NULL
DO UPDATE SET content_hash = EXCLUDED.content_hash,
              payload = EXCLUDED.payload,
              run_at = CASE WHEN jobs.content_hash IS DISTINCT FROM EXCLUDED.content_hash
                            THEN LEAST(jobs.run_at, EXCLUDED.run_at) ELSE jobs.run_at END,
              updated_at = EXCLUDED.updated_at
  RETURNING lane),
nudged AS (
  SELECT pg_notify('gateway_jobs', n.lane) FROM (SELECT DISTINCT lane FROM enqueued) n
  WHERE n.lane = ANY($16::text[]))
-- nudged is a plain SELECT: it runs only when referenced (a data-modifying CTE always runs).
SELECT i.connection_id, i.event_key FROM ins i WHERE (SELECT count(*) FROM nudged) >= 0;

-- name: nudge-lanes
-- The trailing notification of lanes that receipt groups left out (InboundStore.NUDGE_EVERY).
SELECT pg_notify('gateway_jobs', l) FROM unnest($1::text[]) AS l;

-- name: pending-events
-- Every received event of one CRM record of one connection, oldest first.
SELECT id, crm, action, property_name, property_value, occurred_at, payload
FROM inbound_events
WHERE connection_id = $1 AND object_kind = $2 AND crm_id = $3 AND state = 'received'
ORDER BY occurred_at, id;

-- name: finish-events
-- By primary key, one probe per event. `state || ''` keeps the planner off the partial index inbound_events_pending
-- (state = 'received'), which it otherwise picked with stale statistics (a table that grows by thousands of rows a
-- second, or autovacuum off): a bitmap scan of every pending entry, dead ones included, hash-joined to the ids, so
-- 130-400 ms per call at 86,000 events (WebhookReceiptBench, Postgres log) instead of under 1 ms.
UPDATE inbound_events SET state = t.state, detail = t.detail, processed_at = $2
FROM unnest($1::bigint[], $3::text[], $4::text[]) AS t(id, state, detail)
WHERE inbound_events.id = t.id AND inbound_events.state || '' = 'received';

-- name: list-events
SELECT id, connection_id, crm, event_key, object_kind, crm_id, action, property_name, property_value, occurred_at,
       state, detail, received_at, processed_at
FROM inbound_events
WHERE tenant_id = $1 AND ($2::uuid IS NULL OR connection_id = $2) AND ($3::text IS NULL OR state = $3)
  AND ($4::bigint IS NULL OR id < $4)
ORDER BY id DESC LIMIT $5;

-- name: connections-by-id-prefix
-- Receipt: a CRM's connections whose id starts with a prefix (webhook users derived from the id); the password decides.
SELECT id, tenant_id, crm, auth_type, status, status_reason, account_id, credentials, token_expires_at, config,
       created_at, updated_at
FROM connections WHERE crm = $1 AND status <> 'disconnected' AND left(id::text, length($2)) = $2;

-- name: connections-by-accounts
-- Receipt: every non-disconnected connection of a CRM for the accounts of one webhook batch, in one statement.
SELECT id, tenant_id, crm, auth_type, status, status_reason, account_id, credentials, token_expires_at, config,
       created_at, updated_at
FROM connections WHERE crm = $1 AND status <> 'disconnected' AND account_id = ANY($2::text[]);

-- name: delete-crm-record
UPDATE crm_records SET deleted = true, updated_at = $4
WHERE connection_id = $1 AND kind = $2 AND crm_id = $3;

-- name: get-watermark
SELECT watermark FROM crm_pull_watermarks WHERE connection_id = $1 AND kind = $2;

-- name: set-watermark
INSERT INTO crm_pull_watermarks (connection_id, kind, watermark, updated_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (connection_id, kind) DO UPDATE SET watermark = GREATEST(crm_pull_watermarks.watermark, EXCLUDED.watermark),
                                                updated_at = EXCLUDED.updated_at;

-- name: pull-due
-- Active, listable connections whose index is complete: one pull round each.
SELECT id, tenant_id, crm, auth_type, status, status_reason, account_id, credentials, token_expires_at, config,
       created_at, updated_at
FROM connections WHERE status = 'active' AND account_id IS NOT NULL AND crm = ANY($1::text[]);

-- name: queast-company-for-crm-id
-- The Queast company a CRM company stands for: what we delivered to it, else a confirmed or automatic link.
SELECT record_id FROM deliveries
WHERE connection_id = $1 AND record_type = 'company' AND crm_id = $2
UNION ALL
SELECT record_id FROM matches
WHERE connection_id = $1 AND record_type = 'company' AND crm_id = $2 AND state IN ('auto_linked', 'confirmed')
LIMIT 1;

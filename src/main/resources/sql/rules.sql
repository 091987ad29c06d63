-- Learned matching rules and alias lists (issue 15).

-- name: tenant-rules
-- The rules the matcher applies for a tenant: its own and the operator-wide ones.
SELECT id, tenant_id, kind, left_value, right_value, source
FROM match_rules WHERE tenant_id = $1 OR tenant_id IS NULL
ORDER BY id;

-- name: list-rules
SELECT id, tenant_id, kind, left_value, right_value, left_key, right_key, source, match_id, list_id, created_at
FROM match_rules
WHERE (tenant_id = $1 OR tenant_id IS NULL) AND ($2::text IS NULL OR kind = $2) AND ($3::bigint IS NULL OR id < $3)
ORDER BY id DESC LIMIT $4;

-- name: insert-learned
-- Rules taught by decisions, one statement per decision page. A rule that exists already is kept (its first teacher).
INSERT INTO match_rules (tenant_id, kind, left_value, right_value, left_key, right_key, source, match_id)
SELECT $1, u.kind, u.left_value, u.right_value, u.left_key, u.right_key, u.source, u.match_id
FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[])
     AS u(kind, left_value, right_value, left_key, right_key, source, match_id)
ON CONFLICT (tenant_id, kind, left_key, right_key) WHERE list_id IS NULL DO NOTHING
RETURNING id, tenant_id, kind, left_value, right_value, source;

-- name: drop-contradicted
-- The latest decision wins: an alias removes the learned rejection of the same pair and a rejection the learned alias.
DELETE FROM match_rules r
USING unnest($2::text[], $3::text[], $4::text[]) AS u(kind, left_key, right_key)
WHERE r.tenant_id = $1 AND r.list_id IS NULL AND r.kind = u.kind AND r.left_key = u.left_key
  AND r.right_key = u.right_key;

-- name: delete-rule
DELETE FROM match_rules WHERE id = $1 AND tenant_id = $2 RETURNING id;

-- name: delete-operator-rule
DELETE FROM match_rules WHERE id = $1 AND tenant_id IS NULL RETURNING id;

-- name: insert-list
INSERT INTO alias_lists (tenant_id, name, entries) VALUES ($1, $2, $3) RETURNING id, created_at;

-- name: insert-list-rules
INSERT INTO match_rules (tenant_id, kind, left_value, right_value, left_key, right_key, source, list_id)
SELECT $1, u.kind, u.left_value, u.right_value, u.left_key, u.right_key, 'list', $2
FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
     AS u(kind, left_value, right_value, left_key, right_key);

-- name: list-lists
SELECT id, tenant_id, name, entries, created_at FROM alias_lists
WHERE ($1::text IS NULL AND tenant_id IS NULL) OR tenant_id = $1 OR ($2::boolean AND tenant_id IS NULL)
ORDER BY id DESC LIMIT 1000;

-- name: delete-list
DELETE FROM alias_lists WHERE id = $1 AND tenant_id IS NOT DISTINCT FROM $2 RETURNING id;

-- name: decision-sides
-- What a decision teaches from: the Queast record's name and domain, the CRM record it was linked to, and the one
-- first proposed (a relink).
SELECT m.id, m.state, m.record_type,
       r.data->>'name' AS q_name, coalesce(r.data->>'domain', r.data->>'website') AS q_domain,
       c.name AS c_name, c.domain AS c_domain, p.name AS p_name
FROM matches m
JOIN records r ON r.tenant_id = m.tenant_id AND r.record_type = m.record_type AND r.record_id = m.record_id
LEFT JOIN crm_records c ON c.connection_id = m.connection_id AND c.kind = m.record_type AND c.crm_id = m.crm_id
LEFT JOIN crm_records p ON p.connection_id = m.connection_id AND p.kind = m.record_type
                       AND p.crm_id = m.previous_crm_id
WHERE m.tenant_id = $1 AND m.id = ANY($2::bigint[]) AND m.record_type = 'company';

-- name: waiting-reviews
-- Companies still waiting for review, with both sides' names and domains, a page at a time.
SELECT m.id, m.connection_id, m.record_type, m.record_id, m.crm_id, m.score,
       r.data->>'name' AS q_name, coalesce(r.data->>'domain', r.data->>'website') AS q_domain,
       r.data->>'country' AS q_country, r.data->>'city' AS q_city,
       c.name AS c_name, c.domain AS c_domain, c.country AS c_country, c.city AS c_city
FROM matches m
JOIN records r ON r.tenant_id = m.tenant_id AND r.record_type = m.record_type AND r.record_id = m.record_id
JOIN crm_records c ON c.connection_id = m.connection_id AND c.kind = m.record_type AND c.crm_id = m.crm_id
WHERE m.tenant_id = $1 AND m.state = 'needs_review' AND m.record_type = 'company' AND m.id > $2
ORDER BY m.id LIMIT $3;

-- name: settle-by-rule
-- A rule decides waiting reviews: linked as proposed (auto_linked, evidence naming the rule) or rejected. Only rows
-- still waiting with the same proposal change: an operator's decision that came first is never overwritten.
UPDATE matches m
SET state = u.state,
    previous_crm_id = CASE WHEN u.state = 'rejected' THEN m.crm_id ELSE m.previous_crm_id END,
    crm_id = CASE WHEN u.state = 'rejected' THEN NULL ELSE m.crm_id END,
    strategy = 'learned',
    score = CASE WHEN u.state = 'rejected' THEN m.score ELSE u.score END,
    evidence = u.evidence,
    decided_at = $2
FROM unnest($3::bigint[], $4::text[], $5::text[], $6::float8[], $7::jsonb[])
     AS u(id, crm_id, state, score, evidence)
WHERE m.id = u.id AND m.tenant_id = $1 AND m.state = 'needs_review' AND m.crm_id = u.crm_id
RETURNING m.id, m.connection_id, m.record_type, m.record_id, m.state;

-- name: rules-signature
-- Changes when a tenant's rules change (insert or delete): the matcher's cache is reloaded only then.
SELECT count(*) AS n, coalesce(max(id), 0) AS max_id, coalesce(sum(id), 0)::bigint AS sum_id
FROM match_rules WHERE tenant_id = $1 OR tenant_id IS NULL;

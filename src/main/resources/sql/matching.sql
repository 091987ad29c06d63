-- Identity matching: CRM index rows and match decisions. Tenant-scoped where a tenant asks.

-- name: upsert-crm-records
INSERT INTO crm_records (connection_id, kind, crm_id, queast_id, name, domain, linkedin, email, country, city,
                         phone, company_crm_id, source, updated_at)
SELECT $1, t.kind, t.crm_id, t.queast_id, t.name, t.domain, t.linkedin, t.email, t.country, t.city, t.phone,
       t.company_crm_id, $2, $3
FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
            $12::text[], $13::text[], $14::text[])
     AS t(kind, crm_id, queast_id, name, domain, linkedin, email, country, city, phone, company_crm_id)
ON CONFLICT (connection_id, kind, crm_id) DO UPDATE
  SET queast_id = COALESCE(EXCLUDED.queast_id, crm_records.queast_id),
      name = COALESCE(EXCLUDED.name, crm_records.name),
      domain = COALESCE(EXCLUDED.domain, crm_records.domain),
      linkedin = COALESCE(EXCLUDED.linkedin, crm_records.linkedin),
      email = COALESCE(EXCLUDED.email, crm_records.email),
      country = COALESCE(EXCLUDED.country, crm_records.country),
      city = COALESCE(EXCLUDED.city, crm_records.city),
      phone = COALESCE(EXCLUDED.phone, crm_records.phone),
      company_crm_id = COALESCE(EXCLUDED.company_crm_id, crm_records.company_crm_id),
      source = EXCLUDED.source, updated_at = EXCLUDED.updated_at, deleted = false
RETURNING kind, crm_id, queast_id, name, domain, linkedin, email, country, city, phone, company_crm_id, updated_at;

-- name: sweep-crm-records
-- After a full listing of one kind: the rows it did not refresh (nor a write, webhook or pull since it started) are
-- CRM records deleted without a webhook reaching us.
UPDATE crm_records SET deleted = true, updated_at = $4
WHERE connection_id = $1 AND kind = $2 AND NOT deleted AND updated_at < $3
RETURNING crm_id;

-- name: crm-records-since
SELECT kind, crm_id, queast_id, name, domain, linkedin, email, country, city, phone, company_crm_id, updated_at,
       deleted
FROM crm_records WHERE connection_id = $1 AND updated_at > $2 ORDER BY updated_at;

-- name: company-links
-- For a batch's persons, their Queast companies ($3) in a connection ($1) of a tenant ($2): the CRM company each stands
-- for (where it was delivered, else what an auto-link or a confirmation linked it to: evidence crm_company) and the
-- company's country (a person's national phone number is read in it).
SELECT t.record_id, COALESCE(d.crm_id, m.crm_id) AS crm_id, r.data->>'country' AS country
FROM unnest($3::text[]) AS t(record_id)
LEFT JOIN deliveries d ON d.connection_id = $1 AND d.record_type = 'company' AND d.record_id = t.record_id
LEFT JOIN matches m ON m.connection_id = $1 AND m.record_type = 'company' AND m.record_id = t.record_id
                   AND m.state IN ('auto_linked', 'confirmed')
LEFT JOIN records r ON r.tenant_id = $2 AND r.record_type = 'company' AND r.record_id = t.record_id
WHERE COALESCE(d.crm_id, m.crm_id) IS NOT NULL OR r.data->>'country' IS NOT NULL;

-- name: get-matches
-- The stored decisions of a whole batch of one connection in one statement ($2/$3: record types and ids, pairwise).
SELECT m.id, m.state, m.crm_id, m.record_type, m.record_id
FROM matches m
JOIN unnest($2::text[], $3::text[]) AS t(record_type, record_id)
  ON m.record_type = t.record_type AND m.record_id = t.record_id
WHERE m.connection_id = $1;

-- name: insert-matches
-- The new decisions of a batch in one statement. A concurrent decision for the same record wins (DO NOTHING): the
-- rows not returned are read back with get-matches.
INSERT INTO matches (tenant_id, connection_id, record_type, record_id, state, crm_id, score, strategy, evidence)
SELECT $1, $2, t.record_type, t.record_id, t.state, t.crm_id, t.score, t.strategy, t.evidence
FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::text[], $9::jsonb[])
     AS t(record_type, record_id, state, crm_id, score, strategy, evidence)
ON CONFLICT (connection_id, record_type, record_id) DO NOTHING
RETURNING id, state, crm_id, record_type, record_id;

-- name: list-matches
SELECT id, connection_id, record_type, record_id, state, crm_id, score, strategy, evidence, previous_crm_id,
       created_at, decided_at
FROM matches
WHERE tenant_id = $1 AND ($2::text IS NULL OR state = $2) AND ($3::uuid IS NULL OR connection_id = $3)
  AND ($4::bigint IS NULL OR id < $4)
ORDER BY id DESC LIMIT $5;

-- name: get-match-for-tenant
SELECT id, connection_id, record_type, record_id, state, crm_id, score, strategy, evidence, previous_crm_id,
       created_at, decided_at
FROM matches WHERE id = $1 AND tenant_id = $2;

-- name: decide-match
UPDATE matches SET state = $3, previous_crm_id = CASE WHEN $4::text IS DISTINCT FROM crm_id THEN crm_id
                                                      ELSE previous_crm_id END,
                   crm_id = $4, decided_at = $5
WHERE id = $1 AND tenant_id = $2
RETURNING connection_id, record_type, record_id;

-- name: forget-delivery
-- After a correction the next delivery resolves the record again (to the new link, or to a create).
DELETE FROM deliveries WHERE connection_id = $1 AND record_type = $2 AND record_id = $3;

-- name: written-under
-- Attempts that wrote this record to a given CRM id: what a wrong link touched, for clean-up.
SELECT id, job_id, attempt, outcome, http_status, vendor_request_id, crm_id, created_at
FROM delivery_log
WHERE tenant_id = $1 AND connection_id = $2 AND record_type = $3 AND record_id = $4 AND crm_id = $5
  AND outcome = 'completed'
ORDER BY id;

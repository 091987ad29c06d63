-- HubSpot connector: what it reads from the gateway's own tables.

-- name: crm-ids-for-records
-- CRM ids of records already delivered to a connection (a Signal's company, a person's company).
SELECT record_id, crm_id FROM deliveries
WHERE connection_id = $1 AND record_type = $2 AND record_id = ANY($3::text[]) AND crm_id IS NOT NULL

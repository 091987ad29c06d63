-- Pipedrive connector: reads of the delivered state of other records (a person's organization, a Signal's
-- organization and person), which Pipedrive needs as numeric ids on the write.

-- name: delivered-crm-ids
SELECT record_id, crm_id FROM deliveries
WHERE connection_id = $1 AND record_type = $2 AND record_id = ANY($3::text[]) AND crm_id IS NOT NULL;

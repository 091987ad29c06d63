-- crm_records carries its tenant through its connection (no tenant_id column): same wall, through connections
-- (itself under row-level security). The system scope ('*') is tested first, so worker reads skip the subquery.
ALTER TABLE crm_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE crm_records FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_wall ON crm_records;
CREATE POLICY tenant_wall ON crm_records
  USING (current_setting('gateway.tenant', true) = '*'
         OR EXISTS (SELECT 1 FROM connections c
                    WHERE c.id = crm_records.connection_id
                      AND c.tenant_id = current_setting('gateway.tenant', true)))
  WITH CHECK (current_setting('gateway.tenant', true) = '*'
         OR EXISTS (SELECT 1 FROM connections c
                    WHERE c.id = crm_records.connection_id
                      AND c.tenant_id = current_setting('gateway.tenant', true)));

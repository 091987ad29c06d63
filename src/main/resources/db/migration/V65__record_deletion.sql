-- Deletion (issue 16): a deleted record keeps its row, marked with deleted_at and the content hash 'deleted', so the
-- deletion travels through the same delivery jobs as any new version ("latest wins"), and a later write of the same
-- id brings it back as a new version (upsert-records clears the mark). Reads and backfills skip deleted records.
ALTER TABLE records ADD COLUMN deleted_at timestamptz;

-- When a job first snoozed waiting for another record (its company) to reach the CRM; bounds the wait
-- (queue.dependencyMaxWaitMs). Cleared by a replay. (V23: the foundation range V1-V9 is behind V21 in existing
-- databases, and Flyway does not apply migrations out of order.)
ALTER TABLE jobs ADD COLUMN waiting_since timestamptz;

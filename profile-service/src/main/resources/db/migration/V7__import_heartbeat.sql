-- The replica running an import marks it alive every few seconds; an import whose replica stopped (deploy, crash)
-- is then failed with a clear reason instead of staying "running" for ever. Its file is not kept, so the caller
-- uploads it again (imports are idempotent upserts).
ALTER TABLE hris_import ADD COLUMN heartbeat_at timestamptz;
UPDATE hris_import SET heartbeat_at = coalesce(finished_at, started_at, created_at);
CREATE INDEX hris_import_unfinished ON hris_import (heartbeat_at) WHERE status IN ('queued', 'running');

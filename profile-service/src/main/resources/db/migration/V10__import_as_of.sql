-- An import may say when its file was exported (asOf). Rows about people the HRIS changed after that instant (a
-- webhook with a later occurredAt) are left as they are and counted as stale, and a full sync does not terminate
-- someone who appeared after it was taken.
ALTER TABLE hris_import ADD COLUMN as_of timestamptz;
ALTER TABLE hris_import ADD COLUMN stale_count integer NOT NULL DEFAULT 0;

-- What the HRIS row that last set a profile said (a digest of the row as the import staged it), and the profile's
-- version right after. While the version is unchanged and a sync sends the same row again, the row changes nothing
-- and is not staged at all: a nightly full sync then only reads the file. Any other change (API, webhook, erasure)
-- moves the version on, and the next row about the person is compared in full again.
ALTER TABLE profile ADD COLUMN hris_row_digest bytea;
ALTER TABLE profile ADD COLUMN hris_row_version bigint;

-- Events held for employees this service does not know yet, looked up when such an employee appears.
CREATE INDEX hris_event_held ON hris_event (external_id) WHERE outcome = 'unknown_employee';

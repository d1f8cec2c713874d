-- An import may say when its file was exported (asOf). Rows about people the HRIS changed after that instant (a
-- webhook with a later occurredAt) are left as they are and counted as stale, and a full sync does not terminate
-- someone who appeared after it was taken.
ALTER TABLE hris_import ADD COLUMN as_of timestamptz;
ALTER TABLE hris_import ADD COLUMN stale_count integer NOT NULL DEFAULT 0;

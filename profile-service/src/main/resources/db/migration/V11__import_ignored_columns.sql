-- The columns of an import's CSV header (or members of its JSON lines) that the integration's field mapping does not
-- use: shown with the job, so that a misspelt column (jobtitle for jobTitle) does not go unnoticed.
ALTER TABLE hris_import ADD COLUMN ignored_columns jsonb NOT NULL DEFAULT '[]';

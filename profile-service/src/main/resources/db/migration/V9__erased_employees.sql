-- People whose data was erased, by employee id, so that the HRIS (a webhook, a nightly full sync) cannot bring them
-- back: only a SHA-256 digest of 'mentoring:erased-employee:v1:' followed by the employee id is kept (see
-- ErasedEmployees), never the id itself. An hr-admin creating a profile with that employee id again lifts it.
CREATE TABLE erased_employee (
    digest    bytea       PRIMARY KEY,
    erased_at timestamptz NOT NULL DEFAULT now()
);

-- Imports report the rows they left out because the person was erased. (An import's row errors name the row's
-- externalId, though V4 says otherwise: an erasure removes the person's entries, and an export lists them.)
ALTER TABLE hris_import ADD COLUMN erased_count integer NOT NULL DEFAULT 0;

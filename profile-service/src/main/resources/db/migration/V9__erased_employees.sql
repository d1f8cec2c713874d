-- People whose data was erased, by employee id, so that the HRIS (a webhook, a nightly full sync) cannot bring them
-- back: a SHA-256 digest of 'mentoring:erased-employee:v1:' followed by the employee id is kept (see
-- ErasedEmployees), not the id itself. An hr-admin creating a profile with that employee id again lifts it.
CREATE TABLE erased_employee (
    digest    bytea       PRIMARY KEY,
    erased_at timestamptz NOT NULL DEFAULT now()
);

-- Imports report the rows they left out because the person was erased. (An import's row errors name the row's
-- externalId, though V4 says otherwise: an erasure removes the person's entries, and an export lists them.)
ALTER TABLE hris_import ADD COLUMN erased_count integer NOT NULL DEFAULT 0;

-- A full sync that would terminate more people than a slip in an export plausibly explains is refused unless the
-- request names how many terminations it expects (ImportService.MASS_TERMINATION_*).
ALTER TABLE hris_import ADD COLUMN max_terminations integer;

-- A delivery's CloudEvent subject (for profile events, the profile id), so that an erasure and an export find a
-- person's deliveries by index rather than by reading every body. Rows from before have none and are matched on
-- their body, through the second index, until the delivery log's retention removes them.
ALTER TABLE webhook_delivery ADD COLUMN subject text;
CREATE INDEX webhook_delivery_subject ON webhook_delivery (subject) WHERE subject IS NOT NULL;
CREATE INDEX webhook_delivery_without_subject ON webhook_delivery (seq) WHERE subject IS NULL;

-- HRIS systems that push employees in. The signing secret must be readable to verify HMACs; the previous
-- secret stays valid for a grace period after a rotation so in-flight deliveries still verify.
CREATE TABLE hris_integration (
    id                      uuid PRIMARY KEY,
    name                    text        NOT NULL UNIQUE,
    field_mapping           text        NOT NULL,
    secret                  text        NOT NULL,
    previous_secret         text,
    previous_secret_expires timestamptz,
    created_at              timestamptz NOT NULL DEFAULT now(),
    secret_rotated_at       timestamptz NOT NULL DEFAULT now()
);

-- Every verified webhook delivery, stored as received. The primary key dedupes replays of one webhook-id.
CREATE TABLE hris_event (
    integration_id uuid        NOT NULL REFERENCES hris_integration (id) ON DELETE CASCADE,
    webhook_id     text        NOT NULL,
    received_at    timestamptz NOT NULL DEFAULT now(),
    event_type     text        NOT NULL,
    external_id    text,
    effective_at   timestamptz NOT NULL,
    sequence       bigint,
    body           bytea       NOT NULL,
    outcome        text        NOT NULL,
    profile_id     uuid,
    PRIMARY KEY (integration_id, webhook_id)
);

CREATE INDEX hris_event_profile ON hris_event (profile_id);
CREATE INDEX hris_event_external_id ON hris_event (external_id);

-- Bulk imports run as jobs; the uploaded file itself is not kept, only counts and per-row errors (line,
-- field and reason, never the row's values, as they are personal data).
CREATE TABLE hris_import (
    id                uuid PRIMARY KEY,
    integration_id    uuid        NOT NULL REFERENCES hris_integration (id) ON DELETE CASCADE,
    format            text        NOT NULL,
    full_sync         boolean     NOT NULL,
    terminate_missing boolean     NOT NULL,
    status            text        NOT NULL,
    total_rows        integer     NOT NULL DEFAULT 0,
    processed_rows    integer     NOT NULL DEFAULT 0,
    created_count     integer     NOT NULL DEFAULT 0,
    updated_count     integer     NOT NULL DEFAULT 0,
    unchanged_count   integer     NOT NULL DEFAULT 0,
    terminated_count  integer     NOT NULL DEFAULT 0,
    error_count       integer     NOT NULL DEFAULT 0,
    errors            jsonb       NOT NULL DEFAULT '[]',
    failure           text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    started_at        timestamptz,
    finished_at       timestamptz
);

-- The integration a profile came in through: a full sync may only terminate the people its own HRIS sent.
ALTER TABLE profile ADD COLUMN hris_integration_id uuid REFERENCES hris_integration (id) ON DELETE SET NULL;
CREATE INDEX profile_hris_integration ON profile (hris_integration_id);

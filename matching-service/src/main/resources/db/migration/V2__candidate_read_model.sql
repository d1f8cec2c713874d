-- Candidates: matching's own copy of what it needs about people, kept from profile events (never read from
-- profile-service directly), so matching keeps working while profile-service is down.
CREATE TABLE candidate (
    profile_id        UUID PRIMARY KEY,
    display_name      TEXT,
    job_title         TEXT,
    department        TEXT,
    location          TEXT,
    time_zone         TEXT,
    languages         TEXT[]      NOT NULL DEFAULT '{}',
    level             INT,
    grade_label       TEXT,
    manager_id        UUID,
    management_chain  UUID[]      NOT NULL DEFAULT '{}',
    status            TEXT        NOT NULL,
    open_to_roles     TEXT[]      NOT NULL DEFAULT '{}',
    skills            JSONB       NOT NULL DEFAULT '[]',
    goals             JSONB       NOT NULL DEFAULT '[]',
    topics            TEXT[]      NOT NULL DEFAULT '{}',
    capacity          INT,
    open_to_requests  BOOLEAN,
    availability      JSONB       NOT NULL DEFAULT '[]',
    erased            BOOLEAN     NOT NULL DEFAULT FALSE,
    version           BIGINT      NOT NULL,
    changed_at        TIMESTAMPTZ,
    applied_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX candidate_department ON candidate (department);
CREATE INDEX candidate_management_chain ON candidate USING gin (management_chain);

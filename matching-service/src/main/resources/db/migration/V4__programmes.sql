-- Programmes, their enrolments, the pins and forbidden pairs admins set, and the matching runs with their inputs.

CREATE TABLE program (
    id               UUID PRIMARY KEY,
    name             TEXT        NOT NULL,
    description      TEXT,
    kind             TEXT        NOT NULL CHECK (kind IN ('one_to_one', 'peer', 'reverse', 'group')),
    status           TEXT        NOT NULL CHECK (status IN ('draft', 'enrolling', 'matching', 'running', 'closed')),
    starts_on        DATE,
    ends_on          DATE,
    opens_at         TIMESTAMPTZ,
    closes_at        TIMESTAMPTZ,
    eligibility      JSONB       NOT NULL DEFAULT '{}',
    weights          JSONB       NOT NULL,
    mentor_capacity  INT         NOT NULL,
    group_size       INT         NOT NULL,
    algorithm        TEXT        NOT NULL CHECK (algorithm IN ('OPTIMAL', 'STABLE', 'PEER')),
    admin_ids        JSONB       NOT NULL DEFAULT '[]',
    version          BIGINT      NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    changed_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX program_admin_ids ON program USING gin (admin_ids jsonb_path_ops);
CREATE INDEX program_created ON program (created_at, id);

CREATE TABLE enrolment (
    id           UUID PRIMARY KEY,
    program_id   UUID        NOT NULL REFERENCES program (id),
    profile_id   UUID        NOT NULL,
    role         TEXT        NOT NULL CHECK (role IN ('mentor', 'mentee', 'peer')),
    goals        JSONB       NOT NULL DEFAULT '[]',
    capacity     INT,
    enrolled_by  UUID,
    enrolled_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (program_id, profile_id)
);

-- A pin forces a pair into the next runs, a forbid keeps it out; one rule per pair.
CREATE TABLE pair_rule (
    program_id  UUID        NOT NULL REFERENCES program (id),
    mentee_id   UUID        NOT NULL,
    mentor_id   UUID        NOT NULL,
    rule        TEXT        NOT NULL CHECK (rule IN ('pin', 'forbid')),
    created_by  UUID,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (program_id, mentee_id, mentor_id)
);

CREATE TABLE matching_run (
    id            UUID PRIMARY KEY,
    program_id    UUID        NOT NULL REFERENCES program (id),
    status        TEXT        NOT NULL CHECK (status IN ('proposed', 'published')),
    algorithm     TEXT        NOT NULL,
    inputs        JSONB       NOT NULL,
    inputs_hash   TEXT        NOT NULL,
    objective     DOUBLE PRECISION NOT NULL,
    pairs         JSONB       NOT NULL,
    unmatched     JSONB       NOT NULL,
    created_by    UUID,
    created_at    TIMESTAMPTZ NOT NULL,
    published_at  TIMESTAMPTZ
);
CREATE INDEX matching_run_program ON matching_run (program_id, created_at);
-- At most one published run per programme, even under concurrent publishes.
CREATE UNIQUE INDEX matching_run_one_published ON matching_run (program_id) WHERE status = 'published';

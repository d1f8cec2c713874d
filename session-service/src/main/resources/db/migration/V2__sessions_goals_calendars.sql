-- Participants read model: session-service's own copy of what it needs about people, mentorships and programmes,
-- kept from their events (never read from other services). Rows only move to higher versions.
CREATE TABLE person (
    profile_id   UUID PRIMARY KEY,
    external_id  TEXT,
    display_name TEXT,
    email        TEXT,
    time_zone    TEXT,
    status       TEXT        NOT NULL,
    erased       BOOLEAN     NOT NULL DEFAULT FALSE,
    version      BIGINT      NOT NULL,
    applied_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX person_email ON person (lower(email));
CREATE INDEX person_external_id ON person (external_id);

CREATE TABLE mentorship (
    mentorship_id UUID PRIMARY KEY,
    kind          TEXT        NOT NULL,
    program_id    UUID,
    mentor_id     UUID        NOT NULL,
    mentee_id     UUID        NOT NULL,
    status        TEXT        NOT NULL,
    version       BIGINT      NOT NULL,
    applied_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX mentorship_mentor ON mentorship (mentor_id);
CREATE INDEX mentorship_mentee ON mentorship (mentee_id);

CREATE TABLE program (
    program_id UUID PRIMARY KEY,
    version    BIGINT NOT NULL
);

CREATE TABLE program_admin (
    program_id UUID NOT NULL REFERENCES program (program_id) ON DELETE CASCADE,
    admin_id   UUID NOT NULL,
    PRIMARY KEY (program_id, admin_id)
);

-- Sessions. A recurring series is a rule plus its occurrences, each a session of its own that can be changed alone.
CREATE TABLE session_series (
    id            UUID PRIMARY KEY,
    mentorship_id UUID        NOT NULL REFERENCES mentorship (mentorship_id),
    rrule         TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE session (
    id               UUID PRIMARY KEY,
    mentorship_id    UUID        NOT NULL REFERENCES mentorship (mentorship_id),
    series_id        UUID REFERENCES session_series (id),
    mentor_id        UUID        NOT NULL,
    mentee_id        UUID        NOT NULL,
    organizer_id     UUID        NOT NULL,
    proposed_by      UUID,
    status           TEXT        NOT NULL,
    starts_at        TIMESTAMPTZ NOT NULL,
    ends_at          TIMESTAMPTZ NOT NULL,
    duration_minutes INT         NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
    time_zone        TEXT        NOT NULL,
    location         TEXT,
    meeting_link     TEXT,
    agenda           TEXT,
    shared_notes     TEXT,
    cancel_reason    TEXT,
    sequence         INT         NOT NULL DEFAULT 0,
    version          BIGINT      NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX session_mentorship ON session (mentorship_id, starts_at);
CREATE INDEX session_mentor ON session (mentor_id, starts_at);
CREATE INDEX session_mentee ON session (mentee_id, starts_at);

-- Private notes: only their author ever reads them; never in events, never to admins.
CREATE TABLE private_note (
    session_id UUID        NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    author_id  UUID        NOT NULL,
    text       TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, author_id)
);
CREATE INDEX private_note_author ON private_note (author_id);

-- Goals of a mentorship, their milestones, action items and reviews in sessions.
CREATE TABLE goal (
    id            UUID PRIMARY KEY,
    mentorship_id UUID        NOT NULL REFERENCES mentorship (mentorship_id),
    owner_id      UUID        NOT NULL,
    title         TEXT        NOT NULL,
    why           TEXT,
    target_date   DATE,
    skills        JSONB       NOT NULL DEFAULT '[]',
    progress      INT         NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    status        TEXT        NOT NULL,
    created_by    UUID        NOT NULL,
    version       BIGINT      NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX goal_mentorship ON goal (mentorship_id, created_at);

CREATE TABLE milestone (
    id        UUID PRIMARY KEY,
    goal_id   UUID    NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
    position  INT     NOT NULL,
    title     TEXT    NOT NULL,
    done      BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX milestone_goal ON milestone (goal_id, position);

CREATE TABLE action_item (
    id         UUID PRIMARY KEY,
    goal_id    UUID        NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
    owner_id   UUID        NOT NULL,
    title      TEXT        NOT NULL,
    due_date   DATE,
    done       BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX action_item_goal ON action_item (goal_id, created_at);

CREATE TABLE goal_review (
    id          UUID PRIMARY KEY,
    goal_id     UUID        NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
    session_id  UUID        NOT NULL REFERENCES session (id),
    reviewed_by UUID        NOT NULL,
    progress    INT         NOT NULL CHECK (progress BETWEEN 0 AND 100),
    reviewed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX goal_review_goal ON goal_review (goal_id, reviewed_at);

-- Calendar feeds: the SHA-256 of each person's secret feed token, never the token itself.
CREATE TABLE calendar_feed (
    profile_id UUID PRIMARY KEY,
    token_hash TEXT        NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

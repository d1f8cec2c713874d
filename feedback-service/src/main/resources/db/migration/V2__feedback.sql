-- Feedback-service: read models kept from other services' events, then what this service owns: feedback requests
-- and answers, programme check-ins, kudos and mentor quality.

-- People, from mentoring.profile.v1: only what linking callers and report breakdowns need. Erasure leaves a
-- tombstone (id, version) so no older event brings the person back.
CREATE TABLE person (
    profile_id  UUID PRIMARY KEY,
    external_id TEXT,
    email       TEXT,
    department  TEXT,
    location    TEXT,
    level       INT,
    status      TEXT    NOT NULL,
    erased      BOOLEAN NOT NULL DEFAULT FALSE,
    version     BIGINT  NOT NULL
);
CREATE INDEX person_email ON person (lower(email));
CREATE INDEX person_external_id ON person (external_id);

-- Programmes and enrolments, from mentoring.program.v1.
CREATE TABLE program (
    program_id UUID PRIMARY KEY,
    name       TEXT   NOT NULL,
    status     TEXT   NOT NULL,
    starts_on  DATE,
    ends_on    DATE,
    admin_ids  UUID[] NOT NULL DEFAULT '{}',
    version    BIGINT NOT NULL
);

CREATE TABLE enrolment (
    enrolment_id UUID PRIMARY KEY,
    program_id   UUID        NOT NULL,
    profile_id   UUID,
    role         TEXT        NOT NULL,
    enrolled     BOOLEAN     NOT NULL,
    changed_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX enrolment_program ON enrolment (program_id);
CREATE INDEX enrolment_profile ON enrolment (profile_id);

-- Mentorships, from mentoring.mentorship.v1, with one row per participant.
CREATE TABLE mentorship (
    mentorship_id UUID PRIMARY KEY,
    program_id    UUID,
    kind          TEXT   NOT NULL,
    status        TEXT   NOT NULL,
    end_reason    TEXT,
    started_at    TIMESTAMPTZ,
    ended_at      TIMESTAMPTZ,
    version       BIGINT NOT NULL
);
CREATE INDEX mentorship_program ON mentorship (program_id);

CREATE TABLE mentorship_participant (
    mentorship_id UUID NOT NULL REFERENCES mentorship ON DELETE CASCADE,
    position      INT  NOT NULL,
    profile_id    UUID,
    role          TEXT NOT NULL,
    PRIMARY KEY (mentorship_id, position)
);
CREATE INDEX mentorship_participant_profile ON mentorship_participant (profile_id);

-- Sessions and goals, from mentoring.session.v1 and mentoring.goal.v1: dates and states, never agendas or notes.
CREATE TABLE session (
    session_id      UUID PRIMARY KEY,
    mentorship_id   UUID        NOT NULL,
    program_id      UUID,
    participant_ids UUID[]      NOT NULL DEFAULT '{}',
    status          TEXT        NOT NULL,
    starts_at       TIMESTAMPTZ NOT NULL,
    version         BIGINT      NOT NULL
);
CREATE INDEX session_mentorship ON session (mentorship_id);

CREATE TABLE goal (
    goal_id       UUID PRIMARY KEY,
    mentorship_id UUID   NOT NULL,
    program_id    UUID,
    owner_id      UUID,
    status        TEXT   NOT NULL,
    progress      INT    NOT NULL,
    version       BIGINT NOT NULL
);
CREATE INDEX goal_mentorship ON goal (mentorship_id);

-- Check-ins a programme admin configured: requests to the programme's active participants, once or on a cadence.
CREATE TABLE check_in (
    id          UUID PRIMARY KEY,
    program_id  UUID        NOT NULL,
    cadence     TEXT        NOT NULL,
    first_on    DATE        NOT NULL,
    until_on    DATE,
    next_on     DATE,
    occurrences INT         NOT NULL DEFAULT 0,
    created_by  UUID,
    created_at  TIMESTAMPTZ NOT NULL,
    stopped_at  TIMESTAMPTZ
);
CREATE INDEX check_in_due ON check_in (next_on) WHERE next_on IS NOT NULL AND stopped_at IS NULL;

-- Feedback requests: one per person and session, per person and ended mentorship, per check-in occurrence.
CREATE TABLE feedback_request (
    id               UUID PRIMARY KEY,
    profile_id       UUID,
    about_profile_id UUID,
    author_role      TEXT,
    kind             TEXT        NOT NULL,
    mentorship_id    UUID,
    session_id       UUID,
    program_id       UUID,
    check_in_id      UUID,
    occurrence       INT,
    status           TEXT        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    expires_at       TIMESTAMPTZ NOT NULL,
    changed_at       TIMESTAMPTZ NOT NULL,
    CONSTRAINT feedback_request_kind CHECK (kind IN ('session', 'end_survey', 'check_in')),
    CONSTRAINT feedback_request_status CHECK (status IN ('open', 'answered', 'expired', 'closed'))
);
CREATE UNIQUE INDEX feedback_request_per_session ON feedback_request (session_id, profile_id) WHERE kind = 'session';
CREATE UNIQUE INDEX feedback_request_per_end ON feedback_request (mentorship_id, profile_id) WHERE kind = 'end_survey';
CREATE UNIQUE INDEX feedback_request_per_check_in
    ON feedback_request (check_in_id, occurrence, profile_id, mentorship_id) WHERE kind = 'check_in';
CREATE INDEX feedback_request_open ON feedback_request (profile_id, created_at DESC, id) WHERE status = 'open';
CREATE INDEX feedback_request_expiry ON feedback_request (expires_at) WHERE status = 'open';

-- Answers. After the author's erasure author_id and comment are NULL: the numbers stay for anonymous aggregates.
CREATE TABLE feedback_answer (
    id                UUID PRIMARY KEY,
    request_id        UUID        NOT NULL UNIQUE REFERENCES feedback_request,
    kind              TEXT        NOT NULL,
    author_id         UUID,
    about_profile_id  UUID,
    author_role       TEXT,
    mentorship_id     UUID,
    session_id        UUID,
    program_id        UUID,
    rating            INT         NOT NULL CHECK (rating BETWEEN 1 AND 5),
    usefulness        INT CHECK (usefulness BETWEEN 1 AND 5),
    preparation       INT CHECK (preparation BETWEEN 1 AND 5),
    learned_something INT CHECK (learned_something BETWEEN 1 AND 5),
    goal_progress     INT CHECK (goal_progress BETWEEN 0 AND 100),
    nps               INT CHECK (nps BETWEEN 0 AND 10),
    would_repeat      BOOLEAN,
    comment           TEXT,
    share_comment     BOOLEAN     NOT NULL DEFAULT FALSE,
    submitted_at      TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX feedback_answer_author ON feedback_answer (author_id);
CREATE INDEX feedback_answer_about ON feedback_answer (about_profile_id);
CREATE INDEX feedback_answer_program ON feedback_answer (program_id);

CREATE TABLE kudos (
    id              UUID PRIMARY KEY,
    from_profile_id UUID,
    to_profile_id   UUID        NOT NULL,
    message         TEXT,
    skills          TEXT[]      NOT NULL DEFAULT '{}',
    mentorship_id   UUID,
    given_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX kudos_to ON kudos (to_profile_id, given_at DESC, id);
CREATE INDEX kudos_from ON kudos (from_profile_id, given_at DESC, id);

-- The last mentor quality published per mentor, so an event goes out only when the figure changes.
CREATE TABLE mentor_quality (
    profile_id   UUID PRIMARY KEY,
    quality      NUMERIC(6, 4) NOT NULL,
    rating_count INT           NOT NULL,
    version      BIGINT        NOT NULL,
    changed_at   TIMESTAMPTZ   NOT NULL
);

-- How a bearer token finds its person (by email or by HRIS id, as profile-service links them), and the mentor
-- quality that feedback-service computes; both kept from events like the rest of the candidate row.
ALTER TABLE candidate
    ADD COLUMN email           TEXT,
    ADD COLUMN external_id     TEXT,
    ADD COLUMN quality         DOUBLE PRECISION,
    ADD COLUMN rating_count    INT    NOT NULL DEFAULT 0,
    ADD COLUMN quality_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX candidate_email ON candidate (lower(email));
CREATE INDEX candidate_external_id ON candidate (external_id);

-- One mentor and one mentee (for peers: the asked and the asking person). Group mentorships are one row per
-- mentee sharing group_id. message, decline_reason and end_note are free text private to the two participants.
CREATE TABLE mentorship (
    id             UUID PRIMARY KEY,
    kind           TEXT        NOT NULL CHECK (kind IN ('classic', 'peer', 'reverse', 'group')),
    origin         TEXT        NOT NULL CHECK (origin IN ('informal', 'program')),
    program_id     UUID,
    group_id       UUID,
    mentor_id      UUID        NOT NULL,
    mentee_id      UUID        NOT NULL,
    status         TEXT        NOT NULL CHECK (status IN ('pending', 'active', 'paused', 'completed', 'ended',
                                                          'declined', 'withdrawn', 'expired')),
    message        TEXT,
    decline_reason TEXT,
    end_reason     TEXT CHECK (end_reason IN ('completed', 'ended_early', 'participant_deactivated',
                                              'participant_erased', 'program_closed')),
    end_note       TEXT,
    ended_by       UUID,
    score          DOUBLE PRECISION,
    goal_skills    JSONB       NOT NULL DEFAULT '[]',
    requested_at   TIMESTAMPTZ,
    responded_at   TIMESTAMPTZ,
    started_at     TIMESTAMPTZ,
    ended_at       TIMESTAMPTZ,
    expires_at     TIMESTAMPTZ,
    version        BIGINT      NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    CHECK (mentor_id <> mentee_id)
);
CREATE INDEX mentorship_mentor ON mentorship (mentor_id, status);
CREATE INDEX mentorship_mentee ON mentorship (mentee_id, status);
CREATE INDEX mentorship_listing ON mentorship (created_at DESC, id DESC);
CREATE INDEX mentorship_due ON mentorship (expires_at) WHERE status = 'pending';
-- At most one open mentorship per pair and programme (informal ones share the nil programme), even when two
-- requests race.
CREATE UNIQUE INDEX mentorship_open_pair ON mentorship
    (mentor_id, mentee_id, COALESCE(program_id, '00000000-0000-0000-0000-000000000000'))
    WHERE status IN ('pending', 'active', 'paused');

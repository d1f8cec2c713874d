-- Event backbone: the transactional outbox, the inbox of applied event ids, and dead letters.
-- Shipped with platform-events; every service migrates these tables into its own schema (locations
-- db/migration,db/event-backbone). Backbone migrations are numbered 1.x and may be applied out of order after
-- a service's own (2 and up).

CREATE TABLE outbox (
    seq           BIGSERIAL PRIMARY KEY,
    id            UUID        NOT NULL UNIQUE,
    topic         TEXT        NOT NULL,
    record_key    TEXT        NOT NULL,
    type          TEXT        NOT NULL,
    subject       TEXT,
    occurred_at   TIMESTAMPTZ NOT NULL,
    data          TEXT        NOT NULL,
    trace_headers TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at       TIMESTAMPTZ
);
CREATE INDEX outbox_unsent ON outbox (seq) WHERE sent_at IS NULL;
CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;

CREATE TABLE inbox (
    event_id   TEXT PRIMARY KEY,
    type       TEXT        NOT NULL,
    topic      TEXT        NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE dead_letter (
    id              UUID PRIMARY KEY,
    event_id        TEXT,
    type            TEXT,
    topic           TEXT        NOT NULL,
    kafka_partition INT         NOT NULL,
    kafka_offset    BIGINT      NOT NULL,
    record_key      TEXT,
    headers         TEXT        NOT NULL,
    payload         BYTEA,
    reason          TEXT        NOT NULL,
    attempts        INT         NOT NULL,
    failed_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    replayed_at     TIMESTAMPTZ,
    replay_outcome  TEXT
);
CREATE INDEX dead_letter_open ON dead_letter (failed_at) WHERE replayed_at IS NULL;

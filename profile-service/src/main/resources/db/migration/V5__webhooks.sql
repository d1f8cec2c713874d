-- Outbound webhooks: integrators' subscriptions and one delivery row per (subscription, event).

CREATE TABLE webhook_subscription (
    id                      uuid PRIMARY KEY,
    owner                   text        NOT NULL,
    url                     text        NOT NULL,
    event_types             text        NOT NULL,
    description             text,
    active                  boolean     NOT NULL,
    disabled_reason         text,
    disabled_at             timestamptz,
    secret                  text        NOT NULL,
    previous_secret         text,
    previous_secret_expires timestamptz,
    created_at              timestamptz NOT NULL,
    secret_rotated_at       timestamptz NOT NULL
);

-- seq orders a subscription's deliveries: only the oldest pending one of a subscription is ever sent.
CREATE TABLE webhook_delivery (
    seq              bigserial PRIMARY KEY,
    id               uuid        NOT NULL UNIQUE,
    subscription_id  uuid        NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    event_id         text        NOT NULL,
    event_type       text        NOT NULL,
    body             text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    status           text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_latency_ms  integer,
    last_error       text,
    delivered_at     timestamptz,
    UNIQUE (subscription_id, event_id)
);

CREATE INDEX webhook_delivery_pending ON webhook_delivery (subscription_id, seq) WHERE status = 'pending';
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_delivery_log ON webhook_delivery (subscription_id, seq DESC);

CREATE TABLE webhook_attempt (
    delivery_id     uuid        NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempted_at    timestamptz NOT NULL,
    status_code     integer,
    latency_ms      integer     NOT NULL,
    error           text,
    response_prefix text
);

CREATE INDEX webhook_attempt_delivery ON webhook_attempt (delivery_id, attempted_at);

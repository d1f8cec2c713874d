-- State of the test application: widgets are written and published; the view is what a consumer builds.
CREATE TABLE widget (
    id      TEXT PRIMARY KEY,
    value   TEXT   NOT NULL,
    version BIGINT NOT NULL
);
CREATE TABLE widget_view (
    id      TEXT PRIMARY KEY,
    value   TEXT   NOT NULL,
    version BIGINT NOT NULL
);
CREATE TABLE apply_log (
    event_id   TEXT PRIMARY KEY,
    widget_id  TEXT   NOT NULL,
    version    BIGINT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

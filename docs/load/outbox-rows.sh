#!/usr/bin/env bash
# What PostgreSQL alone spends storing an import's 100,000 profile events (docs/benchmarks.md, "outbox rows"):
# COPY of one outbox row per event, as the outbox stores them today, against COPY of the same events grouped 5,000
# to a row, with the grouped text compressed by pglz (the default), by lz4, or not at all. Alternates the four,
# ROUNDS times, truncating and checkpointing between runs.
#
#   docs/load/outbox-rows.sh [ROUNDS] [DATABASE]      defaults: 3 outbox_bench
#
# Needs PostgreSQL at 127.0.0.1:5432 with trust auth for user postgres, built with lz4. Drops and recreates DATABASE.
set -euo pipefail

ROUNDS=${1:-3}
DB=${2:-outbox_bench}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PSQL=(psql -U postgres -h 127.0.0.1 -v ON_ERROR_STOP=1 -q)

"${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
"${PSQL[@]}" -d "$DB" <<SQL
-- The outbox as platform-events creates it.
CREATE TABLE outbox (seq bigserial PRIMARY KEY, id uuid NOT NULL UNIQUE, topic text NOT NULL, record_key text NOT NULL,
    type text NOT NULL, subject text, occurred_at timestamptz NOT NULL, data text NOT NULL, trace_headers text,
    created_at timestamptz NOT NULL DEFAULT now(), sent_at timestamptz);
CREATE INDEX outbox_unsent ON outbox (seq) WHERE sent_at IS NULL;
CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;
-- The same events, 5,000 to a row: id, key, subject and data of each, a line each.
CREATE TABLE outbox_batch (seq bigserial PRIMARY KEY, id uuid NOT NULL UNIQUE, topic text NOT NULL,
    type text NOT NULL, occurred_at timestamptz NOT NULL, events text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(), sent_at timestamptz);
CREATE INDEX outbox_batch_unsent ON outbox_batch (seq) WHERE sent_at IS NULL;
-- 100,000 created events of the shape profile-service publishes (about 970 bytes of JSON each).
CREATE TABLE src AS SELECT gen_random_uuid() AS id, 'mentoring.profile.v1'::text AS topic, k AS record_key,
    'mentoring.profile.created.v1'::text AS type, k AS subject, now() AS occurred_at,
    json_build_object('id', k, 'externalId', 'E' || g, 'email', 'person' || g || '@example.com',
        'displayName', 'Person Number ' || g, 'jobTitle', 'Senior Software Engineer', 'department', 'Engineering',
        'location', 'Berlin', 'timeZone', 'Europe/Berlin', 'languages', json_build_array('en', 'de'), 'level', 5,
        'gradeLabel', 'L5', 'managerId', gen_random_uuid(),
        'managementChain', json_build_array(gen_random_uuid(), gen_random_uuid(), gen_random_uuid()),
        'status', 'ACTIVE', 'roles', json_build_array('MENTOR', 'MENTEE'),
        'skills', json_build_array(json_build_object('skill', 'Kubernetes', 'proficiency', 4),
                                   json_build_object('skill', 'Java', 'proficiency', 5)),
        'topics', json_build_array('career-growth', 'technical'), 'capacity', 2, 'openToInformal', true,
        'version', 1)::text AS data
FROM (SELECT g, gen_random_uuid()::text AS k FROM generate_series(1, 100000) g) s;
\copy (SELECT id, topic, record_key, type, subject, occurred_at, data FROM src) TO '$WORK/rows.txt'
\copy (SELECT gen_random_uuid(), min(topic), min(type), min(occurred_at), string_agg(id || chr(9) || record_key || chr(9) || subject || chr(9) || data, chr(10)) FROM (SELECT *, (row_number() OVER () - 1) / 5000 AS b FROM src) s GROUP BY b ORDER BY b) TO '$WORK/batch.txt'
SQL

timed() {
  local label=$1 sql=$2 t0 t1
  "${PSQL[@]}" -d "$DB" -c "TRUNCATE outbox, outbox_batch" -c "CHECKPOINT"
  t0=$(date +%s.%N)
  "${PSQL[@]}" -d "$DB" -c "$sql"
  t1=$(date +%s.%N)
  echo "$label $(echo "$t1 - $t0" | bc) s"
}

for _ in $(seq "$ROUNDS"); do
  timed "one row per event:" "\\copy outbox (id, topic, record_key, type, subject, occurred_at, data) FROM '$WORK/rows.txt'"
  "${PSQL[@]}" -d "$DB" -c "ALTER TABLE outbox_batch ALTER COLUMN events SET STORAGE EXTENDED, ALTER COLUMN events SET COMPRESSION pglz"
  timed "5,000 per row, pglz:" "\\copy outbox_batch (id, topic, type, occurred_at, events) FROM '$WORK/batch.txt'"
  "${PSQL[@]}" -d "$DB" -c "ALTER TABLE outbox_batch ALTER COLUMN events SET COMPRESSION lz4"
  timed "5,000 per row, lz4:" "\\copy outbox_batch (id, topic, type, occurred_at, events) FROM '$WORK/batch.txt'"
  "${PSQL[@]}" -d "$DB" -c "ALTER TABLE outbox_batch ALTER COLUMN events SET STORAGE EXTERNAL"
  timed "5,000 per row, uncompressed:" "\\copy outbox_batch (id, topic, type, occurred_at, events) FROM '$WORK/batch.txt'"
done

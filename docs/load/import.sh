#!/usr/bin/env bash
# The bulk HRIS import benchmark of docs/benchmarks.md: times POST /v1/hris/{integration}/imports of a generated
# CSV (upload to 'completed'), twice, against psql \copy of the same file into a bare table, before and after.
#
#   docs/load/import.sh [PEOPLE] [PORT] [DATABASE]      defaults: 100000 9181 import_bench
#
# With REPEATS=N the same file is imported again N times (default once), as nightly syncs on a running service
# would. With FORMAT=jsonl the same people are imported as JSON Lines (the \copy baseline still reads the CSV).
# With CHANGED_EVERY=K it then imports a copy in which every K-th person has another job title. With
# WARM_ROUNDS=N it then empties the directory (TRUNCATE of profile and outbox) and imports the file into it
# again, N times, on the same, by then warmed, service: an initial load without the JIT's first compilations.
# With FLOOR=1, right after the first import, psql alone writes what that import wrote, from COPY text exported
# beforehand, into copies of the tables: its profile rows (primary key, checks and foreign key in place, then the
# profile table's other indexes built, as an initial load does) and its event rows (the outbox with its indexes).
# That is the database's share of a first import with no parsing, validation, staging or serialising, to set
# beside the import and the \copy.
#
# Needs the built jars (./mvnw -B -ntp package -DskipTests -pl profile-service,deploy/local -am) and PostgreSQL at
# 127.0.0.1:5432 with trust auth for user postgres. Drops and recreates DATABASE. profile-service runs as the local
# launcher runs it (-Xmx384m, serial collector) with Kafka unreachable, so the events stay in the outbox.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PEOPLE="${1:-100000}"; PORT="${2:-9181}"; DB="${3:-import_bench}"
WORK="$(mktemp -d)"
CSV="$WORK/employees.csv"
# shellcheck source=profile-service.sh
source "$ROOT/docs/load/profile-service.sh"

now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }

copy_baseline() {
  "${PSQL[@]}" -d "$DB" -c "DROP TABLE IF EXISTS bare_copy" -c "CREATE TABLE bare_copy (external_id text,
    email text, display_name text, job_title text, department text, location text, time_zone text, languages text,
    level int, grade_label text, manager_external_id text, hire_date date, status text)"
  local t0; t0=$(now)
  "${PSQL[@]}" -d "$DB" -c "\\copy bare_copy FROM '$CSV' WITH (FORMAT csv, HEADER true)"
  since "$t0"
}

floor_baseline() {
  # Not while the import's ANALYZE, or autovacuum on the new rows, still runs.
  until [ "$("${PSQL[@]}" -d "$DB" -At -c "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
      AND pid <> pg_backend_pid() AND state IS DISTINCT FROM 'idle'")" = 0 ]; do sleep 0.5; done
  "${PSQL[@]}" -d "$DB" -c "\\copy (SELECT * FROM profile.profile) TO '$WORK/profile.copy'" \
    -c "\\copy (SELECT * FROM profile.outbox) TO '$WORK/outbox.copy'" \
    -c "DROP TABLE IF EXISTS floor_profile, floor_outbox" \
    -c "CREATE TABLE floor_profile (LIKE profile.profile INCLUDING DEFAULTS INCLUDING CONSTRAINTS)" \
    -c "ALTER TABLE floor_profile ADD PRIMARY KEY (id)" \
    -c "CREATE TABLE floor_outbox (LIKE profile.outbox INCLUDING ALL)"
  # The profile table's foreign keys (hris_integration_id), checked row by row as in the import.
  "${PSQL[@]}" -d "$DB" -At -c "SELECT 'ALTER TABLE floor_profile ADD ' || pg_get_constraintdef(oid) FROM pg_constraint
    WHERE conrelid = 'profile.profile'::regclass AND contype = 'f'" | "${PSQL[@]}" -d "$DB"
  # The profile table's indexes other than the primary key, renamed onto the copy.
  local indexes; indexes="$("${PSQL[@]}" -d "$DB" -At -c "SELECT regexp_replace(pg_get_indexdef(x.indexrelid),
      '^CREATE (UNIQUE )?INDEX \\S+ ON profile\\.profile ', 'CREATE \\1INDEX ON floor_profile ') || ';'
    FROM pg_index x WHERE x.indrelid = 'profile.profile'::regclass AND NOT x.indisprimary")"
  local t0 rows built events
  t0=$(now); "${PSQL[@]}" -d "$DB" -c "\\copy floor_profile FROM '$WORK/profile.copy'"; rows=$(since "$t0")
  t0=$(now); "${PSQL[@]}" -d "$DB" -c "$indexes"; built=$(since "$t0")
  t0=$(now); "${PSQL[@]}" -d "$DB" -c "\\copy floor_outbox FROM '$WORK/outbox.copy'"; events=$(since "$t0")
  echo "floor: profile rows $rows s, their $(grep -c . <<< "$indexes") other indexes $built s, event rows $events s;" \
    "together $(echo "$rows + $built + $events" | bc) s"
  "${PSQL[@]}" -d "$DB" -c "DROP TABLE floor_profile, floor_outbox"
  rm -f "$WORK/profile.copy" "$WORK/outbox.copy"
}

import_once() {
  local t0 job; t0=$(now)
  job="$(import_file "$IMPORT_FILE")"
  echo "import: $(since "$t0") s  $job"
}

java -cp "$LAUNCHER" org.mentoring.local.LocalStack employees-csv --people "$PEOPLE" "$CSV"
if [ "${FORMAT:-csv}" = jsonl ]; then
  # The same people as JSON Lines (the generated CSV has no quoted fields): level a number, languages an array.
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[i] = $i; next }
    { printf "{"; sep = ""
      for (i = 1; i <= NF; i++) if ($i != "") {
        if (h[i] == "level") v = $i
        else if (h[i] == "languages") { n = split($i, l, ";"); v = "["; for (j = 1; j <= n; j++) v = v (j > 1 ? "," : "") "\"" l[j] "\""; v = v "]" }
        else v = "\"" $i "\""
        printf "%s\"%s\":%s", sep, h[i], v; sep = "," }
      print "}" }' "$CSV" > "$WORK/employees.jsonl"
  IMPORT_FILE="$WORK/employees.jsonl"; CONTENT_TYPE=application/jsonl
else
  IMPORT_FILE="$CSV"
fi
start_profile_service
TOKEN="$(token hr-admin hr.admin@mentoring.local)"
register_integration

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "copy before: $(copy_baseline) s"
import_once
if [ "${FLOOR:-0}" = 1 ]; then floor_baseline; fi
for _ in $(seq 1 "${REPEATS:-1}"); do
  echo -n "same file again: "
  import_once
done
if [ -n "${CHANGED_EVERY:-}" ]; then
  # Every CHANGED_EVERY-th person (among lines without quotes) gets another job title: a nightly sync with changes.
  CHANGED="$WORK/changed.csv"
  awk -F, -v OFS=, -v k="$CHANGED_EVERY" 'NR > 1 && (NR - 1) % k == 0 && index($0, "\"") == 0 { $4 = $4 " II"; n++ }
    { print } END { print n > "/dev/stderr" }' "$CSV" > "$CHANGED" 2> "$WORK/changed.count"
  echo -n "with $(cat "$WORK/changed.count") rows changed: "
  t0=$(now); job="$(CONTENT_TYPE=text/csv import_file "$CHANGED")"; echo "import: $(since "$t0") s  $job"
fi
echo "copy after: $(copy_baseline) s"
for _ in $(seq 1 "${WARM_ROUNDS:-0}"); do
  "${PSQL[@]}" -d "$DB" -q -c "TRUNCATE profile.profile, profile.outbox CASCADE"
  echo -n "into the emptied directory, warmed service: "
  import_once
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
"${PSQL[@]}" -d "$DB" -c "SELECT count(*) AS profiles, count(manager_id) AS with_manager FROM profile.profile" \
  -c "SELECT type, count(*) AS events FROM profile.outbox GROUP BY type"
grep -o 'Import .* in [0-9]* ms.*' "$WORK/service.log" || true

#!/usr/bin/env bash
# The bulk HRIS import benchmark of docs/benchmarks.md: times POST /v1/hris/{integration}/imports of a generated
# CSV (upload to 'completed'), twice, against psql \copy of the same file into a bare table, before and after.
#
#   docs/load/import.sh [PEOPLE] [PORT] [DATABASE]      defaults: 100000 9181 import_bench
#
# Needs the built jars (./mvnw -B -ntp package -DskipTests -pl profile-service,deploy/local -am) and PostgreSQL at
# 127.0.0.1:5432 with trust auth for user postgres. Drops and recreates DATABASE. profile-service runs as the local
# launcher runs it (-Xmx384m, serial collector) with Kafka unreachable, so the events stay in the outbox.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PEOPLE="${1:-100000}"; PORT="${2:-9181}"; DB="${3:-import_bench}"
WORK="$(mktemp -d)"
CSV="$WORK/employees.csv"
LAUNCHER="$ROOT/deploy/local/target/local-stack.jar"
ISSUER=https://mentoring.local/dev-issuer
PSQL=(psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)

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

import_once() {
  local t0 location job; t0=$(now)
  location="$(curl -fsS -D - -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' \
    --data-binary "@$CSV" "$API/$INTEGRATION/imports" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')"
  while :; do
    job="$(curl -fsS -H "Authorization: Bearer $TOKEN" "$location")"
    case "$job" in *'"status":"completed"'*|*'"status":"failed"'*) break ;; esac
    sleep 0.05
  done
  echo "import: $(since "$t0") s  $job"
}

java -cp "$LAUNCHER" org.mentoring.local.LocalStack employees-csv --people "$PEOPLE" "$CSV"
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
MENTORING_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" MENTORING_DB_USER=postgres MENTORING_HTTP_PORT="$PORT" \
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 MENTORING_LOG_JSON=false MENTORING_JWT_ISSUER="$ISSUER" \
  MENTORING_JWT_PUBLIC_KEY_LOCATION="file:$ROOT/deploy/local/keys/dev-public.pem" \
  java -Xmx384m -XX:+UseSerialGC -jar "$ROOT/profile-service/target/quarkus-app/quarkus-run.jar" \
  > "$WORK/service.log" 2>&1 &
SERVICE=$!
# With events waiting for an unreachable broker the service takes about 30 s to stop.
trap 'kill $SERVICE 2>/dev/null && wait $SERVICE; rm -rf "$WORK"' EXIT
until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/q/health/live" 2>/dev/null; do sleep 1; done

TOKEN="$(java -cp "$LAUNCHER" org.mentoring.local.LocalStack token --key "$ROOT/deploy/local/keys/dev-private.pem" \
  --issuer "$ISSUER" --role hr-admin hr.admin@mentoring.local | tail -1)"
API="http://127.0.0.1:$PORT/v1/hris"
INTEGRATION="$(curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"benchmark","fieldMapping":"standard"}' "$API/integrations" | sed 's/.*"id":"\([^"]*\)".*/\1/')"

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "copy before: $(copy_baseline) s"
import_once
import_once
echo "copy after: $(copy_baseline) s"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
"${PSQL[@]}" -d "$DB" -c "SELECT count(*) AS profiles, count(manager_id) AS with_manager FROM profile.profile" \
  -c "SELECT type, count(*) AS events FROM profile.outbox GROUP BY type"
grep -o 'Import .* in [0-9]* ms.*' "$WORK/service.log" || true

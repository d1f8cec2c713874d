#!/usr/bin/env bash
# The GET /v1/profiles/{id} benchmark of docs/benchmarks.md: profile-service with 100,000 imported profiles under wrk
# (32 connections, random profiles, as an employee), alternating with pgbench -S at the same concurrency on the same
# PostgreSQL server.
#
#   docs/load/get.sh [PEOPLE] [PORT] [DATABASE] [ROUNDS]      defaults: 100000 9281 get_bench 2
#
# Each round prints how many cards came from the replica's memory and how many from the database. For the same run
# without cards in memory: MENTORING_PROFILE_CARD_CACHE_MAX_BYTES=0 docs/load/get.sh. The service runs with the
# local launcher's JVM options unless SERVICE_JVM gives others.
#
# Needs the built jars (./mvnw -B -ntp package -DskipTests -pl profile-service,deploy/local -am), wrk and pgbench on
# PATH, and PostgreSQL at 127.0.0.1:5432 with trust auth for user postgres. Drops and recreates DATABASE; creates
# the database pgbench_load (scale 10) once.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PEOPLE="${1:-100000}"; PORT="${2:-9281}"; DB="${3:-get_bench}"; ROUNDS="${4:-2}"
WORK="$(mktemp -d)"
# shellcheck source=profile-service.sh
source "$ROOT/docs/load/profile-service.sh"

command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }
command -v pgbench >/dev/null || { echo "pgbench is needed (PostgreSQL's client tools)"; exit 1; }
if ! "${PSQL[@]}" -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = 'pgbench_load'" | grep -q 1; then
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE pgbench_load"
  pgbench -h 127.0.0.1 -U postgres -i -s 10 -q pgbench_load
fi

java -cp "$LAUNCHER" org.mentoring.local.LocalStack employees-csv --people "$PEOPLE" "$WORK/employees.csv"
start_profile_service
TOKEN="$(token hr-admin hr.admin@mentoring.local)"
register_integration
import_file "$WORK/employees.csv" | grep -o '"status":"[a-z]*"'
"${PSQL[@]}" -d "$DB" -Atc "SELECT id FROM profile.profile" > "$WORK/ids.txt"
# the caller is one of the imported employees (the first row of the file), reading other people's directory cards
token employee "$(sed -n 2p "$WORK/employees.csv" | cut -d, -f2)" > "$WORK/token.txt"
cp "$ROOT/docs/load/get.lua" "$WORK/get.lua"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVICE/stat"; }
# card_reads RESULT: how many directory-card reads so far were answered from memory (hit) or the database (miss)
card_reads() {
  curl -fsS "http://127.0.0.1:$PORT/q/metrics" | awk -v r="$1" -F'[ ]' \
    '$1 ~ /^mentoring_profile_card_cache_total/ && $1 ~ "result=\"" r "\"" {printf "%d", $2; found = 1}
     END {if (!found) printf "0"}'
}
run_wrk() {
  local c0 c1 h0 h1 m0 m1 requests
  c0=$(cpu_ticks); h0=$(card_reads hit); m0=$(card_reads miss)
  (cd "$WORK" && wrk -t2 -c32 -d"$1"s --latency -s get.lua "http://127.0.0.1:$PORT") > "$WORK/wrk.out"
  c1=$(cpu_ticks); h1=$(card_reads hit); m1=$(card_reads miss)
  requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.out")
  echo "GET /v1/profiles/{id} $1 s: $(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out") req/s," \
    "p50 $(awk '$1 == "50%" {print $2}' "$WORK/wrk.out"), p99 $(awk '$1 == "99%" {print $2}' "$WORK/wrk.out")," \
    "$(grep -c 'Non-2xx\|Socket errors' "$WORK/wrk.out" || true) error lines," \
    "service CPU $(( (c1 - c0) * 10000 / requests )) us per request," \
    "cards from memory $((h1 - h0)), from the database $((m1 - m0))"
}
run_pgbench() {
  echo "pgbench -S $1 s: $(pgbench -h 127.0.0.1 -U postgres -S -c 32 -j 2 -T "$1" -n pgbench_load 2>&1 \
    | awk '/^tps/ {tps = $3} /latency average/ {lat = $4} END {print tps " tps, latency average " lat " ms"}')"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
run_wrk 20 > /dev/null   # warm-up: the JIT compiles the request path
run_wrk 20 > /dev/null   # and most cards have been read once
for _ in $(seq 1 "$ROUNDS"); do
  run_wrk 30
  run_pgbench 30
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
grep 'profile changes' "$WORK/service.log" || true
curl -fsS "http://127.0.0.1:$PORT/q/metrics" | grep -E "^mentoring_profile_card_cache_(size|bytes) "

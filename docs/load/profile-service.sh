# Shared by the profile-service benchmarks in docs/load (source it): starts profile-service from its built jar on a
# private database and port, as the local launcher runs it (-Xmx384m, serial collector), with Kafka unreachable so
# events stay in the outbox, and mints tokens with the local stack's dev key.
#
# Expects ROOT, PORT, DB and WORK to be set; sets SERVICE (the pid) and stops it on exit.
LAUNCHER="$ROOT/deploy/local/target/local-stack.jar"
ISSUER=https://mentoring.local/dev-issuer
PSQL=(psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)

start_profile_service() {
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  MENTORING_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" MENTORING_DB_USER=postgres MENTORING_HTTP_PORT="$PORT" \
    KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 MENTORING_LOG_JSON=false MENTORING_JWT_ISSUER="$ISSUER" MENTORING_JWT_AUDIENCE=mentoring-api \
    MENTORING_SECRETS_KEYS="bench:$(head -c 32 /dev/urandom | base64 | tr -d '\n')" \
    MENTORING_JWT_PUBLIC_KEY_LOCATION="file:$ROOT/deploy/local/keys/dev-public.pem" \
    java ${SERVICE_JVM:--Xmx384m -XX:+UseSerialGC} -jar "$ROOT/profile-service/target/quarkus-app/quarkus-run.jar" \
    > "$WORK/service.log" 2>&1 &
  SERVICE=$!
  # With events waiting for an unreachable broker the service stops within about 7 s (the relay gives up on it).
  trap 'kill $SERVICE 2>/dev/null; wait $SERVICE 2>/dev/null || true; rm -rf "$WORK"' EXIT
  until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/q/health/live" 2>/dev/null; do sleep 1; done
}

# token ROLE EMAIL
token() {
  java -cp "$LAUNCHER" org.mentoring.local.LocalStack token --key "$ROOT/deploy/local/keys/dev-private.pem" \
    --issuer "$ISSUER" --role "$1" "$2" | tail -1
}

# Registers an HRIS integration as HR (TOKEN); sets API and INTEGRATION.
register_integration() {
  API="http://127.0.0.1:$PORT/v1/hris"
  INTEGRATION="$(curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"name":"benchmark","fieldMapping":"standard"}' "$API/integrations" | sed 's/.*"id":"\([^"]*\)".*/\1/')"
}

# import_file CSV: uploads an import and waits for it to finish; prints the job.
import_file() {
  local location job
  location="$(curl -fsS -D - -o /dev/null -H "Authorization: Bearer $TOKEN" -H "Content-Type: ${CONTENT_TYPE:-text/csv}" \
    --data-binary "@$1" "$API/$INTEGRATION/imports" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')"
  while :; do
    job="$(curl -fsS -H "Authorization: Bearer $TOKEN" "$location")"
    case "$job" in *'"status":"completed"'*|*'"status":"failed"'*) break ;; esac
    sleep 0.05
  done
  echo "$job"
}

#!/usr/bin/env bash
# A short smoke of a running platform in the shared-JVM mode (INETPUBLISH_SHARED_JVM=true, scripts/launcher/shared-jvm.sh),
# run by `./inetpublish test` on a platform of its own (scripts/launcher/test.sh, test_shared_jvm). `up` has already
# waited until every service was healthy, registered and reachable through the gateway; this checks that the mode
# really ran (one JVM hosting the seven processes, the gateway alone), that each service still answers as itself, a
# read and a write through the gateway, each service's own log, and one browser scenario across services (03).
# Stops at the first failing step with "shared-JVM smoke, step <name>: <what>" and exits non-zero.
#
# SMOKE_PIDS_FILE: where the platform's pids are written (the caller checks after the stop that none is left).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
RUN_DIR="${INETPUBLISH_RUN_DIR:-.run}"
GATEWAY="${GATEWAY:-http://localhost:8080}"
HOSTED=(discovery sandbox auth-service customer-service release-service build-service notify-service)
STEP=""
step() { STEP="$1"; echo "shared-JVM smoke: $1"; }
broken() { echo "shared-JVM smoke, step $STEP: $*" >&2; exit 1; }

step "one JVM"
shared="$(cat "$RUN_DIR/pids/shared-jvm.pid" 2>/dev/null)" || broken "no shared-jvm pid in $RUN_DIR/pids (not the shared mode?)"
kill -0 "$shared" 2>/dev/null || broken "the shared JVM (pid $shared) does not run"
for name in "${HOSTED[@]}"; do
  [[ "$(cat "$RUN_DIR/pids/$name.pid" 2>/dev/null)" == "$shared" ]] || broken "$name does not run in the shared JVM (pid $shared)"
done
gateway="$(cat "$RUN_DIR/pids/gateway.pid" 2>/dev/null)" || broken "no gateway pid"
[[ "$gateway" != "$shared" ]] && kill -0 "$gateway" 2>/dev/null || broken "the gateway (pid $gateway) does not run in a JVM of its own"
[[ -z "${SMOKE_PIDS_FILE:-}" ]] || printf '%s\n' "$shared" "$gateway" >"$SMOKE_PIDS_FILE"

step "healthy and registered"
status="$(./inetpublish status)" || broken "./inetpublish status failed"
echo "$status"
grep -v '^SERVICE' <<<"$status" | grep -qE ' DOWN | missing$' && broken "a service is down or not registered (above)"

step "log in"
TOKEN="$(scripts/sandbox-login.sh)" && [[ -n "$TOKEN" ]] || broken "scripts/sandbox-login.sh got no token through $GATEWAY"
api() { # api METHOD PATH [JSON]: prints the body, then the HTTP status on a line of its own
  curl -sS --max-time 10 -X "$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    ${3:+--data "$3"} -w '\n%{http_code}' "$GATEWAY$2"
}

step "list customers"
out="$(api GET '/api/customers?size=100')" || broken "GET /api/customers: no answer"
[[ "${out##*$'\n'}" == 200 ]] || broken "GET /api/customers -> HTTP ${out##*$'\n'}, expected 200"
for code in HDDL SZDT; do
  grep -q "\"code\":\"$code\"" <<<"$out" || broken "the demo customer $code is not in GET /api/customers"
done

step "create a customer"
owner="$(demo/person.py)"
code="SMOKE$(date +%s)"
out="$(api POST /api/customers "{\"name\":\"Shared JVM smoke\",\"code\":\"$code\",\"ownerId\":\"$owner\"}")" \
  || broken "POST /api/customers: no answer"
[[ "${out##*$'\n'}" == 201 ]] || broken "POST /api/customers -> HTTP ${out##*$'\n'}, expected 201: ${out%$'\n'*}"
id="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "${out%$'\n'*}")" || broken "no id in the answer"
out="$(api GET "/api/customers/$id")" || broken "GET /api/customers/$id: no answer"
[[ "${out##*$'\n'}" == 200 ]] || broken "GET /api/customers/$id -> HTTP ${out##*$'\n'}, expected 200"
# the owner's name comes from auth-service (another application of the same JVM)
python3 - "${out%$'\n'*}" "$code" "$(demo/person.py admin name)" <<'EOF' || broken "the customer read back is not the one written"
import json, sys
c = json.loads(sys.argv[1])
assert c["code"] == sys.argv[2] and c["owner"]["name"] == sys.argv[3], c
EOF

step "each service's log"
for name in "${HOSTED[@]}" gateway; do
  grep -q 'Started ' "$RUN_DIR/logs/$name.log" 2>/dev/null || broken "$RUN_DIR/logs/$name.log has no 'Started' line"
done

step "browser scenario 03"
E2E_SHOTS_DIR="${E2E_SHOTS_DIR:-$RUN_DIR/e2e-screenshots}" web/e2e/run.sh 03 || broken "web/e2e/run.sh 03 failed"
echo "shared-JVM smoke: all steps passed"

#!/usr/bin/env bash
# A short smoke of a running platform in either mode of the local run (scripts/launcher/shared-jvm.sh): the shared JVM
# (INETPUBLISH_SHARED_JVM=true, the default) or the eight JVMs (=false). `./inetpublish test` runs it on a platform of
# its own in the mode its browser scenarios did not run in (scripts/launcher/test.sh, test_run_mode). `up` has already
# waited until every service was healthy, registered and reachable through the gateway; this checks that the mode
# really ran (one JVM hosting the seven processes and the gateway alone, or a JVM of its own for each of the eight),
# that `status` says so, that each service still answers as itself, a read and a write through the gateway, each
# service's own log, and one browser scenario across services (03).
# Stops at the first failing step with "run-mode smoke, step <name>: <what>" and exits non-zero.
#
# SMOKE_PIDS_FILE: where the platform's pids are written (the caller checks after the stop that none is left).
set -uo pipefail
cd "$(dirname "$0")/.."
RUN_DIR="${INETPUBLISH_RUN_DIR:-.run}"
GATEWAY="${GATEWAY:-http://localhost:8080}"
HOSTED=(discovery sandbox auth-service customer-service release-service build-service notify-service)
SHARED="${INETPUBLISH_SHARED_JVM:-true}"
STEP=""
step() { STEP="$1"; echo "run-mode smoke (INETPUBLISH_SHARED_JVM=$SHARED): $1"; }
broken() { echo "run-mode smoke, step $STEP: $*" >&2; exit 1; }
pid_file() { cat "$RUN_DIR/pids/$1.pid" 2>/dev/null; }
# the JVM a pid is: its command line names the processes it runs (-Dinetpublish.process=..., the shared JVM's too)
runs_as() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q -- "inetpublish.process=$2"; }

gateway="$(pid_file gateway)" || broken "no gateway pid in $RUN_DIR/pids"
if [[ "$SHARED" == true ]]; then
  step "one JVM"
  shared="$(pid_file shared-jvm)" || broken "no shared-jvm pid in $RUN_DIR/pids (not the shared mode?)"
  runs_as "$shared" shared-jvm || broken "pid $shared is not the shared JVM"
  for name in "${HOSTED[@]}"; do
    [[ "$(pid_file "$name")" == "$shared" ]] || broken "$name does not run in the shared JVM (pid $shared)"
    runs_as "$shared" "$name" || broken "the shared JVM (pid $shared) was not given $name"
  done
  [[ "$gateway" != "$shared" ]] && runs_as "$gateway" gateway || broken "the gateway (pid $gateway) does not run in a JVM of its own"
  pids=("$shared" "$gateway")
else
  step "eight JVMs"
  [[ ! -f "$RUN_DIR/pids/shared-jvm.pid" ]] || broken "a shared JVM runs (pid $(pid_file shared-jvm))"
  pids=()
  for name in "${HOSTED[@]}" gateway; do
    pid="$(pid_file "$name")" || broken "no pid of $name in $RUN_DIR/pids"
    runs_as "$pid" "$name" || broken "pid $pid is not $name's JVM"
    [[ " ${pids[*]} " != *" $pid "* ]] || broken "$name shares pid $pid with another process"
    pids+=("$pid")
  done
fi
[[ -z "${SMOKE_PIDS_FILE:-}" ]] || printf '%s\n' "${pids[@]}" >"$SMOKE_PIDS_FILE"

step "healthy and registered"
status="$(./inetpublish status)" || broken "./inetpublish status failed"
echo "$status"
grep -E '^[a-z]' <<<"$status" | grep -qE ' DOWN | missing$' && broken "a service is down or not registered (above)"
# status tells the modes apart: the shared JVM's processes marked with its pid and a line naming them, or none
if [[ "$SHARED" == true ]]; then
  for name in "${HOSTED[@]}"; do
    grep -qE "^$name +$shared\* " <<<"$status" || broken "status does not show $name in the shared JVM (pid $shared*)"
    grep -q "^\* one JVM, the shared JVM (pid $shared,.* runs.* $name" <<<"$status" || broken "status does not name $name under the shared JVM"
  done
  grep -qE "^gateway +$gateway " <<<"$status" || broken "status does not show the gateway with pid $gateway"
else
  ! grep -q 'shared JVM' <<<"$status" || broken "status speaks of a shared JVM in the eight-JVM mode"
  i=0
  for name in "${HOSTED[@]}" gateway; do
    grep -qE "^$name +${pids[$i]} " <<<"$status" || broken "status does not show $name with pid ${pids[$i]}"
    i=$((i + 1))
  done
fi

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
out="$(api POST /api/customers "{\"name\":\"Run-mode smoke\",\"code\":\"$code\",\"ownerId\":\"$owner\"}")" \
  || broken "POST /api/customers: no answer"
[[ "${out##*$'\n'}" == 201 ]] || broken "POST /api/customers -> HTTP ${out##*$'\n'}, expected 201: ${out%$'\n'*}"
id="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "${out%$'\n'*}")" || broken "no id in the answer"
out="$(api GET "/api/customers/$id")" || broken "GET /api/customers/$id: no answer"
[[ "${out##*$'\n'}" == 200 ]] || broken "GET /api/customers/$id -> HTTP ${out##*$'\n'}, expected 200"
# the owner's name comes from auth-service (another application of the same JVM, or another JVM)
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
echo "run-mode smoke (INETPUBLISH_SHARED_JVM=$SHARED): all steps passed"

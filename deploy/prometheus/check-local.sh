#!/usr/bin/env bash
# Proves Prometheus finds the platform through Eureka (no hand-kept target list): runs Debian's Prometheus against a
# running `./inetpublish up`, checks that the gateway and all five services are `up` targets, submits a release
# record through the gateway (logged in via the sandbox), checks that business metrics then have values, and that
# every panel of the Grafana dashboard queries valid PromQL over metrics that exist (deploy/grafana/check_dashboard.py).
# Prints "N passed, M failed"; exits non-zero on any failure. Installs prometheus (Debian) when missing.
set -uo pipefail
cd "$(dirname "$0")/../.."
PORT="${PROMETHEUS_PORT:-9095}"
PROM="http://127.0.0.1:$PORT"
command -v prometheus >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null; }

data="$(mktemp -d)"
# the configuration with the registry's credentials (the local run's dev-only default unless set)
cp deploy/prometheus/alerts.yml "$data/"
sed "s/username: EUREKA_USER/username: ${EUREKA_USER:-eureka}/" deploy/prometheus/prometheus-local.yml >"$data/prometheus.yml"
(umask 077; printf %s "${EUREKA_PASSWORD:-dev-only-eureka-password}" >"$data/eureka-password")
prometheus --config.file="$data/prometheus.yml" --storage.tsdb.path="$data/tsdb" \
  --web.listen-address="127.0.0.1:$PORT" >"$data/prometheus.log" 2>&1 &
prom_pid=$!
trap 'kill $prom_pid 2>/dev/null; wait $prom_pid 2>/dev/null; rm -rf "$data"' EXIT

passed=0 failed=0
check() { # check NAME COMMAND...
  if "${@:2}"; then echo "PASS $1"; passed=$((passed + 1)); else echo "FAIL $1"; failed=$((failed + 1)); fi
}
query() { curl -fsS --get "$PROM/api/v1/query" --data-urlencode "query=$1" 2>/dev/null; }
value() { query "$1" | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "")' 2>/dev/null; }
wait_for() { # wait_for SECONDS PROMQL — until the query returns a non-zero value
  local until=$((SECONDS + $1)) v
  while (( SECONDS < until )); do
    v="$(value "$2")"
    [[ -n "$v" && "$v" != "0" ]] && return 0
    sleep 2
  done
  echo "  no value for: $2" >&2
  return 1
}

apps_up() {
  local want="gateway auth-service release-service customer-service build-service notify-service" app v ok=0
  for app in $want; do
    v="$(value "max(up{job=\"inetpublish\",application=\"$app\"})")"
    if [[ "$v" != "1" ]]; then echo "  $app is not an up target (value '$v')" >&2; ok=1; fi
  done
  return $ok
}
wait_apps_up() { local until=$((SECONDS + 90)); until apps_up 2>/dev/null; do (( SECONDS < until )) || { apps_up; return 1; }; sleep 2; done; }

check "every service is discovered through Eureka and up" wait_apps_up
check "alert rules are loaded" bash -c "curl -fsS $PROM/api/v1/rules | grep -q OutboxBacklogStale"

token="$(scripts/sandbox-login.sh)"
submit() {
  curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    http://127.0.0.1:8080/api/releases -d '{"title":"Prometheus check","tickets":[{"id":"OPS-1"}],
      "items":[{"component":"gateway","version":"2.3.9"}],"updateType":"HOT"}'
}
check "a release record is submitted through the gateway" submit
check "release.submitted was published (business metric has a value)" \
  wait_for 60 'sum(inetpublish_outbox_confirmed_total{application="release-service",type="release.submitted"})'
check "notify-service consumed it" \
  wait_for 60 'sum(inetpublish_events_consumed_total{application="notify-service",type="release.submitted"})'
check "gateway request latency is recorded per route" \
  wait_for 30 'sum(spring_cloud_gateway_requests_seconds_bucket{application="gateway",routeId="releases",le="+Inf"})'
check "every Grafana panel query is valid PromQL over metrics the platform exports" \
  python3 deploy/grafana/check_dashboard.py "$PROM"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]

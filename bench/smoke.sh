#!/usr/bin/env bash
# Every benchmark in its smoke mode (BENCH_SMOKE=true: small numbers, seconds each, results under .run/bench-smoke/,
# docs/ untouched), so that none breaks unnoticed: `./inetpublish test` runs it on its own platform after the browser
# scenarios. Against a running platform that is not the demo (it adds data, and the plan and rollouts benchmarks replace
# the customers): ./inetpublish scratch smoke bench/smoke.sh
#   bench/smoke.sh [name...]      only these (customer release events upload bundle gateway plan rollouts)
# Not here (each restarts or builds whole platforms, minutes even when small): failover, startup, footprint, backup;
# docs/bench/README.md says how each is run.
set -uo pipefail
cd "$(dirname "$0")/.."
. bench/lib/bench.sh
export BENCH_SMOKE=true
[[ "${INETPUBLISH_DB_PREFIX:-inetpublish}" != inetpublish ]] \
  || { echo "refusing to run on the demo databases: ./inetpublish scratch smoke bench/smoke.sh"; exit 1; }
curl -fsS -o /dev/null --max-time 5 http://localhost:8080/ || { echo "the platform is not up"; exit 1; }

declare -A RUN=(
  [customer]="BENCH_JAR=customer-service/target/customer-service.jar bench/customer/run.sh"
  [release]="bench/release/run.sh release-service/target/release-service.jar"
  [events]="bench/events/run.sh"
  [upload]="bench/upload/run.sh"
  [bundle]="bench/bundle/run.sh"
  [gateway]="bench/gateway/run.sh"
  [plan]="bench/plan/run.sh"          # last two: they replace the customers of the platform they run on
  [rollouts]="bench/rollouts/run.sh"
)
ORDER=(customer release events upload bundle gateway plan rollouts)
(( $# )) && ORDER=("$@")
mkdir -p .run/bench-smoke
passed=0 failed=()
for name in "${ORDER[@]}"; do
  [[ -n "${RUN[$name]:-}" ]] || { echo "no benchmark named $name"; failed+=("$name"); continue; }
  log=".run/bench-smoke/$name.log"
  start=$(date +%s)
  if bash -c "${RUN[$name]}" >"$log" 2>&1; then
    passed=$((passed + 1)); echo "bench smoke $name: ok ($(( $(date +%s) - start )) s)"
  else
    failed+=("$name"); echo "bench smoke $name: FAILED ($(( $(date +%s) - start )) s), last lines of $log:"; tail -15 "$log" | sed 's/^/    /'
  fi
done
echo "bench smoke: ${passed} passed, ${#failed[@]} failed${failed:+ (${failed[*]})}"
(( ${#failed[@]} == 0 ))

#!/usr/bin/env bash
# Event-flow benchmark (issue 5): release.deployed at 200 events/s for 60 s through the running platform.
# Runs on a platform of its own (./inetpublish scratch bench: fresh databases, dropped afterwards), so nothing it
# creates stays in the demo. Creates its own customer with 10 production environments through the API (no owner, so
# no Feishu message goes to a real person), then runs load.py, which writes the results (JIT and heap of the
# services included) to docs/bench/events-<UTC>.json.
#   bench/events/run.sh [rate] [seconds]
#   BENCH_WARMUP_SECONDS=30 bench/events/run.sh    first the same load for 30 s, not measured (its result goes to the
#     log only), then the measured one: a platform that has just started spends its first minutes compiling (the
#     full JIT's C2 on two cores), so a warmed platform shows the steady state beside the cold start
#   BENCH_JFR_DIR=/tmp/jfr bench/events/run.sh   a JFR recording (settings=profile) of every JVM of the platform during
#     the measured load, written to that directory (it costs CPU itself: a profile, not a figure to compare)
#   BENCH_SMOKE=true bench/events/run.sh     20 events/s for 3 s, results under .run/bench-smoke/ (what CI runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib/bench.sh
if [[ "${INETPUBLISH_DB_PREFIX:-inetpublish}" == inetpublish ]]; then
  exec ./inetpublish scratch bench "$0" "$@"
fi
if bench_smoke; then RATE="${1:-20}" SECONDS_TO_RUN="${2:-3}"; else RATE="${1:-200}" SECONDS_TO_RUN="${2:-60}"; fi
GATEWAY="${GATEWAY:-http://localhost:8080}"
TOKEN="$(bench_token)"
api() { curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

customer="$(api -X POST "$GATEWAY/api/customers" -d "{\"name\":\"事件压测 $(date +%s%N)\"}" | json "['id']")"
envs=()
for i in $(seq 1 10); do
  envs+=("$(api -X POST "$GATEWAY/api/customers/$customer/environments" \
    -d "{\"name\":\"prod-$i\",\"type\":\"PROD\"}" | json "['id']")")
done
IFS=,; env_list="${envs[*]}"; unset IFS
warm_json=""
if ! bench_smoke && [[ "${BENCH_WARMUP_SECONDS:-0}" -gt 0 ]]; then
  echo "warm-up: $RATE events/s for $BENCH_WARMUP_SECONDS s, not measured"
  warm_json="$(mktemp)"
  python3 bench/events/load.py --rate "$RATE" --seconds "$BENCH_WARMUP_SECONDS" --customer "$customer" \
    --environments "$env_list" | sed -n '/^{/,$p' >"$warm_json"
  python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))
print("warm-up (a cold platform): all synced after", r["all_synced_after_seconds"], "s, latency ms", r["latency_ms"],
      "by commit second", {w: v["p95"] for w, v in r["latency_ms_by_commit_second"].items()},
      "CPU ms per event", r["cpu_ms_per_event"]["total"], "JIT", r["cpu_ms_per_event"]["jit"])' "$warm_json"
  warmup="after a warm-up of $RATE events/s for $BENCH_WARMUP_SECONDS s"
fi
jfr() { # jfr start|stop: JFR.start / JFR.stop on every JVM of the platform (BENCH_JFR_DIR)
  [[ -n "${BENCH_JFR_DIR:-}" ]] || return 0
  mkdir -p "$BENCH_JFR_DIR"
  local pid name
  for pid in $(pgrep -f -- "-Dinetpublish.process="); do
    name="$(tr '\0' '\n' <"/proc/$pid/cmdline" | sed -n 's/^-Dinetpublish.process=//p')"
    if [[ "$1" == start ]]; then
      "${JAVA_HOME:+$JAVA_HOME/bin/}jcmd" "$pid" JFR.start name=bench settings=profile filename="$BENCH_JFR_DIR/$name.jfr" >/dev/null || true
    else
      "${JAVA_HOME:+$JAVA_HOME/bin/}jcmd" "$pid" JFR.stop name=bench >/dev/null || true
    fi
  done
}
echo "measured load starts"
jfr start
out="$(bench_doc "bench/events-$(date -u +%Y%m%dT%H%M%SZ).json")"
python3 bench/events/load.py --rate "$RATE" --seconds "$SECONDS_TO_RUN" --customer "$customer" \
  --environments "$env_list" --machine "$(bench_machine); $(bench_others)${warmup:+; $warmup}" \
  --jvm "release-service: $(bench_jvm_of release-service); customer-service: $(bench_jvm_of customer-service)" \
  | tee "$out.log"
jfr stop
sed -n '/^{/,$p' "$out.log" >"$out" && rm "$out.log"
if [[ -n "$warm_json" ]]; then
  # the warm-up's figures (a platform that has just started) beside the measured ones, in the same result
  python3 - "$out" "$warm_json" <<'PY'
import json, sys
result, warm = (json.load(open(f)) for f in sys.argv[1:3])
result["warmup"] = {k: v for k, v in warm.items() if k not in ("machine", "jvm", "percentiles")}
with open(sys.argv[1], "w") as f:
    json.dump(result, f, indent=1)
PY
  rm -f "$warm_json"
fi
echo "results: $out"

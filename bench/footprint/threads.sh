#!/usr/bin/env bash
# Virtual threads for the servlet services (issue 20, item 3): their requests on Tomcat's pool of platform threads
# (`inetpublish.web.virtual-threads=false`) against virtual threads (true, the default: common's
# CommonWebAutoConfiguration), each on a platform of its own (`./inetpublish scratch`,
# fresh databases with the demo data, dropped afterwards), ROUNDS times alternating. On each: customer-service's
# customer list on its own port (a JDBC read, the token checked; no gateway) under wrk, 2 threads, a warm-up, then
# CONNECTIONS (default 16 and 64) for DURATION each: requests/s, p50/p99, CPU per request of the JVM serving it, and
# that JVM's resident memory and thread count after. Writes .run/bench-threads.md (docs/bench-footprint.md explains it).
#   flock /tmp/inetpublish-platform.lock flock /tmp/inetpublish.lock bench/footprint/threads.sh
# (both locks: a measured run). ROUNDS (2), WARMUP (40s), DURATION (20s), CONNECTIONS ("16 64").
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
. bench/lib/bench.sh
. scripts/jdk.sh && inetpublish_use_jdk   # Java 25, as the platform runs (bench_machine names the JDK on the PATH)
ROWS="$ROOT/.run/bench-threads.rows"

if [[ "${1:-}" == --inside ]]; then
  pid="$(cat "$INETPUBLISH_RUN_DIR/pids/customer-service.pid")"
  url="http://127.0.0.1:${CUSTOMER_SERVICE_PORT:-8083}/api/customers?page=0&size=20"
  bench_jvm "$pid" >>"$ROWS.jvm"
  token="$(bench_token)"
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$url")"
  [[ "$code" == 200 ]] || { echo "customer list answered $code, not 200" >&2; exit 1; }
  wrk -t2 -c64 -d"${WARMUP:-40s}" -H "Authorization: Bearer $token" "$url" >/dev/null
  for c in ${CONNECTIONS:-16 64}; do
    load="$(cut -d' ' -f1 /proc/loadavg)"
    t0="$(bench_ticks "$pid")"
    read -r n rps p50 p99 failed < <(wrk -t2 -c"$c" -d"${DURATION:-20s}" --latency -H "Authorization: Bearer $token" "$url" | bench_wrk_figures)
    t1="$(bench_ticks "$pid")"
    rss="$(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")"
    threads="$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")"
    cpu="$(awk -v t="$((t1 - t0))" -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", n ? t * 1000 / hz / n : 0 }')"
    echo "$BENCH_LABEL|$c|$(printf '%.0f' "$rps")|$p50|$p99|$failed|$cpu|$rss|$threads|$load" | tee -a "$ROWS"
  done
  exit 0
fi

bench_need wrk:wrk
: >"$ROWS"; : >"$ROWS.jvm"
for round in $(seq 1 "${ROUNDS:-2}"); do
  for virtual in false true; do
    echo "== round $round: inetpublish.web.virtual-threads=$virtual"
    INETPUBLISH_WEB_VIRTUAL_THREADS=$virtual BENCH_LABEL="requests on virtual threads: $virtual (round $round)" \
      ./inetpublish scratch threads bench/footprint/threads.sh --inside
  done
done
{
  echo "Measured $(bench_machine)"
  echo "customer-service's JVM: $(sort -u "$ROWS.jvm" | paste -sd';'); wrk -t2, warm-up ${WARMUP:-40s} at 64 connections, ${DURATION:-20s} per row"
  echo
  echo "| set-up | connections | req/s | p50 ms | p99 ms | failed | CPU ms/req (the JVM) | RSS MiB after | threads after | load (1 min) before |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  tr '|' '\t' <"$ROWS" | while IFS=$'\t' read -r label c rps p50 p99 failed cpu rss threads load; do
    echo "| $label | $c | $rps | $p50 | $p99 | $failed | $cpu | $rss | $threads | $load |"
  done
} >"$ROOT/.run/bench-threads.md"
cat "$ROOT/.run/bench-threads.md"

#!/usr/bin/env bash
# Gateway overhead (issue 10): the same authenticated, realistic read — a page of customers — sent
#   1. directly to customer-service, 2. through nginx (proxy_pass with keep-alive: a proxy's practical floor),
#   3. through the gateway with its full filter chain (path guard, token validation, routing by Eureka name),
# with wrk at fixed connection counts (throughput, p50/p99, CPU per request of each process) and with wrk paced at
# fixed request rates (latency added at p99 at each rate, up to 1,000 requests/s).
#
# Needs the platform up with the full JIT, as in production and in the local run's default: `./inetpublish up`
# (with INETPUBLISH_JIT_OPTS=-XX:TieredStopAtLevel=1 the services run C1-only; ALLOW_C1=true measures that instead).
# Installs nginx-light and wrk from Debian if missing. Writes docs/bench-gateway.md, keeping its
# "## Reading" section (written by hand after a run). BENCH_SMOKE=true: 2 s per measurement, one connection count,
# one rate, one warm-up round, the result under .run/bench-smoke/ (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib/bench.sh
. scripts/jdk.sh && inetpublish_use_jdk   # Java 25, as the jars are built for (see scripts/jdk.sh)
if bench_smoke; then
  DURATION="${DURATION:-2s}" CONNECTIONS="${CONNECTIONS:-16}" RATES="${RATES:-250}" WARMUP_ROUNDS="${WARMUP_ROUNDS:-1}"
else
  DURATION="${DURATION:-20s}" CONNECTIONS="${CONNECTIONS:-16 64}" RATES="${RATES:-250 500 750 1000}"
fi
PATH_UNDER_TEST="/api/customers?page=0&size=20"
# GATEWAY_BENCH_DOC: another file for the result (bench/gateway/compare.sh writes one per set-up)
DOC="${GATEWAY_BENCH_DOC:-$(bench_doc bench-gateway.md)}"

bench_need nginx:nginx-light wrk:wrk

pid_of() { pgrep -f "inetpublish.process=$1" | head -1; }
GATEWAY_PID="$(pid_of gateway)" || true
SERVICE_PID="$(pid_of customer-service)" || true
[[ -n "$GATEWAY_PID" && -n "$SERVICE_PID" ]] || { echo "the platform is not up: ./inetpublish up" >&2; exit 1; }
GATEWAY_JAR="$(tr '\0' '\n' <"/proc/$GATEWAY_PID/cmdline" | grep -A1 -x -- -jar | tail -1)"
# in the shared JVM (the local run's default) customer-service's process is the JVM of seven applications: its CPU
# column then counts all of them, and says so; INETPUBLISH_SHARED_JVM=false ./inetpublish up gives customer-service's own
SERVICE_LABEL="customer-service"
if grep -q 'inetpublish.process=shared-jvm' "/proc/$SERVICE_PID/cmdline"; then
  SERVICE_LABEL="shared JVM (customer-service and six more)"
  echo "customer-service runs in the shared JVM: its CPU column counts the JVM's seven applications" \
    "(INETPUBLISH_SHARED_JVM=false ./inetpublish up for customer-service's own)" >&2
fi
# a smoke run only shows the benchmark still works: whatever JIT the platform under test runs (the first start after a
# build is the AOT cache's training run, C1 only)
bench_smoke && ALLOW_C1=true
if bench_c1_only "$SERVICE_PID" && [[ "${ALLOW_C1:-false}" != true ]]; then
  echo "customer-service runs C1-only (the first start after a build, the AOT cache's training run, or INETPUBLISH_JIT_OPTS);" \
    "production and the local default run the full JIT." >&2
  echo "Restart with: ./inetpublish down && INETPUBLISH_JIT_OPTS= ./inetpublish up   (or ALLOW_C1=true)" >&2
  exit 1
fi
JIT="full JIT"; bench_c1_only "$SERVICE_PID" && JIT="C1-only services, full-JIT gateway"

LOAD_AT_START="$(bench_others)"
TOKEN="$(bench_token)"
work="$(mktemp -d)"
NETTY_PID=""
cleanup() { # what this run started: the floor proxy, nginx, the work directory
  [[ -z "$NETTY_PID" ]] || kill "$NETTY_PID" 2>/dev/null || true
  nginx -c "$work/nginx.conf" -p "$work" -s stop 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream customer { server 127.0.0.1:8083; keepalive 64; }
  server {
    listen 127.0.0.1:18080;
    location / {
      proxy_pass http://customer;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
    }
  }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work"
sleep 1
NGINX_PIDS="$(cat "$work/nginx.pid") $(pgrep -P "$(cat "$work/nginx.pid")" | tr '\n' ' ')"

declare -A URLS=([direct]="http://127.0.0.1:8083$PATH_UNDER_TEST" [nginx]="http://127.0.0.1:18080$PATH_UNDER_TEST"
                 [netty]="http://127.0.0.1:18081$PATH_UNDER_TEST" [gateway]="http://127.0.0.1:8080$PATH_UNDER_TEST")
declare -A PROXY_PIDS=([direct]="" [nginx]="$NGINX_PIDS" [gateway]="$GATEWAY_PID")
PATHS=(direct nginx gateway)

# The ladder's middle rung (NETTY_FLOOR=false leaves it out): the least a JVM reverse proxy on Reactor Netty does
# (bench/gateway/NettyProxy.java: no Spring, one upstream, a pooled kept-alive client), on the gateway's own Netty and
# Reactor Netty (the libraries of NETTY_FLOOR_JAR, by default the running gateway's jar) with the gateway's heap, GC and
# object-header options: what any JVM proxy on Netty costs on this machine, between nginx and the gateway.
if [[ "${NETTY_FLOOR:-true}" == true ]]; then
  floor_jar="${NETTY_FLOOR_JAR:-$GATEWAY_JAR}"
  # the launcher's extracted jar (its AOT cache) has them beside it, in lib/; a Spring Boot jar inside, unpacked once
  # per jar (by its checksum) under .run/bench-gateway/, the four last used kept
  floor_libs="$(dirname "$floor_jar")/lib"
  if unzip -l "$floor_jar" 'BOOT-INF/lib/*' >/dev/null 2>&1; then
    floor_libs="$PWD/.run/bench-gateway/floor-lib-$(cksum <"$floor_jar" | tr ' ' -)"
    if [[ ! -d "$floor_libs" ]]; then
      rm -rf .run/bench-gateway/floor-lib.part && mkdir -p .run/bench-gateway/floor-lib.part \
        && unzip -q -j "$floor_jar" 'BOOT-INF/lib/*' -d .run/bench-gateway/floor-lib.part \
        && mv .run/bench-gateway/floor-lib.part "$floor_libs"
    fi
    touch "$floor_libs"
    # shellcheck disable=SC2012  # names this script gave
    ls -dt .run/bench-gateway/floor-lib-* | tail -n +5 | xargs -r rm -rf
  fi
  mapfile -t floor_opts < <(tr '\0' '\n' <"/proc/$GATEWAY_PID/cmdline" | grep -E -- '^-(Xm[sxn]|Xss|XX:\+Use)')
  java --enable-native-access=ALL-UNNAMED "${floor_opts[@]}" -cp "$floor_libs/*" bench/gateway/NettyProxy.java 18081 8083 \
    >"$work/floor.log" 2>&1 &
  NETTY_PID=$!
  # the launcher compiles the file first: seconds on a busy machine
  for _ in $(seq 1 120); do grep -q '^NettyProxy on' "$work/floor.log" && break; kill -0 "$NETTY_PID" 2>/dev/null || break; sleep 0.5; done
  grep '^NettyProxy on' "$work/floor.log" >&2 || { cat "$work/floor.log" >&2; exit 1; }
  NETTY_NOTE="$(sed -n 's/^NettyProxy on .*(\(native transport: .*\))$/\1/p' "$work/floor.log")"
  PROXY_PIDS[netty]="$NETTY_PID"
  PATHS=(direct nginx netty gateway)
fi

for name in "${PATHS[@]}"; do
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "${URLS[$name]}")"
  [[ "$code" == 200 ]] || { echo "$name answered $code" >&2; exit 1; }
done
# Warm-up: on two cores C2 needs minutes of traffic to compile a freshly started JVM's hot paths; measuring earlier
# measures the compiler (a gateway a minute old used 1.2 ms of CPU per request, warm 0.5 ms). The gateway is
# driven in 15 s rounds, at least four, until two rounds in a row agree within 5% (at most WARMUP_ROUNDS).
echo "warming up..."
wrk -t2 -c16 -d"${DIRECT_WARMUP:-45s}" -H "Authorization: Bearer $TOKEN" "${URLS[direct]}" >/dev/null
wrk -t2 -c16 -d5s -H "Authorization: Bearer $TOKEN" "${URLS[nginx]}" >/dev/null
# the floor proxy is small: its hot paths are compiled within a minute
[[ -z "${PROXY_PIDS[netty]:-}" ]] || wrk -t2 -c16 -d"$(bench_smoke && echo 2s || echo "${NETTY_WARMUP:-60s}")" -H "Authorization: Bearer $TOKEN" "${URLS[netty]}" >/dev/null
previous=0
for round in $(seq 1 "${WARMUP_ROUNDS:-12}"); do
  rate="$(wrk -t2 -c16 -d15s -H "Authorization: Bearer $TOKEN" "${URLS[gateway]}" | awk '/Requests\/sec/ {printf "%.0f", $2}')"
  echo "  gateway warm-up round $round: $rate req/s"
  if python3 -c "import sys; a,b=map(float,sys.argv[1:]); sys.exit(0 if b and abs(a-b)/b < 0.05 else 1)" "$rate" "$previous" \
      && (( round >= 4 )); then
    break
  fi
  previous="$rate"
done

jit_ticks() { # CPU clock ticks of the JIT compiler threads of the given pids (a JVM still warming compiles while measured)
  local p t
  for p in "$@"; do
    for t in /proc/"$p"/task/*; do
      if grep -q '^C[12] CompilerThre' "$t/comm" 2>/dev/null; then cat "$t/stat" 2>/dev/null || true; fi
    done
  done | bench_stat_ticks
}
ms_per_request() { python3 -c "import sys; t,n,hz=map(float,sys.argv[1:]); print(f'{t/hz*1000/n:.3f}')" "$1" "$2" "$(getconf CLK_TCK)"; }
TOKEN="$(bench_token)"   # a fresh access token (15 minutes) for the measured part
declare -A RPS P50 P99 PROXY_CPU PROXY_JIT SERVICE_CPU
for c in $CONNECTIONS; do
  for name in "${PATHS[@]}"; do
    # shellcheck disable=SC2086
    proxy0="$(bench_ticks ${PROXY_PIDS[$name]})"; service0="$(bench_ticks "$SERVICE_PID")"; jit0="$(jit_ticks ${PROXY_PIDS[$name]})"
    out="$(wrk -t2 -c"$c" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "${URLS[$name]}")"
    # shellcheck disable=SC2086
    proxy1="$(bench_ticks ${PROXY_PIDS[$name]})"; service1="$(bench_ticks "$SERVICE_PID")"; jit1="$(jit_ticks ${PROXY_PIDS[$name]})"
    read -r requests RPS[$name,$c] P50[$name,$c] P99[$name,$c] failed < <(bench_wrk_figures <<<"$out")
    PROXY_CPU[$name,$c]="$( [[ -n "${PROXY_PIDS[$name]}" ]] && ms_per_request $((proxy1 - proxy0)) "$requests" || echo "–")"
    PROXY_JIT[$name,$c]="$( [[ -n "${PROXY_PIDS[$name]}" && "$name" != nginx ]] && ms_per_request $((jit1 - jit0)) "$requests" || echo "–")"
    SERVICE_CPU[$name,$c]="$(ms_per_request $((service1 - service0)) "$requests")"
    (( failed == 0 )) || { echo "  $name c=$c: $(grep -E 'Non-2xx|Socket errors' <<<"$out")" >&2; exit 1; }
    echo "wrk c=$c $name: ${RPS[$name,$c]} req/s p50 ${P50[$name,$c]} ms p99 ${P99[$name,$c]} ms" \
         "proxy CPU ${PROXY_CPU[$name,$c]} ms/req (JIT compiling ${PROXY_JIT[$name,$c]}), service CPU ${SERVICE_CPU[$name,$c]} ms/req"
  done
done

# Fixed rates: wrk with 50 connections, each waiting a random time before each request (paced.lua), so that requests
# arrive independently at about the asked rate. (hey's paced workers all fire in the same instant, a burst every
# 100 ms, which measured the bursts rather than the hop.) The rate reached and the machine's CPU use are reported.
busy() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9, $5+$6}' /proc/stat; }
declare -A FIXRPS FIX50 FIX99 FIXBUSY
TOKEN="$(bench_token)"
for rate in $RATES; do
  interval=$(( 50 * 1000 / rate - 2 ))   # 2 ms: about the answer's own time at these rates
  for name in "${PATHS[@]}"; do
    read -r work0 idle0 < <(busy)
    out="$(wrk -t2 -c50 -d"$DURATION" --latency -s bench/gateway/paced.lua -H "Authorization: Bearer $TOKEN" \
           "${URLS[$name]}" -- "$interval")"
    read -r work1 idle1 < <(busy)
    read -r _ rps FIX50[$name,$rate] FIX99[$name,$rate] failed < <(bench_wrk_figures <<<"$out")
    FIXRPS[$name,$rate]="$(printf '%.0f' "$rps")"
    FIXBUSY[$name,$rate]="$(python3 -c "import sys; w,i=float(sys.argv[1]),float(sys.argv[2]); print(f'{w/(w+i):.0%}')" \
                           $((work1 - work0)) $((idle1 - idle0)))"
    (( failed == 0 )) || { echo "  $name at $rate/s: $(grep -E 'Non-2xx|Socket errors' <<<"$out")" >&2; exit 1; }
    echo "paced $rate/s $name: ${FIXRPS[$name,$rate]} req/s p50 ${FIX50[$name,$rate]} ms p99 ${FIX99[$name,$rate]} ms, machine busy ${FIXBUSY[$name,$rate]}"
  done
done

ratio() { python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.0%}')" "$1" "$2"; }
times_of() { python3 -c "import sys; a,b=map(float,sys.argv[1:]); print(f'{a/b:.1f}×' if b else '–')" "$1" "$2"; }
added() { python3 -c "import sys; print(f'{float(sys.argv[1])-float(sys.argv[2]):+.1f}')" "$1" "$2"; }
reading="$(awk '/^## Reading/ {on=1} on' docs/bench-gateway.md 2>/dev/null || true)"
{
  echo "# Gateway overhead benchmark"
  echo
  echo "Measured $(bench_machine); $JIT; gateway: $(bench_jvm "$GATEWAY_PID") ($(basename "$GATEWAY_JAR")); $SERVICE_LABEL: $(bench_jvm "$SERVICE_PID");"
  echo "$LOAD_AT_START at the start; $(bench_others) at the end."
  [[ -z "${PROXY_PIDS[netty]:-}" ]] || echo "netty: bench/gateway/NettyProxy.java, Reactor Netty alone on the gateway's libraries, $(bench_jvm "$NETTY_PID") ($NETTY_NOTE)."
  echo "Everything (the platform's JVMs, PostgreSQL, RabbitMQ, nginx and the load generator) on one machine. Request:"
  echo "\`GET $PATH_UNDER_TEST\` with a platform access token (checked by the gateway and by customer-service)."
  echo "Rerun: \`bench/gateway/run.sh\` with the platform up (\`./inetpublish up\`); \`DURATION\`,"
  echo "\`CONNECTIONS\`, \`RATES\` and \`WARMUP_ROUNDS\` override the defaults ($DURATION; $CONNECTIONS; $RATES; ${WARMUP_ROUNDS:-12})."
  echo
  echo "## Throughput at fixed connections (wrk, 2 threads)"
  echo
  echo "CPU per request: CPU time the process used during the run divided by the requests served — what each hop"
  echo "costs, whatever the machine's size; \"of it JIT compiling\": the part the JVM's compiler threads used (a JVM that"
  echo "is still warming up compiles while it is measured)."
  echo
  echo "| connections | path | req/s | p50 ms | p99 ms | throughput vs nginx | proxy CPU ms/req | of it JIT compiling | proxy CPU vs nginx | $SERVICE_LABEL CPU ms/req |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for c in $CONNECTIONS; do
    for name in "${PATHS[@]}"; do
      times="–"; [[ "${PROXY_CPU[$name,$c]}" == – ]] || times="$(times_of "${PROXY_CPU[$name,$c]}" "${PROXY_CPU[nginx,$c]}")"
      echo "| $c | $name | ${RPS[$name,$c]} | ${P50[$name,$c]} | ${P99[$name,$c]} | $(ratio "${RPS[$name,$c]}" "${RPS[nginx,$c]}") | ${PROXY_CPU[$name,$c]} | ${PROXY_JIT[$name,$c]} | $times | ${SERVICE_CPU[$name,$c]} |"
    done
  done
  echo
  echo "## Latency at fixed request rates (wrk, 50 connections paced by \`bench/gateway/paced.lua\`)"
  echo
  echo "Machine busy: share of both cores' time in use during the run (all processes, the load generator included)."
  echo
  echo "| asked req/s | path | reached req/s | p50 ms | p99 ms | p99 added vs direct | machine busy |"
  echo "|---:|---|---:|---:|---:|---:|---:|"
  for rate in $RATES; do
    for name in "${PATHS[@]}"; do
      echo "| $rate | $name | ${FIXRPS[$name,$rate]} | ${FIX50[$name,$rate]} | ${FIX99[$name,$rate]} | $(added "${FIX99[$name,$rate]}" "${FIX99[direct,$rate]}") | ${FIXBUSY[$name,$rate]} |"
    done
  done
  echo
  echo "Targets (issue 20): the gateway costs ≤ 4× nginx's CPU per request, keeps ≥ 75% of its throughput and adds ≤ 5 ms at p99 at 1,000 requests/s."
  if [[ -n "$reading" && -z "${GATEWAY_BENCH_DOC:-}" ]]; then echo; echo "$reading"; fi
} > "$DOC"
echo "wrote $DOC"

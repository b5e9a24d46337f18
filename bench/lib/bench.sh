# Sourced by every bench/*/run.sh: what the benchmarks share (bench/lib/benchlib.py is the Python half).
#   . "$(dirname "$0")/../lib/bench.sh"
# Sets BENCH_ROOT (the repository) and BENCH_SMOKE (true in a smoke run: small numbers, seconds, and results written
# under .run/bench-smoke/ instead of docs/, so that CI can run every benchmark without touching the measured figures).

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_SMOKE="${BENCH_SMOKE:-false}"
# A benchmark measures what the local run runs after its first start: the full JIT. Its platform of its own (scratch)
# writes no AOT cache and, without one, would start C1 only, as a training run does (scripts/launcher/aot.sh); set
# INETPUBLISH_AOT_TRAIN_OPTS=-XX:TieredStopAtLevel=1 (or =2, how a training run compiles) to measure that instead. The `jvm` line of each result says which.
export INETPUBLISH_AOT_TRAIN_OPTS="${INETPUBLISH_AOT_TRAIN_OPTS-}"

# shellcheck source=bench/lib/jvms.sh
. "$BENCH_ROOT/bench/lib/jvms.sh"

# bench_need CMD:PACKAGE ...: installs each Debian package whose command is missing (wrk, nginx-light)
bench_need() {
  local tool
  for tool in "$@"; do
    command -v "${tool%%:*}" >/dev/null \
      || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${tool#*:}"; }
  done
}

# bench_stat_ticks: /proc stat lines on stdin -> CPU clock ticks (user + system) in all, the fields read after the name
# in parentheses (a thread's name may hold a space: "C2 CompilerThre")
bench_stat_ticks() { awk '{ sub(/^.*\) /, ""); total += $12 + $13 } END { print total + 0 }'; }

# bench_ticks PID...: CPU clock ticks (user + system) the processes used so far (getconf CLK_TCK per second)
bench_ticks() {
  local p
  for p in "$@"; do cat "/proc/$p/stat"; done | bench_stat_ticks
}

# bench_wrk_figures: wrk's --latency output on stdin -> "requests req/s p50 p99 failed" (latencies in ms; failed: answers
# other than 2xx/3xx and socket errors, which wrk counts as requests too)
bench_wrk_figures() {
  awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
       / requests in / { n = $1 }
       /^Requests\/sec:/ { rps = $2 }
       $1 == "50%" { p50 = ms($2) }
       $1 == "99%" { p99 = ms($2) }
       /Non-2xx or 3xx responses:/ { failed += $NF }
       /Socket errors:/ { gsub(/,/, ""); failed += $4 + $6 + $8 + $10 }
       END { printf "%d %s %.2f %.2f %d\n", n, rps, p50, p99, failed }'
}

# bench_c1_only PID: whether the JVM runs C1 only (a training run for the AOT cache, or INETPUBLISH_JIT_OPTS)
bench_c1_only() { [[ "$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null)" == *TieredStopAtLevel=[123]* ]]; }

# bench_smoke: true in a smoke run
bench_smoke() { [[ "$BENCH_SMOKE" == true ]]; }

# bench_doc NAME: where a result file goes: docs/NAME, or .run/bench-smoke/NAME in a smoke run
bench_doc() {
  local dir="$BENCH_ROOT/docs"
  if bench_smoke; then dir="$BENCH_ROOT/.run/bench-smoke"; fi
  mkdir -p "$dir/$(dirname "$1")"
  printf '%s\n' "$dir/$1"
}

# bench_token [open_id]: a person's access token from the running platform, logged in as a person does (the sandbox)
bench_token() { GATEWAY="${BENCH_LOGIN_GATEWAY:-http://localhost:8080}" "$BENCH_ROOT/scripts/sandbox-login.sh" "$@"; }

# bench_db SERVICE: the database of one service of the platform under test (the launcher's INETPUBLISH_DB_PREFIX)
bench_db() { printf '%s_%s\n' "${INETPUBLISH_DB_PREFIX:-inetpublish}" "$1"; }

# bench_machine: one line for a result's header: when, on what (date UTC, CPU, cores, memory, JDK)
bench_machine() {
  local cpu; cpu="$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
  printf '%s UTC; %s, %s cores, %s GiB RAM (%s); %s\n' "$(date -u '+%Y-%m-%d %H:%M')" "${cpu:-unknown CPU}" "$(nproc)" \
    "$(free -g | awk '/^Mem:/ {print $2}')" "$(uname -m)" "$(java -version 2>&1 | head -1 | tr -d '"')"
}

# bench_others: one line for a result's header: what else ran on the machine at that moment (on a shared machine
# other sessions' builds, test suites and platforms take CPU from the one measured), counted by kind
bench_others() {
  local args maven=0 forks=0 java=0 browser=0 node=0
  while IFS= read -r args; do
    case "$args" in
      *plexus.classworlds*) maven=$((maven + 1)) ;;
      *surefire*|*failsafe*) forks=$((forks + 1)) ;;
      *java\ *|*/java\ *) java=$((java + 1)) ;;
      *chrom*) [[ "$args" == *--type=* ]] || browser=$((browser + 1)) ;;
      node\ *|*/node\ *) node=$((node + 1)) ;;
    esac
  done < <(ps -eo args= 2>/dev/null)
  printf 'load average %s; running: %s Maven builds, %s test JVMs, %s other JVMs (the measured ones included), %s browsers, %s node processes\n' \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$maven" "$forks" "$java" "$browser" "$node"
}

# bench_jvm PID: the JIT and heap a running JVM was started with, read from its command line
bench_jvm() {
  local args jit heap
  args="$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null)"
  if bench_c1_only "$1"; then jit="C1 only"; else jit="full JIT (tiered C1 and C2)"; fi
  [[ "$args" == *-XX:AOTCache=* ]] && jit="$jit, AOT cache"
  [[ "$args" == *-XX:AOTCacheOutput=* ]] && jit="$jit, AOT training run"
  heap="$(grep -o -- '-Xm[sxn][^ ]*' <<<"$args" | tr '\n' ' ')"
  printf '%s; heap %s\n' "$jit" "${heap:-the JVM default}"
}

# bench_jvm_of NAME: bench_jvm of the launcher's process NAME (release-service, gateway, ...: -Dinetpublish.process=NAME)
bench_jvm_of() {
  local pid; pid="$(pgrep -f -- "inetpublish.process=$1( |\$)" | head -1)"
  if [[ -n "$pid" ]]; then bench_jvm "$pid"; else echo "not running"; fi
}

# bench_scratch_prefix SCRIPT: the database prefix of the platform of its own a benchmark that replaces data runs on
# (./inetpublish scratch NAME SCRIPT); refuses the demo's (inetpublish_*)
bench_scratch_prefix() {
  local prefix="${INETPUBLISH_DB_PREFIX:-}"
  [[ -n "$prefix" ]] || { echo "run it through ./inetpublish scratch NAME $1" >&2; return 1; }
  [[ "$prefix" != inetpublish ]] \
    || { echo "refusing to seed the demo databases (inetpublish_*); use ./inetpublish scratch" >&2; return 1; }
  printf '%s\n' "$prefix"
}

# bench_seed_customers DATABASE PSQL...: the customer benchmark's data (bench/customer/seed.sql: 1,000 customers,
# 3,000 environments, 60 components) into DATABASE with the psql command given. The operation log refuses TRUNCATE
# (issue 16), which the seed starts with: off on this throw-away database; the seed's 60,000 operation-log rows are left
# out (the plan and rollouts benchmarks do not read the log; bench/customer/run.sh seeds them with everything else).
bench_seed_customers() {
  local db="$1"; shift
  "$@" -d "$db" -c "alter table operation_log disable trigger user"
  sed '/^insert into operation_log/,/^cross join generate_series(1, 20) k;/d' "$BENCH_ROOT/bench/customer/seed.sql" \
    | "$@" -d "$db"
  "$@" -d "$db" -c "alter table operation_log enable trigger user"
}

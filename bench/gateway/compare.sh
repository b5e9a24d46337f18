#!/usr/bin/env bash
# Two (or more) gateway jars in one run, on the same platform, one after the other (issue 20: "before and after, in one
# run"): for each LABEL=JAR the gateway is restarted on that jar with the JVM options the launcher gave it, and
# bench/gateway/run.sh measures it (direct, nginx and the gateway, so that each set-up has nginx beside it in the
# same minutes). ROUNDS=2 measures them twice, alternating (A B A B), to see the run-to-run spread. PROFILE_SECONDS=N
# (default 0: none) records N seconds of JFR (settings=profile) of each warmed gateway under 16 connections after its
# measurement and prints its hottest methods. DURATION, CONNECTIONS, RATES and WARMUP_ROUNDS go to run.sh.
# GATEWAY_OPTS_<LABEL> adds JVM options to that set-up's gateway (e.g. GATEWAY_OPTS_loops4=-Dreactor.netty.ioWorkerCount=4
# with loops4=gateway/target/gateway.jar: the same jar with a setting changed). Results (the tables of each, the JFR
# files, their top frames and their layers by bench/gateway/profile.py) under .run/bench-gateway/.
#
#   ./mvnw -q -DskipTests package   (the jars: build the "before" tree first and copy its gateway/target/gateway.jar
#                                    aside, then build this one)
#   INETPUBLISH_AOT_TRAIN_OPTS= flock /tmp/inetpublish-platform.lock ./inetpublish scratch gw \
#     bench/gateway/compare.sh before=/tmp/gateway-main.jar after=gateway/target/gateway.jar
# (INETPUBLISH_AOT_TRAIN_OPTS empty: a scratch platform without AOT caches starts the full JIT, not C1 only.)
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/jdk.sh && inetpublish_use_jdk
(( $# >= 1 )) || { echo "usage: bench/gateway/compare.sh LABEL=JAR [LABEL=JAR...]" >&2; exit 2; }
# every set-up checked before the first is measured: a label names the variable GATEWAY_OPTS_<LABEL>, so it is made of
# letters, digits and _
for pair in "$@"; do
  label="${pair%%=*}"; jar="${pair#*=}"
  [[ "$pair" == *=* && "$label" =~ ^[A-Za-z0-9_]+$ ]] || { echo "'$pair' is not LABEL=JAR with a label of letters," \
    "digits and _ (it names GATEWAY_OPTS_<LABEL>): e.g. after_2=gateway/target/gateway.jar" >&2; exit 2; }
  [[ -f "$jar" ]] || { echo "no jar $jar" >&2; exit 1; }
done
WORK="$PWD/.run/bench-gateway"
mkdir -p "$WORK"
RUN_DIR="${INETPUBLISH_RUN_DIR:-$PWD/.run}"

gateway_pid() { pgrep -f -- "inetpublish.process=gateway( |\$)" | head -1; }

# restart_gateway LABEL JAR: the gateway on JAR, with the command line the running one has; ready once a person's
# token reaches customer-service through it
restart_gateway() {
  local label="$1" jar="$2" pid args=() i new
  pid="$(gateway_pid)" || { echo "no gateway runs" >&2; return 1; }
  mapfile -d '' args <"/proc/$pid/cmdline"
  for i in "${!args[@]}"; do
    if [[ "${args[$i]}" == -jar ]]; then args[i+1]="$(realpath "$jar")"; fi
    # a recording of the launcher's own (none by default) is not carried over
    [[ "${args[$i]}" == -XX:StartFlightRecording* || "${args[$i]}" == -XX:FlightRecorderOptions* ]] && unset 'args[i]'
  done
  # deep stacks in the recording (the default 64 frames cut a reactive request's stack in the middle)
  (( ${PROFILE_SECONDS:-0} > 0 )) && args=("${args[0]}" -XX:FlightRecorderOptions:stackdepth=256 "${args[@]:1}")
  local opts_var="GATEWAY_OPTS_$label" extra=()
  read -r -a extra <<<"${!opts_var:-}"
  (( ${#extra[@]} )) && args=("${args[0]}" "${extra[@]}" "${args[@]:1}")
  kill "$pid"
  for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  nohup "${args[@]}" >>"$RUN_DIR/logs/gateway-$label.log" 2>&1 </dev/null &
  new=$!
  echo "$new" >"$RUN_DIR/pids/gateway.pid"   # the launcher's down stops it
  local deadline=$((SECONDS + 240)) token code
  until token="$(GATEWAY=http://localhost:8080 scripts/sandbox-login.sh 2>/dev/null)" && [[ -n "$token" ]] \
      && code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
                 'http://127.0.0.1:8080/api/customers?page=0&size=20')" && [[ "$code" == 200 ]]; do
    kill -0 "$new" 2>/dev/null || { echo "gateway ($label) exited; see $RUN_DIR/logs/gateway-$label.log" >&2; return 1; }
    (( SECONDS < deadline )) || { echo "gateway ($label) not routing after 240 s" >&2; return 1; }
    sleep 1
  done
  echo "gateway $label: pid $new on $jar" >&2
}

# profile LABEL: PROFILE_SECONDS of JFR execution samples of the warmed gateway under 16 connections
profile() {
  local label="$1" pid token file
  file="$WORK/$label.jfr"
  pid="$(gateway_pid)"
  token="$(GATEWAY=http://localhost:8080 scripts/sandbox-login.sh)"
  rm -f "$file"
  jcmd "$pid" JFR.start name=compare settings=profile filename="$file" >/dev/null
  wrk -t2 -c16 -d"${PROFILE_SECONDS}s" -H "Authorization: Bearer $token" \
    'http://127.0.0.1:8080/api/customers?page=0&size=20' | grep -E 'Requests/sec' | sed "s/^/  $label profiled: /" >&2
  jcmd "$pid" JFR.stop name=compare >/dev/null
  jfr view --width 200 hot-methods "$file" >"$WORK/$label.hot-methods.txt" 2>&1 || true
  head -40 "$WORK/$label.hot-methods.txt" >&2
  bench/gateway/profile.py "$file" >"$WORK/$label.layers.md" 2>&1 || true
  cat "$WORK/$label.layers.md" >&2
}

for round in $(seq 1 "${ROUNDS:-1}"); do
  for pair in "$@"; do
    label="${pair%%=*}"; jar="${pair#*=}"
    restart_gateway "$label" "$jar"
    echo "== $label (round $round): $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    GATEWAY_BENCH_DOC="$WORK/$label-$round.md" bench/gateway/run.sh
    if (( ${PROFILE_SECONDS:-0} > 0 )) && (( round == 1 )); then profile "$label"; fi
  done
done
echo "results: $WORK/*.md" >&2

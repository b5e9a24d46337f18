#!/usr/bin/env bash
# Later starts of two trees of this repository in one run (issue 20: "later `up` ≤ 30 s"): the tree at REF (built
# into .run/bench-startup/before/) and this tree, each trained once (its first `up` and the `down` after it write the
# AOT caches; not counted), then RUNS later starts of each, alternating, so that both see the same machine. For each
# start: the time from the command to ready (healthy, registered, reachable through the gateway), the launcher's own
# stages when it prints them, the CPU seconds its JVMs (eight, or the shared one and the gateway's) used up to then, and their resident memory. Demo data is
# not loaded (INETPUBLISH_DEMO_DATA=false): the demo databases keep what they had. Writes
# .run/bench-startup/compare.md.
#
#   flock /tmp/inetpublish.lock bench/startup/compare.sh build REF      # this tree's jars and REF's
#   flock /tmp/inetpublish-platform.lock bench/startup/compare.sh [RUNS] # the measurement (default 3 each, ~15 min)
#
# The first `up` on a fresh clone, build included (issue 20: "≤ 120 s in all"), of REF and of this tree's HEAD (its
# commit: uncommitted changes are not in the clone), RUNS of each (default 1), before first then after, alternating:
# `git clone` of this repository into .run/bench-startup/fresh/, checkout, `./inetpublish up` (which builds the jars,
# then starts the platform as the AOT training run) until "iNetPublish is up", then `./inetpublish down` from the
# same clone (writes the AOT caches; timed, not counted), and the clone is removed (its logs are kept in
# .run/bench-startup/fresh-logs/). For each: clone, build and start seconds, the launcher's stages, the total, the
# load average. ~/.m2 and npm's cache are as this machine has them (warm once anything was built here); the web
# app's node_modules is absent in a fresh clone, so npm ci runs. BUILD_LOCK=<file>: each `up` (the build and the
# training start) holds that lock (flock), so that no other build on the machine runs beside it; the time it waits
# for the lock is not counted. "build" is the time from then to the launcher's "Starting iNetPublish" (the build and
# the database check), "start" from there to "iNetPublish is up"; the CPU seconds of its JVMs until then.
# Writes .run/bench-startup/fresh.md.
#
#   BUILD_LOCK=/tmp/inetpublish.lock flock /tmp/inetpublish-platform.lock bench/startup/compare.sh fresh REF [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
. bench/lib/jvms.sh
WORK="$ROOT/.run/bench-startup"
BEFORE="$WORK/before"
export INETPUBLISH_DEMO_DATA=false

machine() {
  echo "$(nproc) cores / $(free -g | awk '/Mem:/ {print $2}') GiB ($(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'))"
}

if [[ "${1:-}" == fresh ]]; then
  [[ -n "${2:-}" ]] || { echo "usage: bench/startup/compare.sh fresh REF [RUNS]" >&2; exit 2; }
  REF="$(git rev-parse --verify "$2^{commit}")"; AFTER="$(git rev-parse HEAD)"; RUNS="${3:-1}"
  git diff --quiet HEAD || echo "note: uncommitted changes are not measured (the clone has HEAD, $(git rev-parse --short HEAD))" >&2
  FRESH="$WORK/fresh"
  mkdir -p "$WORK" "$WORK/fresh-logs"; : >"$WORK/fresh-up.log"
  ./inetpublish down >/dev/null || true
  ROWS=()
  build_command() { git show "$1:inetpublish" | sed -n '/^cmd_build()/,/^}/p' | grep -m1 -o '(cd "$ROOT" && .*package' | sed 's/^(cd "$ROOT" && //'; }
  # fresh LABEL COMMIT N: one clone → up → down; appends a result row. The clock stops while `up` waits for BUILD_LOCK.
  fresh() {
    local label="$1" commit="$2" n="$3" t0 t1 t2 locked built up out load0 stages cpu=0 per="" c name pid
    rm -rf "$FRESH"
    load0="$(cut -d' ' -f1-3 /proc/loadavg)"
    t0=$(date +%s.%N)
    git clone -q "$ROOT" "$FRESH" && git -C "$FRESH" checkout -q "$commit"
    t1=$(date +%s.%N)
    # each line of the launcher's output with the seconds since the clone began
    out="$(cd "$FRESH" && ${BUILD_LOCK:+flock "$BUILD_LOCK"} bash -c 'echo "(bench: the build lock is ours)"; exec ./inetpublish up' 2>&1 \
      | while IFS= read -r line; do printf '%.1f %s\n' "$(echo "$(date +%s.%N) - $t0" | bc)" "$line"; done \
      | tee -a "$WORK/fresh-up.log")" || true
    locked="$(awk '/\(bench: the build lock is ours\)/ {print $1; exit}' <<<"$out")"
    built="$(awk '/Starting iNetPublish/ {print $1; exit}' <<<"$out")"
    up="$(awk '/iNetPublish is up in/ {print $1; exit}' <<<"$out")"
    if [[ -z "$up" ]]; then
      echo "$label: the platform did not come up (see $WORK/fresh-up.log)" >&2
      (cd "$FRESH" && ./inetpublish down >/dev/null) || true; exit 1
    fi
    stages="$(grep -o 'seconds after the start: [^)]*' <<<"$out" | sed 's/seconds after the start: //' || true)"
    # CPU seconds each JVM used until ready
    while read -r name pid; do
      c="$(awk '{printf "%.1f", ($14 + $15) / 100}' "/proc/$pid/stat")"
      cpu="$(echo "$cpu + $c" | bc)"; per+=" $name=$c"
    done < <(bench_jvms "$FRESH/.run")
    t2=$(date +%s.%N)
    (cd "$FRESH" && ./inetpublish down >/dev/null) || true
    local down; down=$(echo "$(date +%s.%N) - $t2" | bc)
    cp -r "$FRESH/.run/logs" "$WORK/fresh-logs/$label-$n" 2>/dev/null || true
    rm -rf "$FRESH"
    local clone build start total
    clone=$(echo "$t1 - $t0" | bc); build=$(echo "$built - $locked" | bc); start=$(echo "$up - $built" | bc)
    total=$(echo "$clone + $build + $start" | bc)
    ROWS+=("| $label $n (${commit:0:7}) | $(printf '%.0f' "$clone") s | $(printf '%.0f' "$build") s | $(printf '%.0f' "$start") s | ${stages:-–} | **$(printf '%.0f' "$total") s** | $cpu s | $(printf '%.0f' "$down") s | $load0 → $(cut -d' ' -f1-3 /proc/loadavg) |$per |")
    echo "$label $n: clone → up $(printf '%.0f' "$total") s (clone $(printf '%.1f' "$clone"), build $(printf '%.0f' "$build"), start $(printf '%.0f' "$start"); waited $(printf '%.0f' "$(echo "$locked - $clone" | bc)") s for the build lock), CPU until ready $cpu s, down ${down%.*} s" >&2
    sleep 3
  }
  for i in $(seq 1 "$RUNS"); do
    fresh before "$REF" "$i"
    fresh after "$AFTER" "$i"
  done
  . scripts/jdk.sh && inetpublish_use_jdk
  {
    echo "Measured $(date -u '+%Y-%m-%d %H:%M') UTC on $(machine); ~/.m2 and npm's cache warm, no node_modules (fresh clones)"
    echo "$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); node $(node --version), npm $(npm --version); before: $(git rev-parse --short "$REF"), after: $(git rev-parse --short "$AFTER")"
    echo "build (before): $(build_command "$REF")"
    echo "build (after): $(build_command "$AFTER")"
    echo
    echo "| clone | \`git clone\` | build (in \`up\`) | start (training run) | the launcher's stages (s after the start) | clone → \"is up\" | CPU of the JVMs until ready | \`down\` after it | load average (1, 5, 15 min) before → after | CPU per JVM (s) |"
    echo "|---|---:|---:|---:|---|---:|---:|---:|---|---|"
    printf '%s\n' "${ROWS[@]}"
  } | tee "$WORK/fresh.md"
  exit 0
fi

if [[ "${1:-}" == build ]]; then
  [[ -n "${2:-}" ]] || { echo "usage: bench/startup/compare.sh build REF" >&2; exit 2; }
  ./mvnw -B -q -DskipTests package
  rm -rf "$BEFORE"; mkdir -p "$BEFORE"
  git archive "$2" | tar -x -C "$BEFORE"
  git rev-parse "$2" >"$BEFORE/.ref"
  mkdir -p "$BEFORE/gateway/target/classes"
  cp -r gateway/target/classes/static "$BEFORE/gateway/target/classes/"
  (cd "$BEFORE" && ./mvnw -B -q -DskipTests -Dweb.skip=true package)
  echo "built: this tree's jars, and those of $2 in $BEFORE"
  exit 0
fi
RUNS="${1:-3}"
[[ -f gateway/target/gateway.jar && -f "$BEFORE/gateway/target/gateway.jar" ]] \
  || { echo "jars missing: run 'flock /tmp/inetpublish.lock bench/startup/compare.sh build REF' first" >&2; exit 1; }

# measure LABEL DIR: one `up` (timed) and `down`; appends a result row
ROWS=()
measure() {
  local label="$1" dir="$2" t0 out said stages cpu=0 rss=0 n pid c per="" load0
  load0="$(cut -d' ' -f1 /proc/loadavg)"
  t0=$(date +%s.%N)
  out="$(cd "$dir" && ./inetpublish up 2>&1 | tee -a "$WORK/compare-up.log")" || true
  local wall; wall=$(echo "$(date +%s.%N) - $t0" | bc)
  said="$(grep -o 'is up in [0-9]*s' <<<"$out" || true)"
  if [[ -z "$said" ]]; then
    echo "$label: the platform did not come up (see $WORK/compare-up.log and $dir/.run/logs)" >&2
    (cd "$dir" && ./inetpublish down >/dev/null); exit 1
  fi
  stages="$(grep -o 'seconds after the start: [^)]*' <<<"$out" | sed 's/seconds after the start: //' || true)"
  while read -r n pid; do
    c="$(awk '{printf "%.1f", ($14 + $15) / 100}' "/proc/$pid/stat")"
    cpu="$(echo "$cpu + $c" | bc)"; per+=" $n=$c"
    rss=$(( rss + $(ps -o rss= -p "$pid") / 1024 ))
  done < <(bench_jvms "$dir/.run")
  (cd "$dir" && ./inetpublish down >/dev/null)
  ROWS+=("| $label | $(printf '%.0f' "$wall") s | ${stages:-–} | $cpu s | $rss MiB | $load0 → $(cut -d' ' -f1 /proc/loadavg) |$per |")
  echo "$label: ${wall%.*} s, ${stages:-no stages}, CPU $cpu s, RSS $rss MiB" >&2
  sleep 3
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$WORK"; : >"$WORK/compare-up.log"
./inetpublish down >/dev/null; (cd "$BEFORE" && ./inetpublish down >/dev/null)
measure "before: first start (training run if its cache is missing; not counted)" "$BEFORE"
measure "after: first start (training run if its cache is missing; not counted)" "$ROOT"
for i in $(seq 1 "$RUNS"); do
  measure "before: later start $i" "$BEFORE"
  measure "after: later start $i" "$ROOT"
done

. scripts/jdk.sh && inetpublish_use_jdk
{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M') UTC on $(machine), load average before: $LOAD_BEFORE"
  echo "$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); before: tree $(cut -c1-7 "$BEFORE/.ref"), after: tree $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' with changes')"
  echo "jvm (before): $(grep -zo 'JAVA_OPTS_DEFAULT="[^"]*"' "$BEFORE/scripts/launcher/settings.sh" | tr -d '\0\\\n' | tr -s ' ')"
  echo "jvm (after): $(grep -zo 'JAVA_OPTS_DEFAULT="[^"]*"' scripts/launcher/settings.sh | tr -d '\0\\\n' | tr -s ' ')"
  echo
  echo "| start | \`up\` → ready | the launcher's stages (s after the start) | CPU of the JVMs until ready | RSS | load average | CPU per process (s) |"
  echo "|---|---:|---|---:|---:|---|---|"
  printf '%s\n' "${ROWS[@]}"
} | tee "$WORK/compare.md"

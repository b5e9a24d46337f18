#!/usr/bin/env bash
# Start-up and memory of the local run (issue 20): JDK 17 with the old launcher's settings (C1-only services, the
# hand-made class archives) against JDK 25 with the current ones (full JIT, AOT cache, compact object headers), in
# one run on this machine. For each: the first `./inetpublish up` after a build (class archive recording / AOT
# training run), the `down` after it (which writes the archives / caches), and later starts (LATER_RUNS, default 1);
# the time from the command to ready (every process healthy, registered in Eureka, reachable through the gateway) and
# the resident memory (RSS, and PSS) of the eight JVMs right after. Writes .run/bench-startup/result.md.
#
#   flock /tmp/inetpublish.lock bench/startup/run.sh build     # both sets of jars (JDK 17: the tree before the
#                                                             # switch to Java 25, in .run/bench-startup/jdk17/)
#   flock /tmp/inetpublish-platform.lock bench/startup/run.sh  # the measurement (~10 min); stops a running stack
#
# ONLY_JDK25=true measures only the JDK 25 set-up. BEFORE_REF: the commit whose tree runs on JDK 17 (default: the parent of the commit that set
# maven.compiler.release to 25). JDK17_HOME: default /usr/lib/jvm/java-17-openjdk-amd64 (or the first *17*).
# Demo data is not loaded (INETPUBLISH_DEMO_DATA=false for both), so the databases keep what they had; migrations
# are already in place in both set-ups (the JDK 17 tree's are a prefix of today's; Flyway ignores the newer ones).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
WORK="$ROOT/.run/bench-startup"
OLD="$WORK/jdk17"
LATER_RUNS="${LATER_RUNS:-1}"
export INETPUBLISH_DEMO_DATA=false

jdk17_home() {
  local d
  [[ -n "${JDK17_HOME:-}" ]] && { printf '%s' "$JDK17_HOME"; return; }
  for d in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/*17*; do
    [[ -x "$d/bin/javac" ]] && { printf '%s' "$d"; return; }
  done
  echo "no JDK 17 found (set JDK17_HOME)" >&2; exit 1
}
before_ref() {
  [[ -n "${BEFORE_REF:-}" ]] && { printf '%s' "$BEFORE_REF"; return; }
  local switch
  switch="$(git log --format=%H -S'<maven.compiler.release>25</maven.compiler.release>' -- pom.xml | tail -n 1)"
  [[ -n "$switch" ]] || { echo "cannot find the commit that switched to Java 25 (set BEFORE_REF)" >&2; exit 1; }
  git rev-parse "$switch^"
}

if [[ "${1:-}" == build ]]; then
  # JDK 25: this tree as it is
  ./mvnw -B -q -DskipTests package
  # JDK 17: the tree before the switch, its own launcher and wrapper; the web app is copied from this build
  ref="$(before_ref)"
  rm -rf "$OLD"; mkdir -p "$OLD"
  git archive "$ref" | tar -x -C "$OLD"
  echo "$ref" >"$OLD/.ref"
  mkdir -p "$OLD/gateway/target/classes"
  cp -r gateway/target/classes/static "$OLD/gateway/target/classes/"
  (cd "$OLD" && JAVA_HOME="$(jdk17_home)" PATH="$(jdk17_home)/bin:$PATH" ./mvnw -B -q -DskipTests -Dweb.skip=true package)
  echo "built: JDK 25 jars here, JDK 17 jars of $ref in $OLD"
  exit 0
fi
[[ -f gateway/target/gateway.jar && ( "${ONLY_JDK25:-false}" == true || -f "$OLD/gateway/target/gateway.jar" ) ]] \
  || { echo "jars missing: run 'flock /tmp/inetpublish.lock bench/startup/run.sh build' first" >&2; exit 1; }

RESULTS=()
memory() { # memory DIR: "RSS PSS" in MiB of the processes whose pid files are in DIR/.run/pids, and per process
  local dir="$1" n pid rss pss trss=0 tpss=0 per=""
  while read -r n pid; do
    rss=$(( $(ps -o rss= -p "$pid") / 1024 ))
    pss=$(( $(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup") / 1024 ))
    trss=$((trss + rss)); tpss=$((tpss + pss)); per+=" $n=$rss"
  done < <(bench_jvms "$dir/.run")
  printf '%s %s%s' "$trss" "$tpss" "$per"
}
flags() { # the JVM flags of customer-service and of the gateway, as started
  local dir="$1" n
  for n in customer-service gateway; do
    printf '%s: %s\n' "$n" "$(tr '\0' ' ' <"/proc/$(cat "$dir/.run/pids/$n.pid")/cmdline" \
      | grep -oE -- '-X[^ ]+|-XX:[^ ]+' | grep -v 'Xlog' | sed -E 's#(AOTCache(Output)?|SharedArchiveFile|ArchiveClassesAtExit)=[^ ]*/#\1=…/#' | tr '\n' ' ')"
  done
}
# measure LABEL DIR JAVA_HOME: one up (timed), memory, down (timed); appends a result line
measure() {
  local label="$1" dir="$2" jh="$3" t0 up down said mem
  t0=$(date +%s.%N)
  said="$(cd "$dir" && JAVA_HOME="$jh" PATH="$jh/bin:$PATH" ./inetpublish up 2>&1 | tee -a "$WORK/up.log" \
    | grep -o 'is up in [0-9]*s' || true)"
  up=$(echo "$(date +%s.%N) - $t0" | bc)
  if [[ -z "$said" ]]; then
    echo "$label: the platform did not come up (see $WORK/up.log and $dir/.run/logs)" >&2
    (cd "$dir" && ./inetpublish down >/dev/null); exit 1
  fi
  mem="$(memory "$dir")"
  [[ "$label" == *first* ]] && flags "$dir" >>"$WORK/flags-$(basename "$dir").txt"
  t0=$(date +%s.%N)
  (cd "$dir" && ./inetpublish down >/dev/null)
  down=$(echo "$(date +%s.%N) - $t0" | bc)
  RESULTS+=("$(printf '%s|%.0f|%s|%.0f|%s' "$label" "$up" "${said#is up in }" "$down" "$mem")")
  echo "$label: up ${up%.*} s (${said}), down ${down%.*} s, RSS/PSS MiB and per process: $mem" >&2
  sleep 3
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$WORK"; : >"$WORK/up.log"
# the old launcher needs its own run folder; neither may be running
./inetpublish down >/dev/null; [[ ! -d "$OLD" ]] || (cd "$OLD" && ./inetpublish down >/dev/null)
rm -f "$WORK"/flags-*.txt
J17="$(jdk17_home)"
. scripts/jdk.sh && inetpublish_use_jdk
J25="$JAVA_HOME"

# JDK 17, old settings: the first start after a build records the class archives (written at `down`)
if [[ "${ONLY_JDK25:-false}" != true ]]; then
  rm -rf "$OLD/.run/cds"
  measure "JDK 17, old settings: first start (recording class archives)" "$OLD" "$J17"
  for i in $(seq 1 "$LATER_RUNS"); do measure "JDK 17, old settings: later start $i (class archives)" "$OLD" "$J17"; done
fi
# JDK 25, new settings: the first start after a build is the AOT training run (the cache is written at `down`)
rm -rf .run/aot
measure "JDK 25, new settings: first start (AOT training run)" "$ROOT" "$J25"
for i in $(seq 1 "$LATER_RUNS"); do measure "JDK 25, new settings: later start $i (AOT cache)" "$ROOT" "$J25"; done

{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M') UTC on $(nproc) cores / $(free -g | awk '/Mem:/ {print $2}') GiB ($(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), load average before: $LOAD_BEFORE"
  if [[ "${ONLY_JDK25:-false}" != true ]]; then
    echo "JDK 17: $("$J17/bin/java" -version 2>&1 | head -n 1), tree of $(cut -c1-7 "$OLD/.ref")"
  fi
  echo "JDK 25: $("$J25/bin/java" -version 2>&1 | head -n 1), tree of $(git rev-parse --short HEAD)"
  echo
  echo "| set-up and start | \`up\` → ready (wall) | launcher's \"up in\" | \`down\` after it | RSS of the 8 JVMs | PSS | per process RSS (MiB) |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  for r in "${RESULTS[@]}"; do
    IFS='|' read -r label up said down mem <<<"$r"
    read -r rss pss per <<<"$mem"
    echo "| $label | $up s | $said | $down s | $rss MiB | $pss MiB | $per |"
  done
  echo
  echo "JVM flags as started:"
  for f in "$WORK"/flags-*.txt; do sed 's/^/    /' "$f"; done
} | tee "$WORK/result.md"

#!/usr/bin/env bash
# Memory settings (issue 20, item 3): the resident memory of the eight JVMs of the local run (full JIT, AOT cache)
# under different memory settings, in one run: per set-up, RSS and PSS of the 8 JVMs right after `./inetpublish up`
# is ready and again SETTLE seconds later (idle, as a support team's platform mostly is), and per process.
#   flock /tmp/inetpublish-platform.lock bench/footprint/memory.sh      (~8 min; stops a running stack; demo data kept)
# Needs the AOT caches of the current jars (one `./inetpublish up` and `down` after a build writes them).
set -euo pipefail
cd "$(dirname "$0")/../.."
SETTLE="${SETTLE:-60}"
export INETPUBLISH_DEMO_DATA=false
ROOT="$PWD"; . scripts/launcher/settings.sh; inetpublish_use_jdk
BASE="$JAVA_OPTS_DEFAULT"
mem() { # "RSS PSS per-process" in MiB of the JVMs the launcher started
  local f n pid rss pss trss=0 tpss=0 per=""
  for f in .run/pids/*.pid; do
    n="$(basename "$f" .pid)"; pid="$(cat "$f")"
    rss=$(( $(ps -o rss= -p "$pid") / 1024 )); pss=$(( $(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup") / 1024 ))
    trss=$((trss + rss)); tpss=$((tpss + pss)); per+=" $n=$rss"
  done
  printf '%s|%s|%s' "$trss" "$tpss" "$per"
}
ROWS=()
measure() { # measure LABEL ENV... -- set-up as environment assignments
  local label="$1"; shift
  ./inetpublish down >/dev/null; sleep 3
  env "$@" ./inetpublish up >/dev/null
  local first; first="$(mem)"
  sleep "$SETTLE"
  ROWS+=("$label|$first|$(mem)")
  echo "$label: $first / after ${SETTLE}s: $(mem)" >&2
}
measure "as configured ($BASE)"
measure "glibc arenas limited: MALLOC_ARENA_MAX=2" MALLOC_ARENA_MAX=2
measure "arenas + heap kept tight: MinHeapFreeRatio=10, MaxHeapFreeRatio=30" MALLOC_ARENA_MAX=2 \
  "INETPUBLISH_JAVA_OPTS=$BASE -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
measure "arenas + tight heap + code cache 32m" MALLOC_ARENA_MAX=2 \
  "INETPUBLISH_JAVA_OPTS=${BASE/ReservedCodeCacheSize=64m/ReservedCodeCacheSize=32m} -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
measure "no AOT cache (for what the cache costs)" INETPUBLISH_AOT=false
./inetpublish down >/dev/null
{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M') UTC on $(nproc) cores / $(free -g | awk '/Mem:/ {print $2}') GiB ($(uname -m)), $(java -version 2>&1 | head -n 1), tree of $(git rev-parse --short HEAD); full JIT"
  echo
  echo "| set-up | RSS at ready | PSS at ready | RSS after ${SETTLE} s | PSS after ${SETTLE} s | per process RSS after ${SETTLE} s (MiB) |"
  echo "|---|---:|---:|---:|---:|---|"
  for r in "${ROWS[@]}"; do
    IFS='|' read -r label rss pss _ rss2 pss2 per2 <<<"$r"
    echo "| $label | $rss MiB | $pss MiB | $rss2 MiB | $pss2 MiB |$per2 |"
  done
} | tee .run/bench-footprint-memory.md

#!/usr/bin/env bash
# Stack footprint (issue 2 and 10): time from `./inetpublish up` to everything healthy, registered and routed, and the
# resident memory of each process, in three set-ups (Java 25; JDK 17 against 25: bench/startup/run.sh):
#   1. full JIT everywhere, jars as built (no AOT cache);
#   2. C1 for all but the gateway (the JDK 17 launcher's default), jars as built;
#   3. the local run's default: full JIT with the AOT cache (each service's cache written by a training run
#      before it, as `up`/`down` do on their own after a build).
# Stops a running stack first; keeps the databases (migrations and demo data are in place from the second start on —
# drop the inetpublish_* databases first to include them in the first set-up).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib/jvms.sh
measure() { # measure LABEL JIT_OPTS AOT
  ./inetpublish down >/dev/null
  sleep 3
  local start=$SECONDS
  INETPUBLISH_JIT_OPTS="$2" INETPUBLISH_AOT="$3" ./inetpublish up >/dev/null
  local took=$((SECONDS - start)) total=0 line=""
  local n pid rss
  while read -r n pid; do
    rss=$(( $(ps -o rss= -p "$pid") / 1024 ))
    total=$((total + rss)); line+=" $n=${rss}MiB"
  done < <(bench_jvms .run)
  echo "$1: up ${took}s, total ${total} MiB;$line"
}
measure "full JIT everywhere, no AOT cache" "" false
measure "C1 except the gateway, no AOT cache" "-XX:TieredStopAtLevel=1" false
# a training run where a cache is missing or stale (written when `down` stops it)
./inetpublish down >/dev/null
INETPUBLISH_AOT=true ./inetpublish up >/dev/null
measure "full JIT with the AOT cache (the local default)" "" true

#!/usr/bin/env bash
# Stack footprint (issue 2 and 10): time from `./inetpublish up` to everything healthy, registered and routed, and the
# resident memory of each process, in three set-ups:
#   1. C2 compiler everywhere, jars as built (no class data sharing);
#   2. the local run's JIT default (C1 for all but the gateway), jars as built;
#   3. the local run's default: C1 except the gateway, with class data sharing (each service's class archive
#      recorded by a run before it, as `up`/`down` do on their own after a build).
# Stops a running stack first; keeps the databases (migrations and demo data are in place from the second start on —
# drop the inetpublish_* databases first to include them in the first set-up).
set -euo pipefail
cd "$(dirname "$0")/../.."
measure() { # measure LABEL JIT_OPTS CDS
  ./inetpublish down >/dev/null
  sleep 3
  local start=$SECONDS
  INETPUBLISH_JIT_OPTS="$2" INETPUBLISH_CDS="$3" ./inetpublish up >/dev/null
  local took=$((SECONDS - start)) total=0 line=""
  for f in .run/pids/*.pid; do
    local n rss
    n="$(basename "$f" .pid)"; rss=$(( $(ps -o rss= -p "$(cat "$f")") / 1024 ))
    total=$((total + rss)); line+=" $n=${rss}MiB"
  done
  echo "$1: up ${took}s, total ${total} MiB;$line"
}
measure "C2 everywhere, no class archives" "" false
measure "C1 except the gateway, no class archives" "-XX:TieredStopAtLevel=1" false
# a run that records the class archives where they are missing or stale (written when `down` stops it)
./inetpublish down >/dev/null
INETPUBLISH_CDS=true ./inetpublish up >/dev/null
measure "C1 except the gateway, class archives (the local default)" "-XX:TieredStopAtLevel=1" true

#!/usr/bin/env bash
# Stack footprint (issue 2 and 10): time from `./inetpublish up` to everything healthy, registered and routed, and the
# resident memory of each process, once with the C2 compiler everywhere ("before") and once with the local run's
# default (C1 for all but the gateway). Stops a running stack first; keeps the databases (so migrations and demo
# data are already there on the second run — drop the inetpublish_* databases first to measure a first start).
set -euo pipefail
cd "$(dirname "$0")/../.."
measure() { # measure LABEL JIT_OPTS
  ./inetpublish down >/dev/null
  sleep 3
  local start=$SECONDS
  INETPUBLISH_JIT_OPTS="$2" ./inetpublish up >/dev/null
  local took=$((SECONDS - start)) total=0 line=""
  for f in .run/pids/*.pid; do
    local n rss
    n="$(basename "$f" .pid)"; rss=$(( $(ps -o rss= -p "$(cat "$f")") / 1024 ))
    total=$((total + rss)); line+=" $n=${rss}MiB"
  done
  echo "$1: up ${took}s, total ${total} MiB;$line"
}
measure "before (C2 everywhere)" ""
measure "after (C1 except the gateway)" "-XX:TieredStopAtLevel=1"

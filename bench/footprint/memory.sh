#!/usr/bin/env bash
# Memory settings (issue 20, item 3): the resident memory of the eight JVMs of the local run (full JIT, AOT cache)
# under different JVM options, in one run: per set-up a platform of its own (`./inetpublish scratch`, fresh databases
# with the demo data, dropped afterwards), RSS and PSS of the 8 JVMs right after it is ready and again SETTLE seconds
# later (idle, as a support team's platform mostly is), per process, and how long `up` took.
#   flock /tmp/inetpublish-platform.lock bench/footprint/memory.sh      (~10 min per set-up on a busy machine)
# Each set-up runs with the AOT cache made for its own options, as the local run does after a change of options: where
# that cache is missing, a training platform runs first (started, stopped, the cache written at `down`), then the
# measured one (on a busy machine give it INETPUBLISH_AOT_DUMP_TIMEOUT=600: eight JVMs writing their caches at once
# overran the default 180 s on 2026-12-04). Caches are kept in .run/aot/, so a second run measures right away. Results: .run/bench-footprint-memory.md
# (docs/bench-footprint.md explains them). MEMORY_SETUPS=configured,lean picks set-ups by name; MEMORY_AOT=false
# compares them without AOT caches (jars as built, full JIT: no training, quicker when the caches are missing).
# MEMORY_ROUNDS=N runs the chosen set-ups N times, alternating (start times and CPU vary with the machine's load).
# MEMORY_DEMO_DATA=false measures at ready without the demo data (its loading otherwise counts in the CPU seconds).
# The set-up "shared" is the local run's default, the shared JVM (INETPUBLISH_SHARED_JVM=true,
# scripts/launcher/shared-jvm.sh); "configured" and "lean" run the eight JVMs (INETPUBLISH_SHARED_JVM=false).
set -euo pipefail
cd "$(dirname "$0")/../.."
SETTLE="${SETTLE:-60}"
ROOT="$PWD"; . scripts/launcher/settings.sh; inetpublish_use_jdk
train="${INETPUBLISH_AOT_TRAIN_OPTS-unset}"
. bench/lib/bench.sh
# the caches are trained as the local run trains them (C1 only, scripts/launcher/aot.sh), not as bench.sh sets it
[[ "$train" != unset ]] || unset INETPUBLISH_AOT_TRAIN_OPTS
mkdir -p "$ROOT/.run"
OUT="$ROOT/.run/bench-footprint-memory.rows"

# inside the platform of its own: one row "label|up s|RSS|PSS|RSS later|PSS later|per process|jvm|ready s|CPU s|load" when
# every JVM mapped its AOT cache; nothing when one was a training run or started without a cache (then the set-up
# runs again)
if [[ "${1:-}" == --inside ]]; then
  label="$MEMORY_LABEL"; up_s=$(( $(date +%s) - MEMORY_START ))
  # the launcher's own "is up in N s" (from its first start to every route reached), printed just before this ran
  ready_s="$(grep -o 'is up in [0-9]*s' "$ROOT/.run/bench-footprint-memory.log" | tail -n 1 | tr -dc 0-9)"
  jvms() { bench_jvms "$INETPUBLISH_RUN_DIR"; }   # each JVM the launcher started, once
  cpu="$(jvms | while read -r _ pid; do awk '{print ($14 + $15) / 100}' "/proc/$pid/stat"; done \
    | awk '{s += $1} END {printf "%.1f", s}')"
  mem() { # "RSS|PSS|per-process" in MiB of the JVMs the launcher started
    local n pid rss pss trss=0 tpss=0 per=""
    while read -r n pid; do
      rss=$(( $(ps -o rss= -p "$pid") / 1024 )); pss=$(( $(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup") / 1024 ))
      trss=$((trss + rss)); tpss=$((tpss + pss)); per+=" $n=$rss"
    done < <(jvms)
    printf '%s|%s|%s' "$trss" "$tpss" "$per"
  }
  for f in "$INETPUBLISH_RUN_DIR"/pids/*.pid; do
    [[ "${INETPUBLISH_AOT:-true}" == true ]] || break
    if ! tr '\0' ' ' <"/proc/$(cat "$f")/cmdline" | grep -q -- '-XX:AOTCache='; then
      echo "  $(basename "$f" .pid) has no AOT cache for these options: this start trains it" >&2; exit 0
    fi
  done
  first="$(mem)"; sleep "$SETTLE"; later="$(mem)"
  IFS='|' read -r r1 p1 _ <<<"$first"
  printf '%s|%s|%s|%s|%s|%s|%s\n' "$label" "$up_s" "$r1|$p1" "$later" "$(bench_jvm_of customer-service)" \
    "$ready_s" "$cpu|$(cut -d' ' -f1 /proc/loadavg)" >>"$OUT"
  echo "  $label: up ${up_s} s (ready ${ready_s} s, CPU $cpu s); RSS $r1 MiB at ready, ${later%%|*} MiB after ${SETTLE} s" >&2
  exit 0
fi

# the set-ups: name|label|JVM options (INETPUBLISH_JAVA_OPTS)|further settings (NAME=value ...)
LEAN="${JAVA_OPTS_DEFAULT/-Xms128m/-Xms64m -Xmn16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:-ShrinkHeapInSteps}"
. scripts/launcher/shared-jvm.sh
SETUPS=(
  "configured|eight JVMs as configured|$JAVA_OPTS_DEFAULT|INETPUBLISH_SHARED_JVM=false"
  "lean|eight JVMs, young generation 16 MB, heap given back after each full collection|$LEAN|INETPUBLISH_SHARED_JVM=false"
  "shared|shared JVM (registry, sandbox, 5 services: $SHARED_JVM_OPTS) + gateway|$JAVA_OPTS_DEFAULT|INETPUBLISH_SHARED_JVM=true"
)
: >"$OUT"
for _ in $(seq 1 "${MEMORY_ROUNDS:-1}"); do
for s in "${SETUPS[@]}"; do
  IFS='|' read -r name label opts settings <<<"$s"
  [[ -z "${MEMORY_SETUPS:-}" || ",$MEMORY_SETUPS," == *",$name,"* ]] || continue
  for attempt in 1 2; do
    before=$(wc -l <"$OUT")
    start=$SECONDS
    # the up time is from the scratch command to every process healthy, registered, routed, demo data loaded
    # shellcheck disable=SC2086
    env $settings MEMORY_LABEL="$label: $opts" MEMORY_START="$(date +%s)" INETPUBLISH_JAVA_OPTS="$opts" \
      INETPUBLISH_AOT_TRAIN=true INETPUBLISH_AOT="${MEMORY_AOT:-true}" \
      INETPUBLISH_DEMO_DATA="${MEMORY_DEMO_DATA:-true}" \
      ./inetpublish scratch "mem$name" "$ROOT/bench/footprint/memory.sh" --inside \
      >>"$ROOT/.run/bench-footprint-memory.log" 2>&1 \
      || { echo "$name: the platform failed (see .run/bench-footprint-memory.log)" >&2; break; }
    (( $(wc -l <"$OUT") > before )) && break
    echo "$name: trained its AOT caches in $((SECONDS - start)) s; measuring" >&2
  done
done
done
{
  if [[ "${MEMORY_AOT:-true}" == true ]]; then how="with each set-up's AOT cache"; else how="jars as built, no AOT cache"; fi
  echo "Measured $(bench_machine); tree of $(git rev-parse --short HEAD); full JIT, $how;"
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg) after the run"
  echo
  demo="incl. demo data"; [[ "${MEMORY_DEMO_DATA:-true}" == true ]] || demo="no demo data"
  echo "| set-up | up (s, scratch command to measured, $demo) | ready (launcher, s) | CPU of the JVMs at ready (s) | load average (1 min) | RSS at ready | PSS at ready | RSS after ${SETTLE} s | PSS after ${SETTLE} s | per process RSS after ${SETTLE} s (MiB) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  while IFS='|' read -r label up rss pss rss2 pss2 per2 _ ready cpu load; do
    echo "| $label | $up | $ready | $cpu | $load | $rss MiB | $pss MiB | $rss2 MiB | $pss2 MiB |$per2 |"
  done <"$OUT"
} | tee .run/bench-footprint-memory.md

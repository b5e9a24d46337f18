# shellcheck shell=bash
# Java's AOT cache per service (sourced by ./inetpublish): its settings and aot_prepare, which start_one
# (scripts/launcher/processes.sh) calls for each JVM.

# The ahead-of-time cache (Java 25; JEPs 483, 514, 515): each service runs from its jar extracted into
# $RUN_DIR/aot/<name>/ (plain jars: the JVM caches classes from those, not from Spring Boot's nested jars). The first
# start after a build is the training run (-XX:AOTCacheOutput): the JVM notes which classes it loads and links and
# how its methods run, and writes that to the service's cache when it is stopped (`down` waits for that). Every
# later start maps the cache (-XX:AOTCache): classes come already loaded and linked, and the JIT starts from the
# recorded profiles. A new build (a jar newer than its extracted copy), another JDK or other JVM options (the
# cache's name carries a hash of them; the JVM refuses a cache made with other flags) train again. A stale or
# unreadable cache is never fatal: the JVM then starts as usual. INETPUBLISH_AOT=false runs the jars as built.
AOT="${INETPUBLISH_AOT:-true}"
AOT_DIR="${INETPUBLISH_AOT_DIR:-$RUN_DIR/aot}"
# Writing the caches at the first `down` after a build takes 1-2 minutes on a quiet machine and more than 3 on a busy
# one (2026-12-05, load 9: the five domain services' were still being assembled after 180 s, were killed and lost,
# and the next `up` trained again): `down` waits up to 10 minutes for it, once per build.
AOT_DUMP_TIMEOUT="${INETPUBLISH_AOT_DUMP_TIMEOUT:-600}"
AOT_LOG="-Xlog:aot*=error,cds*=error"
# The training run compiles with C1 only: it starts about as quickly as the old C1-only services (with the full JIT,
# eight JVMs training at once took 279 s on two busy cores), and the JVM takes a cache trained that way for a
# full-JIT start (discovery, measured with a level-1 training: ready in 2.9 s with it, 4.1 s with a cache from a
# full-JIT training run). Later starts
# run the full JIT. INETPUBLISH_AOT_TRAIN_OPTS= (empty) trains with the full JIT.
# C1 at level 2 (invocation and loop counters, no full profiles), not level 1: the training run then records which
# methods the start and the demo's load compiled (JEP 515's training data), and a later start compiles those with C1
# at once, then profiles them and moves the hot ones to C2 as usual (JDK 25, compilationPolicy.cpp:
# trained_transition_from_none sends a method trained at level 2 or 3 to level 2, which goes on to 3 and 4). A method
# trained at level 1 goes to level 1 in every later start, which is final: it never reaches C2 (docs/bench-events.md,
# 2026-12-05 08:52 UTC: 17,096 methods stuck at C1). So a training run at level 1 records no training data (the cache
# then brings the classes loaded and linked, JEPs 483 and 514, and the JIT starts from nothing).
AOT_TRAIN_DEFAULT="-XX:TieredStopAtLevel=2"
AOT_TRAIN_OPTS="${INETPUBLISH_AOT_TRAIN_OPTS-$AOT_TRAIN_DEFAULT}"
AOT_RECORD_OPTS=""
[[ "$AOT_TRAIN_OPTS" != *TieredStopAtLevel=1* ]] || AOT_RECORD_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining"
# Whether a start without a valid cache is a training run. A platform of its own (scratch.sh: the test command's, the
# screenshots') runs once and is stopped: its cache would be written at `down` (up to AOT_DUMP_TIMEOUT, 10 minutes,
# and killed unfinished on a busy machine) for nobody. Such a platform uses a cache that is there and otherwise
# starts as a training run would (C1 only), without recording or writing one. INETPUBLISH_AOT_TRAIN=true trains anyway.
AOT_TRAIN="${INETPUBLISH_AOT_TRAIN:-true}"

# extract_jar JAR DIR: the jar's classes as DIR/<jar's name> and its dependencies in DIR/lib/ (Spring Boot's tools), a
# short job (SHORT_JOB_JVM_OPTS, settings.sh; the first start after a build extracts eight)
extract_jar() {
  java "${SHORT_JOB_JVM_OPTS[@]}" -Djarmode=tools -jar "$1" extract --destination "$2"
}

# aot_prepare NAME JAR JIT_OPTS: sets RUN_JAR (the jar to run), AOT_OPTS and AOT_NOTE for one service
aot_prepare() {
  local name="$1" jar="$2" dir="$AOT_DIR/$1" extracted
  RUN_JAR="$jar"; AOT_OPTS=""; AOT_NOTE=""
  [[ "$AOT" == "true" ]] || return 0
  extracted="$dir/$(basename "$jar")"
  if [[ ! -f "$extracted" || "$jar" -nt "$extracted" ]]; then
    rm -rf "$dir"
    if ! extract_jar "$jar" "$dir" >>"$LOG_DIR/$name.log" 2>&1; then
      say "  ($name: could not extract $jar for the AOT cache; running it as built)"
      rm -rf "$dir"; return 0
    fi
  fi
  RUN_JAR="$extracted"
  aot_cache "$dir" "$name" "$JAVA_OPTS|$3" "$extracted"
}

# aot_cache DIR NAME JVM_OPTS NEWER_THAN: sets AOT_OPTS and AOT_NOTE for the JVM whose cache is DIR/NAME-<key>.aot
# (also the shared JVM's, scripts/launcher/shared-jvm.sh): used if it is newer than the file NEWER_THAN (what it
# runs), else a training run writes it (or, AOT_TRAIN=false, the start without one)
aot_cache() {
  local dir="$1" name="$2" key cache
  AOT_OPTS=""; AOT_NOTE=""
  [[ "$AOT" == "true" ]] || return 0   # INETPUBLISH_AOT=false: no cache for the shared JVM either
  # the JDK build, the JVM options the cache is for (it is only valid for the same ones) and the launcher's default
  # way of training, a version of it: when that changes (as from level 1 to level 2 with training data), every cache
  # is trained again once. Not this start's INETPUBLISH_AOT_TRAIN_OPTS: a benchmark's platform sets them empty (full
  # JIT where there is no cache) and maps the cache `up` trained; so a cache trained with other options is kept too,
  # until the next build (`rm -rf .run/aot` trains again).
  key="$(printf '%s|%s|train %s' "$(grep -h '^JAVA_RUNTIME_VERSION=' "$JAVA_HOME/release")" "$3" \
    "$AOT_TRAIN_DEFAULT" | cksum | cut -d' ' -f1)"
  cache="$dir/$name-$key.aot"
  rm -f "$dir"/*.recording "$dir"/*.recording.config   # a training run that never finished
  if [[ -f "$cache" && "$cache" -nt "$4" ]]; then
    AOT_OPTS="-XX:AOTCache=$cache $AOT_LOG"
    AOT_NOTE=", AOT cache"
  elif [[ "$AOT_TRAIN" != "true" ]]; then
    AOT_OPTS="$AOT_TRAIN_OPTS"
    AOT_NOTE=", no AOT cache (${AOT_TRAIN_OPTS:-full JIT}, not recording one)"
  else
    rm -f "$dir"/*.aot
    # written when the JVM exits; renamed by `down` once the process has ended normally. Writing it needs room for
    # every class the service loaded (~25,000 for a domain service, a 170 MB cache): with the 160 MB metaspace
    # limit the dump fails ("Unable to allocate from 'ro' region"), so the training run has a larger one; later
    # starts map the cache outside the metaspace and keep the limit.
    AOT_OPTS="-XX:MaxMetaspaceSize=512m $AOT_TRAIN_OPTS $AOT_RECORD_OPTS -XX:AOTCacheOutput=$cache.recording $AOT_LOG"
    AOT_NOTE=", training run for its AOT cache"
  fi
}

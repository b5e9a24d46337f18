# shellcheck shell=bash
# The shared JVM of the local run (sourced by ./inetpublish; the default of `up` and `scratch` when this host runs the
# whole platform; INETPUBLISH_SHARED_JVM=false runs eight JVMs): the registry, the sandbox and the five domain
# services in one JVM instead of seven, each still its own Spring Boot application on its own ports, with its own
# datasource, Flyway, RabbitMQ listeners and Eureka registration; they talk to each other over HTTP and RabbitMQ as
# before. The gateway keeps its own JVM. Only the local run: the images, compose and Kubernetes run one service per
# JVM and container, and so does a host of several (INETPUBLISH_PROCESSES set: README, "Two or more hosts without
# Kubernetes") unless it sets INETPUBLISH_SHARED_JVM=true. How it works and what it measured: docs/bench-startup.md.
#
# The hosted jars are unpacked (unpack_boot_jar below) under $AOT_DIR/shared-jvm/apps/<name>/; their dependency jars,
# one copy of each, go on the JVM's class path ($AOT_DIR/shared-jvm/lib/), so that the AOT cache
# (scripts/launcher/aot.sh; it holds classes of the JVM's own class loaders, from jars) serves all services at once.
# The project's own modules (common, load-balancing: *-SNAPSHOT.jar) stay in each service's class loader, so
# their static state is per service (scripts/launcher/shared-jvm/SharedJvm.java). Logs: each service's in its own
# .run/logs/<service>.log as before (scripts/launcher/shared-jvm/logback.xml), the JVM's own in shared-jvm.log.

if [[ -n "${INETPUBLISH_PROCESSES:-}" ]]; then SHARED_JVM="${INETPUBLISH_SHARED_JVM:-false}"
else SHARED_JVM="${INETPUBLISH_SHARED_JVM:-true}"; fi
[[ "$SHARED_JVM" == true || "$SHARED_JVM" == false ]] \
  || { echo "inetpublish: INETPUBLISH_SHARED_JVM is '$SHARED_JVM'; it takes true or false" >&2; exit 2; }
SHARED_JVM_HOSTS="${INETPUBLISH_SHARED_JVM_HOSTS:-discovery sandbox auth-service customer-service release-service build-service notify-service}"
# one heap for seven applications: 184 MB live after the browser scenarios; -Xms256m held 79 MiB less than -Xms512m
# at the same CPU until ready (docs/bench-footprint.md)
SHARED_JVM_OPTS="${INETPUBLISH_SHARED_JVM_OPTS:--Xms256m -Xmx1g -XX:+UseSerialGC -XX:MaxMetaspaceSize=512m -Xss512k \
-XX:ReservedCodeCacheSize=128m -XX:CICompilerCount=2 -XX:+UseCompactObjectHeaders -Dfile.encoding=UTF-8}"
SHARED_JVM_SRC="$ROOT/scripts/launcher/shared-jvm"

shared_jvm_hosts() { # shared_jvm_hosts NAME: whether NAME runs in the shared JVM
  [[ "$SHARED_JVM" == true && " ${SHARED_JVM_HOSTS//,/ } " == *" $1 "* ]]
}

# unpack_boot_jar JAR DIR: a Spring Boot jar as the shared JVM runs it (SharedJvm.java says why): its dependency jars
# in DIR/lib/, its own classes and resources unpacked in DIR/classes/ with a manifest naming its main class -- what
# `java -Djarmode=tools -jar JAR extract` and then `jar -xf` of the extracted jar gave (the same files), with unzip
# instead of two JVM starts per jar (~0.4 instead of ~3 CPU s a jar; seven jars before the first start after a build)
unpack_boot_jar() {
  local jar="$1" d="$2" manifest main
  if ! manifest="$(unzip -p "$jar" META-INF/MANIFEST.MF)" || [[ -z "$manifest" ]]; then
    echo "$jar: its manifest could not be read"; return 1
  fi
  # its logical lines: a manifest wraps a line at 72 bytes, going on in lines that start with one space
  main="$(awk '{ sub(/\r$/, "") } /^ / { line = line substr($0, 2); next } NR > 1 { print line } { line = $0 }
               END { print line }' <<<"$manifest" | sed -n 's/^Start-Class: *//p')"
  [[ -n "$main" ]] || { echo "$jar: no Start-Class in its manifest (not a Spring Boot jar?)"; return 1; }
  mkdir -p "$d/lib" "$d/boot" || return 1
  # META-INF/maven/ (the module's pom.properties) on its own: unzip fails when a pattern finds nothing, and a jar
  # built without it still runs
  unzip -q -o -j "$jar" 'BOOT-INF/lib/*' -d "$d/lib" \
    && unzip -q -o "$jar" 'BOOT-INF/classes/*' -d "$d/boot" \
    && { unzip -q -o "$jar" 'META-INF/maven/*' -d "$d/boot" || true; } \
    && mv "$d/boot/BOOT-INF/classes" "$d/classes" && mkdir -p "$d/classes/META-INF" \
    && { [[ ! -d "$d/boot/META-INF/maven" ]] || mv "$d/boot/META-INF/maven" "$d/classes/META-INF/maven"; } \
    && rm -rf "$d/boot" \
    && awk -v main="$main" '{ sub(/\r$/, "") }
         /^[^ ]/ { skip = $0 ~ /^(Main-Class|Start-Class|Spring-Boot-[A-Za-z-]*):/ }
         /^Main-Class:/ { print "Main-Class: " main } !skip && NF' <<<"$manifest" >"$d/classes/META-INF/MANIFEST.MF"
}

# shared_jvm_prepare: extracts the hosted jars that changed, lays out the shared class path and compiles the host;
# sets SHARED_JVM_NAMES (the hosted processes of this run, in start order)
shared_jvm_prepare() {
  local dir="$AOT_DIR/shared-jvm" e name jar lib file changed=false
  SHARED_JVM_NAMES=()
  mkdir -p "$dir/apps"
  for e in "${SERVICES[@]}"; do
    name="${e%%:*}"; jar="$ROOT/${e##*:}"
    shared_jvm_hosts "$name" || continue
    SHARED_JVM_NAMES+=("$name")
    if [[ ! -f "$dir/apps/$name/classes/META-INF/MANIFEST.MF" || "$jar" -nt "$dir/apps/$name/classes/META-INF/MANIFEST.MF" ]]; then
      rm -rf "$dir/apps/$name"
      command -v unzip >/dev/null \
        || fail "unzip not found; install it (apt-get install -y unzip) or run eight JVMs (INETPUBLISH_SHARED_JVM=false)"
      unpack_boot_jar "$jar" "$dir/apps/$name" >>"$LOG_DIR/shared-jvm.log" 2>&1 \
        || fail "could not extract $jar for the shared JVM (see $LOG_DIR/shared-jvm.log)"
      changed=true
    fi
  done
  [[ -f "$dir/classpath" && -f "$dir/hosts" && "$(cat "$dir/hosts")" == "${SHARED_JVM_NAMES[*]}" ]] || changed=true
  if [[ "$changed" == true ]]; then
    # one copy of each dependency jar, the project's modules left out. Two versions of one library (today only
    # error_prone_annotations: the registry's 2.23.0 beside the services' 2.41.0) are both there: each service's
    # class loader sees its own, a class that Spring or another shared library loads gets the first.
    # (hard links, not copies: 232 jars, 14 s of copying on this machine's disk)
    rm -rf "$dir/lib"; mkdir -p "$dir/lib"
    for name in "${SHARED_JVM_NAMES[@]}"; do
      for lib in "$dir/apps/$name/lib/"*.jar; do
        file="${lib##*/}"
        [[ "$file" == *-SNAPSHOT.jar || -f "$dir/lib/$file" ]] \
          || ln "$lib" "$dir/lib/$file" 2>/dev/null || cp -p "$lib" "$dir/lib/$file"
      done
    done
    printf '%s' "${SHARED_JVM_NAMES[*]}" >"$dir/hosts"
  fi
  if [[ "$changed" == true || ! -f "$dir/host.jar" || "$SHARED_JVM_SRC/SharedJvm.java" -nt "$dir/host.jar" ]]; then
    rm -rf "$dir/host-classes"
    # (javac's and jar's own JVMs: short jobs, SHORT_JOB_JVM_OPTS in settings.sh)
    javac "${SHORT_JOB_JVM_OPTS[@]/#/-J}" -nowarn -d "$dir/host-classes" -cp "$(ls "$dir"/lib/logback-c*.jar "$dir"/lib/slf4j-api-*.jar | paste -sd:)" \
      "$SHARED_JVM_SRC/SharedJvm.java" >>"$LOG_DIR/shared-jvm.log" 2>&1 \
      || fail "could not compile the shared JVM's host (see $LOG_DIR/shared-jvm.log)"
    jar "${SHORT_JOB_JVM_OPTS[@]/#/-J}" --create --file "$dir/host.jar" -C "$dir/host-classes" . || fail "could not package the shared JVM's host"
    # the class path, fixed for the AOT cache (the JVM checks that it is the one the cache was made with)
    printf -- '-cp %s\n' "$(ls "$dir/host.jar" "$dir"/lib/*.jar | paste -sd:)" >"$dir/classpath"
  fi
}

# shared_jvm_start: starts the shared JVM with the hosted processes (once; later calls of the same `up` do nothing)
shared_jvm_start() {
  local pid name e rest args=() settings=() s jar
  if pid="$(pid_of shared-jvm)"; then
    [[ "$pid" == "${SHARED_JVM_PID:-}" ]] || say "  shared-jvm already running (pid $pid)"
    SHARED_JVM_PID="$pid"; return 0
  fi
  shared_jvm_prepare
  for name in "${SHARED_JVM_NAMES[@]}"; do
    e="$(entry "$name")"; rest="${e#*:}"; port_free "${rest%%:*}" "$name"
    mapfile -t settings < <(service_settings "$name")
    args+=("inetpublish.process=$name" "$AOT_DIR/shared-jvm/apps/$name")
    for s in "${settings[@]}"; do args+=("--${s#-D}"); done
  done
  aot_cache "$AOT_DIR/shared-jvm" shared-jvm "$SHARED_JVM_OPTS|$JIT_OPTS|$(cat "$AOT_DIR/shared-jvm/hosts")" \
    "$AOT_DIR/shared-jvm/host.jar"
  # shellcheck disable=SC2086
  nohup java $SHARED_JVM_OPTS $JIT_OPTS $AOT_OPTS "@$AOT_DIR/shared-jvm/classpath" \
    -Dinetpublish.process=shared-jvm -Dorg.springframework.boot.logging.LoggingSystem=none \
    "-Dlogback.configurationFile=$SHARED_JVM_SRC/logback.xml" "-DLOG_DIR=$LOG_DIR" \
    -Dmanagement.metrics.use-global-registry=false -Dspring.backgroundpreinitializer.ignore=true \
    io.inetpublish.local.SharedJvm "${args[@]}" >>"$LOG_DIR/shared-jvm.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_DIR/shared-jvm.pid"
  for name in "${SHARED_JVM_NAMES[@]}"; do echo "$pid" >"$PID_DIR/$name.pid"; done
  SHARED_JVM_PID="$pid"
  say "  started shared-jvm (pid $pid: ${SHARED_JVM_NAMES[*]}; logs $LOG_DIR/<service>.log, $LOG_DIR/shared-jvm.log${AOT_NOTE})"
}

# shellcheck shell=bash
# Process supervision (sourced by ./inetpublish): start the processes of the table in scripts/launcher/settings.sh
# in order and wait until they are healthy and registered (up), stop exactly those (down), status and logs.

entry() { # entry NAME -> "name:port:jar"
  local e
  for e in "${SERVICES[@]}"; do [[ "${e%%:*}" == "$1" ]] && { printf '%s' "$e"; return 0; }; done
  return 1
}

pid_of() { # prints the pid if the process we started is still the one running
  local file="$PID_DIR/$1.pid" pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "inetpublish.process=$1"; then
    printf '%s' "$pid"
    return 0
  fi
  rm -f "$file"
  return 1
}

health_port() { # the port a process answers /actuator/health on: its management port (the sandbox: its own)
  local name="$1" port="$2" key
  case "$name" in
    gateway) printf '%s' "$GATEWAY_MANAGEMENT_PORT" ;;
    discovery) printf '%s' "${DISCOVERY_MANAGEMENT_PORT:-9761}" ;;
    sandbox) printf '%s' "$port" ;;
    *) key="$(tr 'a-z-' 'A-Z_' <<<"$name")_MANAGEMENT_PORT"; printf '%s' "${!key:-$((port + 1000))}" ;;
  esac
}

is_healthy() {
  local body
  body="$(curl -fsS --max-time 2 "http://127.0.0.1:$1/actuator/health" 2>/dev/null)" || return 1
  [[ "$body" == *'"status":"UP"'* ]]
}

registered_apps() {
  curl -fsS --max-time 2 -u "$EUREKA_USER:$EUREKA_PASSWORD" -H 'Accept: application/json' \
      "${REGISTRY_URL}apps" 2>/dev/null \
    | grep -o '"app":"[A-Z-]*"' | tr 'A-Z' 'a-z' | sed 's/"app":"//; s/"//' | sort -u || true
}

# service_settings NAME: the settings one process gets beyond the environment, one per line as -Dname=value (its own
# JVM's system properties; the shared JVM passes them to the service's application as --name=value)
service_settings() {
  local name="$1"
  printf '%s\n' "-Dserver.address=$BIND_ADDRESS"
  # the sandbox serves its actuator on its own port (no separate management server to bind)
  [[ "$name" == sandbox ]] || printf '%s\n' "-Dmanagement.server.address=$BIND_ADDRESS"
  # build-service keeps the packages (bundles) in the run directory unless BUILD_BUNDLE_DIR says otherwise
  [[ "$name" == build-service ]] && printf '%s\n' "-Dinetpublish.bundles.directory=${BUILD_BUNDLE_DIR:-$RUN_DIR/bundles}"
  # a registry peer among others (EUREKA_URL lists them all): it registers with and fetches from the others, so the
  # peers' registries agree (as the Kubernetes manifests do it); it knows itself in the list by INSTANCE_HOST
  if [[ "$name" == discovery && -n "${EUREKA_URL:-}" ]]; then
    printf '%s\n' "-Deureka.client.register-with-eureka=true" "-Deureka.client.fetch-registry=true" \
      "-Deureka.client.service-url.defaultZone=$EUREKA_URL"
  fi
  return 0
}

port_free() { # port_free PORT NAME: fails the start if another process listens on PORT
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    fail "port $1 for $2 is taken by another process; stop it or run ./inetpublish down"
  fi
}

start_one() {
  local name="$1" port="$2" jar="$3" pid
  if pid="$(pid_of "$name")"; then
    say "  $name already running (pid $pid)"
    return 0
  fi
  port_free "$port" "$name"
  local jit="$JIT_OPTS"
  [[ "$name" == "gateway" ]] && jit=""
  aot_prepare "$name" "$ROOT/$jar" "$jit"
  local settings=()
  mapfile -t settings < <(service_settings "$name")
  # shellcheck disable=SC2086
  nohup java $JAVA_OPTS $jit $AOT_OPTS "-Dinetpublish.process=$name" "${settings[@]}" -jar "$RUN_JAR" \
    >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$PID_DIR/$name.pid"
  say "  started $name (pid $!, port $port, log $LOG_DIR/$name.log${AOT_NOTE})"
}

wait_healthy() { # wait_healthy name port deadline
  local name="$1" port="$2" deadline="$3"
  until is_healthy "$(health_port "$name" "$port")"; do
    pid_of "$name" >/dev/null || fail "$name exited during start; see $LOG_DIR/$name.log"
    (( SECONDS < deadline )) || fail "$name did not become healthy in ${STARTUP_TIMEOUT}s; see $LOG_DIR/$name.log"
    sleep "$POLL"
  done
}

log_in() { # log_in deadline: sets TOKEN, an access token got through the gateway and the sandbox's login page
  until TOKEN="$("$ROOT/scripts/sandbox-login.sh" 2>>"$LOG_DIR/demo.log")" && [[ -n "$TOKEN" ]]; do
    (( SECONDS < $1 )) || fail "cannot log in through the gateway and the sandbox (see $LOG_DIR/demo.log)"
    sleep "$POLL"
  done
}

cmd_up() {
  need_jdk
  mkdir -p "$LOG_DIR" "$PID_DIR"
  rm -rf "$RUN_DIR/cds"   # the class archives of the Java 17 launcher, replaced by the AOT cache
  if jars_missing; then cmd_build; fi
  if [[ -f "$ROOT/web/package.json" && ! -f "$ROOT/gateway/target/classes/static/index.html" ]]; then
    say "  (the web app is built as part of the Maven build)"
  fi
  ensure_databases
  local started=$SECONDS deadline=$((SECONDS + STARTUP_TIMEOUT)) e name rest port jar STAGES=""
  say "Starting iNetPublish..."
  for e in "${SERVICES[@]}"; do
    name="${e%%:*}"; rest="${e#*:}"; port="${rest%%:*}"; jar="${rest#*:}"
    [[ -f "$ROOT/$jar" ]] || fail "$jar is missing; run ./inetpublish build"
    # discovery first, but without waiting for it: a service or the gateway only registers and fetches the registry
    # at the end of its own start (~20 s later), and retries if the registry is not up yet. The processes the
    # shared JVM hosts (the default; INETPUBLISH_SHARED_JVM=false: none) start together with the first of them.
    if shared_jvm_hosts "$name"; then shared_jvm_start; else start_one "$name" "$port" "$jar"; fi
  done
  say "Waiting until every service is healthy and registered..."
  # the login through the gateway needs only the sandbox, auth-service and the gateway: it is done while the other
  # services still start, instead of after all of them (then only their routes are left to check)
  TOKEN=""
  if runs gateway && runs auth-service && runs sandbox; then
    for name in sandbox auth-service gateway; do
      e="$(entry "$name")"; rest="${e#*:}"; wait_healthy "$name" "${rest%%:*}" "$deadline"
    done
    log_in "$deadline"
    STAGES+=", logged in $((SECONDS - started))s"
  fi
  for e in "${SERVICES[@]}"; do
    name="${e%%:*}"; rest="${e#*:}"; port="${rest%%:*}"
    wait_healthy "$name" "$port" "$deadline"
  done
  STAGES+=", all healthy $((SECONDS - started))s"
  local want app missing
  while :; do
    missing=""
    want="$(registered_apps)"
    for app in "${DOMAIN_SERVICES[@]}" gateway; do
      runs "$app" || continue
      grep -qx "$app" <<<"$want" || missing+=" $app"
    done
    [[ -z "$missing" ]] && break
    (( SECONDS < deadline )) || fail "not registered with Eureka in time:$missing"
    sleep "$POLL"
  done
  STAGES+=", registered $((SECONDS - started))s"
  local took=$((SECONDS - started))
  if ! runs gateway; then
    say ""
    say "iNetPublish processes of this host are up in ${took}s:$(for e in "${SERVICES[@]}"; do printf ' %s' "${e%%:*}"; done)."
    say "  Registry: ${REGISTRY_URL#*@}    Logs: $LOG_DIR    Stop: ./inetpublish down"
    return 0
  fi
  # the gateway routes by its own copy of the registry and checks tokens itself: log in through the sandbox (which
  # also proves auth-service is reachable) and wait until an authenticated request reaches every service
  if [[ -z "$TOKEN" ]]; then log_in "$deadline"; STAGES+=", logged in $((SECONDS - started))s"; fi
  local route code
  for route in /api/customers /api/releases /api/builds /api/notifications /api/auth/me; do
    until code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 -H "Authorization: Bearer $TOKEN" \
        "http://127.0.0.1:8080$route")" && [[ "$code" == 2* ]]; do
      (( SECONDS < deadline )) || fail "gateway cannot reach $route yet (HTTP $code)"
      sleep "$POLL"
    done
  done
  took=$((SECONDS - started))
  load_demo
  say ""
  say "iNetPublish is up in ${took}s."
  say "  (seconds after the start: ${STAGES#, }, every route reached ${took}s)"
  say "  Gateway (web app and API):  http://localhost:8080"
  local dashboard="${REGISTRY_URL%eureka/}"; dashboard="${dashboard/127.0.0.1/localhost}"
  [[ "$dashboard" == *@* ]] && dashboard="${dashboard%%//*}//${dashboard#*@}"   # without the credentials
  say "  Eureka dashboard:           $dashboard (user $EUREKA_USER, password: EUREKA_PASSWORD or the dev-only default)"
  say "  Sandbox (Feishu inbox, Jenkins): $SANDBOX_URL/sandbox/feishu/inbox"
  say "  Logs: $LOG_DIR    Stop: ./inetpublish down"
}

cmd_down() {
  # everything but the registry at once (each may be writing its AOT cache, which takes a while), then the registry:
  # discovery's JVM, or the shared JVM when it hosts discovery (scripts/launcher/shared-jvm.sh), with its services
  local e name pid i rec stopped=0 pids=() names=() registry="" last=() shared hosted=""
  registry="$(pid_of discovery || true)"; shared="$(pid_of shared-jvm || true)"
  for (( i=${#SERVICES[@]}-1; i>=0; i-- )); do
    e="${SERVICES[$i]}"; name="${e%%:*}"
    pid="$(pid_of "$name")" || continue
    if [[ "$pid" == "$registry" ]]; then last+=("$name"); continue; fi
    kill "$pid" 2>/dev/null || true; pids+=("$pid"); names+=("$name")
  done
  if pid="$(pid_of shared-jvm)"; then
    if [[ "$pid" == "$registry" ]]; then last+=(shared-jvm)
    else kill "$pid" 2>/dev/null || true; pids+=("$pid"); names+=(shared-jvm); fi
  fi
  stop_and_wait "${pids[@]}"
  if [[ -n "$registry" ]]; then
    kill "$registry" 2>/dev/null || true
    for name in "${last[@]}"; do pids+=("$registry"); names+=("$name"); done
    stop_and_wait "$registry"
  fi
  for i in "${!names[@]}"; do
    name="${names[$i]}"
    rm -f "$PID_DIR/$name.pid"
    for rec in "$AOT_DIR/$name"/*.aot.recording; do
      [[ -f "$rec" ]] || continue
      # kept only from a process that ended on its own and logged no cache error (a full disk, say)
      if [[ -n "${KILLED[${pids[$i]}]:-}" ]] || tail -n 300 "$LOG_DIR/$name.log" | grep -qE '\]\[error *\]\[(aot|cds)'; then
        rm -f "$rec"
      else
        mv -f "$rec" "${rec%.recording}"
      fi
    done
    # the shared JVM's services: named once, with it (one process)
    if [[ -n "$shared" && "${pids[$i]}" == "$shared" ]]; then
      [[ "$name" == shared-jvm ]] || hosted=" $name$hosted"
      continue
    fi
    say "  stopped $name (pid ${pids[$i]}${KILLED[${pids[$i]}]:+, killed})"
    stopped=$((stopped + 1))
  done
  if [[ -n "$shared" ]]; then
    say "  stopped shared-jvm (pid $shared:$hosted${KILLED[$shared]:+; killed})"
    stopped=$((stopped + 1))
  fi
  say "$stopped process(es) stopped."
}

declare -A KILLED=()
# stop_and_wait PID...: waits for the processes to end (longer while one writes its AOT cache), then kills
stop_and_wait() {
  local pid limit=10 deadline alive
  (( $# )) || return 0
  for pid in "$@"; do
    { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -q 'AOTCacheOutput' && limit="$AOT_DUMP_TIMEOUT"
  done
  if (( limit > 10 )) && [[ -z "${AOT_WRITING_SAID:-}" ]]; then
    say "  writing the AOT caches of the training run (once after a build; up to ${limit}s)..."; AOT_WRITING_SAID=1
  fi
  deadline=$((SECONDS + limit))
  while :; do
    alive=""
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive+=" $pid"; done
    [[ -z "$alive" ]] && return 0
    (( SECONDS < deadline )) || break
    sleep 0.25
  done
  # the JVM assembles its cache in a child process (-XX:AOTMode=create): that one goes too, or it would write a
  # cache after `down` has given it up
  for pid in $alive; do pkill -9 -P "$pid" 2>/dev/null || true; kill -9 "$pid" 2>/dev/null || true; KILLED[$pid]=1; done
}

# status: one line per process; the processes of the shared JVM show its pid with a "*" and a line under the table
# says so (what runs is read from the pid files, whatever INETPUBLISH_SHARED_JVM says now)
cmd_status() {
  local e name rest port pid health apps reg shared hosted=""
  apps="$(registered_apps)"
  shared="$(pid_of shared-jvm || true)"
  printf '%-18s %-8s %-6s %-8s %s\n' SERVICE PID PORT HEALTH EUREKA
  for e in "${SERVICES[@]}"; do
    name="${e%%:*}"; rest="${e#*:}"; port="${rest%%:*}"
    pid="$(pid_of "$name" || echo -)"
    if [[ -n "$shared" && "$pid" == "$shared" ]]; then hosted+=" $name"; pid+="*"; fi
    if is_healthy "$(health_port "$name" "$port")"; then health=UP; else health=DOWN; fi
    reg=-
    if [[ "$name" != discovery && "$name" != sandbox ]]; then
      if grep -qx "$name" <<<"$apps"; then reg=registered; else reg=missing; fi
    fi
    printf '%-18s %-8s %-6s %-8s %s\n' "$name" "$pid" "$port" "$health" "$reg"
  done
  if [[ -n "$shared" ]]; then
    say "* one JVM, the shared JVM (pid $shared, log $LOG_DIR/shared-jvm.log), runs${hosted:- none of them}"
  fi
  return 0
}

cmd_logs() {
  [[ $# -ge 1 ]] || fail "usage: ./inetpublish logs <service> (or shared-jvm: the shared JVM's own log)"
  [[ "$1" == shared-jvm ]] || entry "$1" >/dev/null || fail "unknown service '$1'"
  [[ -f "$LOG_DIR/$1.log" ]] || fail "no log for $1 yet"
  if [[ -t 1 ]]; then exec tail -n 200 -F "$LOG_DIR/$1.log"; else exec tail -n 200 "$LOG_DIR/$1.log"; fi
}

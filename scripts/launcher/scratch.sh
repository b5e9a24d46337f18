# shellcheck shell=bash
# Platforms of their own on fresh databases (sourced by ./inetpublish): with_scratch_platform, and the commands
# built on it, scratch and screenshots.

# with_scratch_platform NAME COMMAND...: starts the platform (demo data included) on databases <NAME>-prefixed and
# created fresh, its own event exchange and queues and its own run directory (AOT caches shared), runs COMMAND,
# stops the platform and drops those databases. Refuses while another platform runs (the ports are the same); fails
# without running COMMAND when the demo data did not load (see its demo.log).
with_scratch_platform() {
  local name="$1"; shift
  local e port
  for e in "${SERVICES[@]}"; do
    port="${e#*:}"; port="${port%%:*}"
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      fail "port $port is taken (a platform is running?): this step starts its own platform on fresh databases; stop the other with ./inetpublish down"
    fi
  done
  local saved_run="$RUN_DIR" saved_prefix="$INETPUBLISH_DB_PREFIX" saved_train="$AOT_TRAIN" rc=0
  # started once and stopped: no AOT training run, whose cache nobody would use (scripts/launcher/aot.sh)
  AOT_TRAIN="${INETPUBLISH_AOT_TRAIN:-false}"
  RUN_DIR="$saved_run/$name"; LOG_DIR="$RUN_DIR/logs"; PID_DIR="$RUN_DIR/pids"
  export INETPUBLISH_DB_PREFIX="inetpublish_$name" INETPUBLISH_RUN_DIR="$RUN_DIR"
  export INETPUBLISH_EVENTS_EXCHANGE="inetpublish.$name.events" INETPUBLISH_QUEUE_PREFIX="$name."
  rm -rf "$RUN_DIR"; mkdir -p "$LOG_DIR" "$PID_DIR"
  drop_databases
  # a start that fails exits the launcher: stop what did start and drop the databases then too
  trap 'cmd_down >/dev/null 2>&1; drop_databases' EXIT
  # the browser scenarios and the screenshots build on the demo: without it they would fail for another reason
  if ! cmd_up; then rc=1
  elif [[ "$DEMO_LOADED" != true ]]; then say "the $name platform has no complete demo data: $* not run"; rc=1
  else "$@" || rc=$?; fi
  trap - EXIT
  cmd_down >"$LOG_DIR/down.log" || true   # what it stopped (the test command's run-mode smoke reads it)
  drop_databases
  say "(the $name platform is stopped and its databases dropped; logs: $LOG_DIR)"
  RUN_DIR="$saved_run"; LOG_DIR="$RUN_DIR/logs"; PID_DIR="$RUN_DIR/pids"; AOT_TRAIN="$saved_train"
  export INETPUBLISH_DB_PREFIX="$saved_prefix" INETPUBLISH_RUN_DIR="$saved_run"
  unset INETPUBLISH_EVENTS_EXCHANGE INETPUBLISH_QUEUE_PREFIX
  return "$rc"
}

# ./inetpublish scratch NAME COMMAND...: COMMAND against a platform of its own on fresh databases (inetpublish_NAME_*),
# stopped and dropped afterwards -- how benchmarks run without leaving their data in the demo
cmd_scratch() {
  [[ $# -ge 2 && "$1" =~ ^[a-z][a-z0-9]*$ ]] || fail "usage: ./inetpublish scratch <name: lower-case letters and digits> <command...>"
  jars_missing && cmd_build
  with_scratch_platform "$@"
}

# ./inetpublish screenshots: the README's screenshots, taken on a fresh demo (a platform of its own, as a new user
# first sees it, plus what the first steps of the walkthrough create), written to docs/screenshots/
cmd_screenshots() {
  jars_missing && cmd_build
  [[ -d "$ROOT/web/node_modules/playwright-core" ]] || (cd "$ROOT/web" && node scripts/ensure-deps.mjs) \
    || fail "cannot install the browser driver (web/scripts/ensure-deps.mjs)"
  "$ROOT/web/e2e/ensure-browser.sh" || fail "Chromium is needed: apt-get install -y chromium fonts-noto-cjk"
  with_scratch_platform screenshots env E2E_SHOTS_DIR="$ROOT/docs/screenshots" node "$ROOT/web/e2e/screenshots.mjs"
}

# shellcheck shell=bash
# Sourced by bench/lib/bench.sh and by the benchmarks that do not source that (bench/startup/*.sh).

# bench_jvms RUN_DIR: "name pid" of each JVM the launcher started (RUN_DIR/pids/*.pid), each JVM once: in the shared
# mode of the local run (scripts/launcher/shared-jvm.sh) the seven processes of the shared JVM have pid files of its
# pid, and only shared-jvm is printed for them
bench_jvms() {
  local f shared=""
  [[ -f "$1/pids/shared-jvm.pid" ]] && shared="$(cat "$1/pids/shared-jvm.pid")"
  for f in "$1"/pids/*.pid; do
    [[ -f "$f" ]] || continue
    [[ "$(cat "$f")" != "$shared" || "$f" == */shared-jvm.pid ]] && printf '%s %s\n' "$(basename "$f" .pid)" "$(cat "$f")"
  done
  return 0
}

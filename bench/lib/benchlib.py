"""What every benchmark client shares: one percentile, the databases of the platform under test, one access token.

Import it from a client with
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib")); import benchlib

Percentiles are nearest-rank (the definition in docs/bench/README.md): of the n values sorted ascending, the p-th
percentile is the ceil(p/100 * n)-th, the smallest value with at least p % of the values at or below it. It is
always one of the measured values (no interpolation); p50 of 1..100 is 50, p99 is 99, p100 is the maximum.
"""
import math
import os
import subprocess
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def percentile(values, p):
    """Nearest-rank percentile of values (any order); None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100.0 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def summary(values, scale=1.0, digits=1):
    """n, p50, p95, p99 and max of values, each multiplied by scale (1000: seconds to ms) and rounded."""
    def r(v):
        return None if v is None else round(v * scale, digits) if digits else round(v * scale)
    return {"n": len(values), "p50": r(percentile(values, 50)), "p95": r(percentile(values, 95)),
            "p99": r(percentile(values, 99)), "max": r(max(values) if values else None)}


def timed_get(conn, path, headers):
    """GET path on conn (an http.client connection, kept alive): (milliseconds until the whole body was read, body).
    Anything but 200 ends the benchmark with the answer's start: a figure of failed requests would be no figure."""
    started = time.perf_counter()
    conn.request("GET", path, headers=headers)
    res = conn.getresponse()
    body = res.read()
    elapsed = (time.perf_counter() - started) * 1000.0
    if res.status != 200:
        raise SystemExit(f"GET {path[:120]}: {res.status} {body[:300]!r}")
    return elapsed, body


def database(service):
    """The database of one service of the platform under test (release, customer, build, notify, auth): the launcher's
    INETPUBLISH_DB_PREFIX (inetpublish_<name> on a scratch platform), never the demo's unless that is what runs."""
    return f"{os.environ.get('INETPUBLISH_DB_PREFIX', 'inetpublish')}_{service}"


def access_token(open_id=None):
    """A person's access token from the platform under test, logged in the way a person does (scripts/sandbox-login.sh:
    gateway -> the sandbox's Feishu authorize page -> callback); 张三 unless open_id names another sandbox user."""
    args = [os.path.join(ROOT, "scripts", "sandbox-login.sh")] + ([open_id] if open_id else [])
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()


def smoke():
    """True in a smoke run (BENCH_SMOKE=true): small numbers, seconds, results not written to docs/."""
    return os.environ.get("BENCH_SMOKE", "false") == "true"


CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def _ticks(stat):
    """utime + stime of a /proc/.../stat line (the fields after the command in parentheses)."""
    fields = stat[stat.rindex(b")") + 2:].split()
    return int(fields[11]) + int(fields[12])


def _thread_group(name):
    """A JVM thread's name with its numbers left out, so that a pool's threads count as one (C2 CompilerThread0/1)."""
    return name.rstrip("0123456789").rstrip(" -#") or name


def cpu_snapshot():
    """CPU clock ticks used so far by the platform's processes, by process and, for the JVMs, by thread name:
    {"process": {name: ticks}, "threads": {name: {thread: ticks}}}. A JVM is named by its launcher name
    (-Dinetpublish.process=NAME); PostgreSQL's backends by their database (the postmaster and its background
    processes as "postgresql (background)"); RabbitMQ's Erlang VM as "rabbitmq". Processes that end between two
    snapshots (a psql's backend) are not counted."""
    processes, threads = {}, {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        cmdline, stat = _read(f"/proc/{pid}/cmdline"), _read(f"/proc/{pid}/stat")
        if not cmdline or not stat:
            continue
        args = cmdline.split(b"\0")
        exe = os.path.basename(args[0].split(b" ")[0]).decode(errors="replace")
        name = None
        for a in args:
            if a.startswith(b"-Dinetpublish.process="):
                name = a.split(b"=", 1)[1].decode()
        if name is None and exe == "beam.smp":
            name = "rabbitmq"
        elif name is None and (exe == "postgres" or args[0].startswith(b"postgres:")):
            # a backend's title: "postgres: [CLUSTER:] USER DATABASE HOST(PORT) STATE"
            title = args[0].decode(errors="replace").split()
            at = next((i for i, t in enumerate(title) if t.endswith(")") and "(" in t or t == "[local]"), 0)
            name = f"postgresql {title[at - 1]}" if at >= 2 else "postgresql (background)"
        if name is None:
            continue
        try:
            processes[name] = processes.get(name, 0) + _ticks(stat)
        except (ValueError, IndexError):
            continue
        if name.startswith(("postgresql", "rabbitmq")):
            continue
        per_thread = threads.setdefault(name, {})
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tids:
            comm, tstat = _read(f"/proc/{pid}/task/{tid}/comm"), _read(f"/proc/{pid}/task/{tid}/stat")
            if comm is None or tstat is None:
                continue
            group = _thread_group(comm.decode(errors="replace").strip())
            per_thread[group] = per_thread.get(group, 0) + _ticks(tstat)
    return {"process": processes, "threads": threads}


def cpu_per_event(before, after, events, thread_floor_ms=0.05):
    """Milliseconds of CPU per event between two cpu_snapshot()s, by process (largest first, with the total and the
    JVMs' compiler threads summed as "JIT") and the threads of each JVM that used at least thread_floor_ms per event.
    A thread that ended between the snapshots is not counted (its CPU stays in its process's figure)."""
    ms = 1000.0 / CLOCK_TICKS / max(events, 1)
    process = {n: (t - before["process"].get(n, 0)) * ms for n, t in after["process"].items()}
    jit, threads = 0.0, {}
    for n, per in after["threads"].items():
        old = before["threads"].get(n, {})
        used = {t: (v - old.get(t, 0)) * ms for t, v in per.items()}
        jit += sum(v for t, v in used.items() if "CompilerThre" in t)
        top = {t: round(v, 3) for t, v in sorted(used.items(), key=lambda kv: -kv[1]) if v >= thread_floor_ms}
        if top:
            threads[n] = top
    result = {n: round(v, 3) for n, v in sorted(process.items(), key=lambda kv: -kv[1]) if v >= 0.0005}
    return {"total": round(sum(process.values()), 2), "jit": round(jit, 2), "by_process": result,
            "by_thread": threads}

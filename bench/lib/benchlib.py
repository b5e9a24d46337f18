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

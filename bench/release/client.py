"""Benchmark client: p50/p95/p99 of the filtered release list over keep-alive HTTP, then evidence uploads of
10 x 2 MB while sampling the service's heap from /actuator/prometheus."""
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import benchlib  # noqa: E402  (percentiles: nearest rank, docs/bench/README.md)

# the service checks access tokens like every service: run.sh signs one with bench/lib/jwks.py's stand-in key
AUTH = {"Authorization": "Bearer " + os.environ["BENCH_TOKEN"]}

PORT = int(sys.argv[1])
WORK = sys.argv[2]
CUSTOMER = "00000000-0000-0000-0000-00000000c001"

FILTERS = [
    "status=DEPLOYED&updateType=HOT",
    "component=comp-7",
    "q=gateway&updateType=DEV",
    "ticket=T-1234",
    "submitter=User%203&from=2025-01-01&to=2026-12-31",
    "status=COMPLETED&status=DEPLOYED&component=comp-21&q=fix",
    "q=marker-4321",
    "updateType=FE&configChange=true&from=2025-06-01",
    "status=SUBMITTED&component=comp-55&page=2",
    "q=report%20export&status=TESTED&updateType=RE",
]


def list_benchmark(rounds=150):
    conn = http.client.HTTPConnection("127.0.0.1", PORT)
    def get(query):
        conn.request("GET", "/api/releases?size=20&" + query, headers=AUTH)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit("list answered %s: %s" % (response.status, body[:300]))
        return json.loads(body)
    for _ in range(20):
        for f in FILTERS:
            get(f)
    totals = {f: get(f)["totalItems"] for f in FILTERS}
    timings = []
    per_filter = {f: [] for f in FILTERS}
    for _ in range(rounds):
        for f in FILTERS:
            start = time.perf_counter()
            get(f)
            elapsed = (time.perf_counter() - start) * 1000
            timings.append(elapsed)
            per_filter[f].append(elapsed)
    return {"p99_ms_per_filter": {f: round(benchlib.percentile(t, 99), 1) for f, t in per_filter.items()},
            "requests": len(timings), "p50_ms": round(benchlib.percentile(timings, 50), 2),
            "p95_ms": round(benchlib.percentile(timings, 95), 2), "p99_ms": round(benchlib.percentile(timings, 99), 2),
            "max_ms": round(max(timings), 2), "matches_per_filter": totals}


def heap_used():
    # actuator listens on the management port (service port + 1000, as run.sh starts it)
    conn = http.client.HTTPConnection("127.0.0.1", PORT + 1000, timeout=5)
    conn.request("GET", "/actuator/prometheus")
    text = conn.getresponse().read().decode()
    return sum(float(m.group(1)) for m in re.finditer(r'^jvm_memory_used_bytes\{[^}]*area="heap"[^}]*\} (\S+)$',
                                                        text, re.M))


def upload_benchmark(release_id, sequential=5, concurrent=3):
    files = []
    for i in range(10):
        path = os.path.join(WORK, "evidence-%d.png" % i)
        with open(path, "wb") as out:
            out.write(b"\x89PNG\r\n\x1a\n" + os.urandom(2 * 1024 * 1024 - 8))
        files.append(path)
    deployment = os.path.join(WORK, "deployment.json")
    samples = []
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            samples.append((time.time(), heap_used()))
            time.sleep(0.1)

    def upload():
        env = str(uuid.uuid4())
        with open(deployment, "w") as out:
            json.dump({"customerId": CUSTOMER, "environmentIds": [env], "notes": "bench"}, out)
        answer = os.path.join(WORK, "answer-%s.json" % env)
        args = ["curl", "-s", "-o", answer, "-w", "%{http_code} %{time_total}",
                "-H", "Authorization: " + AUTH["Authorization"],
                "-F", "deployment=@%s;type=application/json" % deployment]
        for path in files:
            args += ["-F", "evidence=@%s;type=image/png" % path]
        args.append("http://127.0.0.1:%d/api/releases/%s/deployments" % (PORT, release_id))
        code, seconds = subprocess.run(args, capture_output=True, text=True, check=True).stdout.split()
        if code != "201":
            with open(answer) as body:
                raise SystemExit("upload answered %s: %s" % (code, body.read()[:500]))
        return float(seconds) * 1000

    baseline = [heap_used() for _ in range(5)]
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    times = [upload() for _ in range(sequential)]
    parallel = []
    threads = [threading.Thread(target=lambda: parallel.append(upload())) for _ in range(concurrent)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    time.sleep(1)
    stop.set()
    sampler.join()
    after = [heap_used() for _ in range(5)]
    mb = 1024 * 1024
    return {"uploads": sequential + concurrent, "files_per_upload": 10, "file_mb": 2,
            "sequential_ms": [round(t) for t in times], "concurrent_ms": [round(t) for t in parallel],
            "p99_upload_ms": round(benchlib.percentile(times + parallel, 99)),
            "heap_before_mb": round(max(baseline) / mb, 1), "heap_peak_during_mb": round(max(s for _, s in samples) / mb, 1),
            "heap_after_mb": round(max(after) / mb, 1), "heap_samples": len(samples)}


if __name__ == "__main__":
    smoke = benchlib.smoke()  # BENCH_SMOKE=true: a few requests and two uploads, to show the benchmark still works
    result = {"list": list_benchmark(rounds=3 if smoke else 150)}
    conn = http.client.HTTPConnection("127.0.0.1", PORT)
    conn.request("GET", "/api/releases?size=1&status=SUBMITTED", headers=AUTH)
    release_id = json.loads(conn.getresponse().read())["items"][0]["id"]
    result["upload"] = upload_benchmark(release_id, *((1, 1) if smoke else (5, 3)))
    print(json.dumps(result, indent=2))

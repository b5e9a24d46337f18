#!/usr/bin/env python3
"""Times the five benchmark requests against a running customer-service; prints a Markdown table.

Sequential requests over one keep-alive HTTP connection from the same machine, so the time is the server's
handling time plus loopback HTTP; connection setup is excluded.
"""
import http.client
import json
import random
import sys
import time
import urllib.parse

HOST, PORT = sys.argv[1], int(sys.argv[2])
N = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
WARMUP = 200
random.seed(20240701)

conn = http.client.HTTPConnection(HOST, PORT, timeout=30)


def get(path):
    start = time.perf_counter()
    conn.request("GET", path)
    resp = conn.getresponse()
    body = resp.read()
    elapsed = (time.perf_counter() - start) * 1000.0
    if resp.status != 200:
        raise SystemExit(f"GET {path} -> {resp.status}: {body[:300]!r}")
    return elapsed, body


def page_all(path):
    _, body = get(path)
    return json.loads(body)


customers = [c["id"] for c in page_all("/api/customers?size=200")["items"]]
envs = []
for page in range(0, 15):
    envs += [e["id"] for e in page_all(f"/api/environments?size=200&page={page}")["items"]]
components = [c["name"] for c in page_all("/api/components?size=200")["items"]]
assert len(envs) == 3000, len(envs)
assert len(components) == 60, len(components)

requests = {
    "environment detail (`GET /api/environments/{id}`)":
        lambda: f"/api/environments/{random.choice(envs)}",
    "environment components (`GET /api/environments/{id}/components`, 60 rows)":
        lambda: f"/api/environments/{random.choice(envs)}/components",
    "compare of 10 environments (`GET /api/versions/compare?environments=…`)":
        lambda: "/api/versions/compare?environments=" + ",".join(random.sample(envs, 10)),
    "impact search over one component (`GET /api/versions/impact?component=…&range=>=2.2.0 <2.6.0`, page of 50)":
        lambda: "/api/versions/impact?" + urllib.parse.urlencode(
            {"component": random.choice(components), "range": ">=2.2.0 <2.6.0", "size": 50}),
    "drift overview of one customer (`GET /api/versions/drift?customerId=…`)":
        lambda: f"/api/versions/drift?customerId={random.choice(customers)}",
    "operation-log page (`GET /api/operation-logs?size=50`, newest first)":
        lambda: "/api/operation-logs?size=50&page=" + str(random.randint(0, 20)),
    "operation-log page filtered by customer (`GET /api/operation-logs?customerId=…&size=50`)":
        lambda: f"/api/operation-logs?size=50&customerId={random.choice(customers)}",
}

for make in requests.values():
    for _ in range(WARMUP // len(requests) + 20):
        get(make())

# correctness spot check of the impact search page size and totals
sample = json.loads(get("/api/versions/impact?" + urllib.parse.urlencode(
    {"component": "comp-01", "range": ">=2.2.0 <2.6.0", "size": 50}))[1])
print(f"<!-- impact sample: comp-01 >=2.2.0 <2.6.0 -> {sample['totalItems']} environments -->")


def pct(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(p / 100.0 * len(values) + 0.5)) - 1))
    return values[k]


print("| request | n | p50 ms | p99 ms | max ms |")
print("|---|---:|---:|---:|---:|")
for name, make in requests.items():
    times = [get(make())[0] for _ in range(N)]
    print(f"| {name} | {N} | {pct(times, 50):.1f} | {pct(times, 99):.1f} | {max(times):.1f} |")

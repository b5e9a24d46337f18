#!/usr/bin/env python3
"""Times the five benchmark requests against a running customer-service; prints a Markdown table.

Sequential requests over one keep-alive HTTP connection from the same machine, so the time is the server's
handling time plus loopback HTTP; connection setup is excluded.
"""
import http.client
import json
import os
import random
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import benchlib  # noqa: E402  (percentiles: nearest rank, docs/bench/README.md)

HOST, PORT = sys.argv[1], int(sys.argv[2])
N = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
WARMUP = 200
random.seed(20240701)

conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
# every request carries an access token (run.sh signs one with bench/lib/jwks.py's key)
HEADERS = {"Authorization": "Bearer " + os.environ["BENCH_TOKEN"]}


def get(path):
    return benchlib.timed_get(conn, path, HEADERS)


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

def dashboard(filters):
    query = [("component", name + "=2.5.0") for name in random.sample(components, 5)]
    query += list(filters.items())
    query += [("size", 50), ("page", random.randint(0, 4 if filters else 19))]
    return "/api/versions/dashboard?" + urllib.parse.urlencode(query)


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
    "dashboard page of 50 customers, 5 components with targets (`GET /api/versions/dashboard?component=…=2.5.0…`)":
        lambda: dashboard({}),
    "dashboard page of 50 customers filtered by tag and type (`…&tag=ring-N&type=PROD`)":
        lambda: dashboard({"tag": "ring-" + str(random.randint(0, 3)), "type": "PROD"}),
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
board = json.loads(get("/api/versions/dashboard?component=comp-01=2.5.0&component=comp-02&size=50")[1])
cells = sum(len(e["components"]) for c in board["customers"]["items"] for e in c["environments"])
assert board["customers"]["totalItems"] == 1000 and len(board["customers"]["items"]) == 50 and cells == 300, board
print(f"<!-- dashboard sample: 50 of {board['customers']['totalItems']} customers, {cells} cells -->")


print("| request | n | p50 ms | p99 ms | max ms |")
print("|---|---:|---:|---:|---:|")
for name, make in requests.items():
    times = [get(make())[0] for _ in range(N)]
    print(f"| {name} | {N} | {benchlib.percentile(times, 50):.1f} | {benchlib.percentile(times, 99):.1f} | {max(times):.1f} |")

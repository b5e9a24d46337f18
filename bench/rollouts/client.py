#!/usr/bin/env python3
"""Times the dashboard's rollout states through the gateway (issue 18: the dashboard of customers x environments, fast
on the benchmark's 3,000 environments, <= 300 ms p99 for a page of 50 customers).

usage: client.py HOST PORT TOKEN N   (the records: BENCH-0001 .. BENCH-0020 of bench/plan/seed-releases.sql, with the
rollouts of bench/rollouts/seed-rollouts.sql). Prints a Markdown table.

- `GET /api/rollouts/states` of every environment for 1, 5 and 20 records (20: the most the endpoint takes), and of
  the 150 environments of 50 customers (`customerId` ×50) for 5 records;
- the dashboard page as the web app loads it (web/src/pages/Dashboard.svelte): `GET /api/versions/dashboard` (page
  of 50 customers, the 5 records' components with their versions as targets), then `GET /api/rollouts/states` of
  the 5 records at that page's customers; the time is until both have answered.
- the dashboard page as the web app loaded it before: both requests at the same time on two connections, the states
  of the 5 records at every environment (15,000 cells, of which the page shows 750).
The answer size of a page row is that of its states request."""
import hashlib
import http.client
import json
import os
import random
import sys
import threading
import time
import urllib.parse
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import benchlib  # noqa: E402  (percentiles: nearest rank, docs/bench/README.md)

host, port, token, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
random.seed(18)
HEADERS = {"Authorization": "Bearer " + token, "Accept": "application/json"}


def record_id(k):
    # md5('bench-release' || k)::uuid in bench/plan/seed-releases.sql
    return str(uuid.UUID(hashlib.md5(f"bench-release{k}".encode()).hexdigest()))


RECORDS = [record_id(k) for k in range(1, 21)]


class Client:
    def __init__(self):
        self.conn = http.client.HTTPConnection(host, port, timeout=60)

    def get(self, path):
        return benchlib.timed_get(self.conn, path, HEADERS)


main, side = Client(), Client()
ITEMS = {r: json.loads(main.get(f"/api/releases/{r}")[1])["items"] for r in RECORDS}


def states(ids, customers=()):
    return "/api/rollouts/states?" + urllib.parse.urlencode([("releaseId", r) for r in ids]
                                                             + [("customerId", c) for c in customers])


def dashboard(ids, page):
    query, seen = [], set()
    for r in ids:  # the web app's columns: the records' components, the first record naming one sets its version
        for item in ITEMS[r]:
            if item["component"] not in seen:
                seen.add(item["component"])
                query.append(("component", f"{item['component']}={item['version']}"))
    return "/api/versions/dashboard?" + urllib.parse.urlencode(query + [("page", page), ("size", 50)])


def customers_of(body):
    return [c["id"] for c in json.loads(body)["customers"]["items"]]


def page_load():
    ids = random.sample(RECORDS, 5)
    started = time.perf_counter()
    _, body = main.get(dashboard(ids, random.randint(0, 19)))
    _, cells = main.get(states(ids, customers_of(body)))
    return (time.perf_counter() - started) * 1000, cells


def page_load_before():
    ids = random.sample(RECORDS, 5)
    result = {}

    def other():
        result["states"] = side.get(states(ids))

    started = time.perf_counter()
    thread = threading.Thread(target=other)
    thread.start()
    main.get(dashboard(ids, random.randint(0, 19)))
    thread.join()
    if "states" not in result:
        raise SystemExit("the states request failed")
    return (time.perf_counter() - started) * 1000, result["states"][1]


def run(label, measure):
    for _ in range(max(3, n // 10)):  # warm-up
        measure()
    times, sizes, last = [], [], None
    for _ in range(n):
        elapsed, body = measure()
        times.append(elapsed)
        sizes.append(len(body))
        last = body
    return (label, n, benchlib.percentile(times, 50), benchlib.percentile(times, 99), max(times),
            sum(sizes) / len(sizes)), json.loads(last)


rows = []
for count in (1, 5, 20):
    row, last = run(f"rollout states of {count} record{'s' if count > 1 else ''} (`GET /api/rollouts/states?releaseId=…`"
                    f" ×{count})", lambda count=count: main.get(states(random.sample(RECORDS, count))))
    rows.append((row, len(last)))
PAGES = [customers_of(main.get(dashboard(RECORDS[:1], page))[1]) for page in range(20)]
row, last = run("rollout states of 5 records at the 150 environments of 50 customers (`…&customerId=…` ×50)",
                lambda: main.get(states(random.sample(RECORDS, 5), random.choice(PAGES))))
rows.append((row, len(last)))
row, last = run("dashboard page as the web app loaded it before: `GET /api/versions/dashboard` (50 customers, the 5 "
                "records' components) and the states of the 5 records at every environment at the same time",
                page_load_before)
rows.append((row, len(last)))
row, last = run("dashboard page as the web app loads it now: `GET /api/versions/dashboard` (the same), then the states of "
                "the 5 records at that page's customers", page_load)
rows.append((row, len(last)))

print("| request | n | p50 ms | p99 ms | max ms | answer size | cells |")
print("|---|---:|---:|---:|---:|---:|---:|")
for (label, count, p50, p99, mx, size), cells in rows:
    print(f"| {label} | {count} | {p50:.1f} | {p99:.1f} | {mx:.1f} | {size / 1024:.0f} KB | {cells} |")

#!/usr/bin/env python3
"""Times upgrade plans through the gateway: one environment (60 components behind) and 50 environments at once.

usage: client.py HOST PORT TOKEN N_ONE N_FIFTY   (environment ids: the measured production environments, as
bench/plan/behind.sql made them). Prints a Markdown table and a line of plan sizes."""
import hashlib
import http.client
import json
import os
import random
import sys
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import benchlib  # noqa: E402  (percentiles: nearest rank, docs/bench/README.md)

host, port, token = sys.argv[1], int(sys.argv[2]), sys.argv[3]
n_one, n_fifty = int(sys.argv[4]), int(sys.argv[5])
random.seed(17)


def env_id(i):
    # md5('env' || i || '-1')::uuid in the seed
    return str(uuid.UUID(hashlib.md5(f"env{i}-1".encode()).hexdigest()))


ENVS = [env_id(i) for i in range(1, 101)]
conn = http.client.HTTPConnection(host, port, timeout=60)
HEADERS = {"Authorization": "Bearer " + token, "Accept": "application/json"}


def get(path):
    return benchlib.timed_get(conn, path, HEADERS)


def run(label, n, pick):
    for _ in range(max(3, n // 10)):  # warm-up
        get(pick())
    times, sizes, last = [], [], None
    for _ in range(n):
        elapsed, body = get(pick())
        times.append(elapsed)
        sizes.append(len(body))
        last = body
    return (label, n, benchlib.percentile(times, 50), benchlib.percentile(times, 99), max(times), sum(sizes) / len(sizes)), json.loads(last)


one, one_plan = run("plan of one environment, 60 components behind (`GET /api/plans?environments=<id>`)", n_one,
                    lambda: "/api/plans?environments=" + random.choice(ENVS) + "&target=mainline")
fifty, fifty_plan = run("plan of 50 environments (`GET /api/plans?environments=<50 ids>`)", n_fifty,
                        lambda: "/api/plans?environments=" + ",".join(random.sample(ENVS, 50)) + "&target=mainline")

print("| request | n | p50 ms | p99 ms | max ms | answer size |")
print("|---|---:|---:|---:|---:|---:|")
for label, n, p50, p99, mx, size in (one, fifty):
    print(f"| {label} | {n} | {p50:.1f} | {p99:.1f} | {mx:.1f} | {size / 1024:.0f} KB |")
env = one_plan["environments"][0]
steps = [len(e["steps"]) for e in fifty_plan["environments"]]
print()
print(f"Plan sizes: one environment: {len(env['changes'])} components change, {len(env['steps'])} steps, "
      f"{len(env['gaps'])} gaps; 50 environments: {sum(steps)} steps in all ({min(steps)}-{max(steps)} each).")

#!/usr/bin/env python3
"""Event-flow benchmark: release.deployed at a fixed rate through the real services.

Publishes like the producer does: each batch of ReleaseDeployed envelopes is inserted into release-service's outbox
in its own transaction (what Deployments does when a customer deployment is recorded). From there everything is the
real platform: release-service's relay publishes to RabbitMQ, customer-service's consumer applies the versions and
writes environment.versions-synced to its outbox, its relay publishes, release-service and notify-service consume.

Reports: events lost (counts in every database), latency from commit to versions synced (customer-service's
applied_deployment.applied_at minus release-service's outbox created_at; one machine, one clock), and the outbox
backlog of both producers over time, and the CPU each process (each JVM thread, each database's backends) used per
event from the start of the load until the last consumer had it.
"""
import argparse
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from datetime import datetime, timezone

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import benchlib  # noqa: E402

RELEASE_DB, CUSTOMER_DB, NOTIFY_DB = (benchlib.database(s) for s in ("release", "customer", "notify"))

PSQL = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-qtA"]


def query(db, sql):
    # the statement goes through stdin: with thousands of ids it is longer than one command-line argument may be
    out = subprocess.run(PSQL + ["-d", db], input=sql + ";\n", check=True, capture_output=True, text=True).stdout
    return [line.split("|") for line in out.splitlines() if line]


def envelope(deployment, environment, customer, n):
    now = datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")
    payload = {
        "schemaVersion": 1, "deploymentId": str(deployment), "kind": "DEPLOY", "releaseId": str(uuid.uuid4()),
        "releaseNumber": f"BENCH-{n:06d}", "releaseTitle": "event benchmark", "customerId": str(customer),
        "updateType": "HOT", "configChange": False, "deployedAt": now,
        "targets": [{"environmentId": str(environment),
                     "versions": [{"component": "gateway", "version": f"2.3.{n}"},
                                  {"component": "report-web", "version": f"v1.9.{n % 50}"}]}],
    }
    return {"eventId": str(uuid.uuid4()), "type": "release.deployed", "occurredAt": now,
            "actor": {"userId": "system", "name": "benchmark"}, "payload": payload}


def sampler(stop, samples, start):
    while not stop.is_set():
        t = time.monotonic() - start
        rel = int(query(RELEASE_DB, "select count(*) from outbox_event where sent_at is null")[0][0])
        cus = int(query(CUSTOMER_DB, "select count(*) from outbox_event where sent_at is null")[0][0])
        samples.append((round(t, 1), rel, cus))
        stop.wait(1.0)


def count_inbox(db, event_ids):
    """consumer -> how many of these events it consumed (a service may have several consumers of one event type,
    each with its own inbox row per event: each must have consumed every event once)."""
    if not event_ids:
        return {}
    values = ",".join(f"('{i}'::uuid)" for i in event_ids)
    rows = query(db, f"""select consumer, count(*) from inbox_message
        where event_id in (select v.id from (values {values}) v(id)) group by consumer order by consumer""")
    return {consumer: int(n) for consumer, n in rows}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rate", type=int, default=200)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--customer", required=True)
    ap.add_argument("--environments", required=True, help="comma-separated environment ids")
    ap.add_argument("--drain-timeout", type=int, default=600)
    ap.add_argument("--machine", default="", help="where and when (bench/lib/bench.sh bench_machine)")
    ap.add_argument("--jvm", default="", help="JIT and heap of the services (bench_jvm_of)")
    args = ap.parse_args()
    environments = args.environments.split(",")
    batches_per_second = 10
    per_batch = max(1, args.rate // batches_per_second)

    psql = subprocess.Popen(PSQL + ["-d", RELEASE_DB], stdin=subprocess.PIPE, text=True)
    deployments = []
    samples, stop = [], threading.Event()
    cpu_before = benchlib.cpu_snapshot()
    start = time.monotonic()
    threading.Thread(target=sampler, args=(stop, samples, start), daemon=True).start()
    n = 0
    for tick in range(args.seconds * batches_per_second):
        rows = []
        for _ in range(per_batch):
            deployment = uuid.uuid4()
            env = environments[n % len(environments)]
            e = envelope(deployment, env, args.customer, n)
            deployments.append(str(deployment))
            rows.append("('{id}', 'release.deployed', '{env}'::jsonb, now(), 0, now())".format(
                id=e["eventId"], env=json.dumps(e).replace("'", "''")))
            n += 1
        psql.stdin.write("insert into outbox_event (id, event_type, envelope, created_at, attempts, "
                         "next_attempt_at) values " + ",".join(rows) + ";\n")
        psql.stdin.flush()
        delay = start + (tick + 1) / batches_per_second - time.monotonic()
        if delay > 0:
            time.sleep(delay)
    psql.stdin.close()
    psql.wait()
    published_for = time.monotonic() - start
    print(f"inserted {n} events in {published_for:.1f}s ({n / published_for:.0f}/s)", flush=True)

    ids = ",".join(f"'{d}'" for d in deployments)
    deadline = time.monotonic() + args.drain_timeout
    while True:
        applied = int(query(CUSTOMER_DB,
                            f"select count(*) from applied_deployment where deployment_id in ({ids})")[0][0])
        if applied >= n or time.monotonic() > deadline:
            break
        time.sleep(1)
    drained_at = time.monotonic() - start
    time.sleep(3)
    stop.set()

    def count_all():
        """every count that must equal the number of events once the flow has drained, and the synced ids"""
        created, published = {}, []
        for d, at, sent in query(RELEASE_DB, f"""select envelope->'payload'->>'deploymentId',
                extract(epoch from created_at), coalesce(extract(epoch from sent_at)::text, '')
                from outbox_event where envelope->'payload'->>'deploymentId' in ({ids})"""):
            created[d] = at
            if sent:
                published.append(float(sent) - float(at))
        applied_rows = dict(query(CUSTOMER_DB, f"""select deployment_id::text, extract(epoch from applied_at)
            from applied_deployment where deployment_id in ({ids})"""))
        latencies = [float(applied_rows[d]) - float(created[d]) for d in applied_rows if d in created]
        # by the 10 s of the run in which the event was committed: a cold platform's first seconds beside the rest
        first = min((float(v) for v in created.values()), default=0.0)
        windows = {}
        for d in applied_rows:
            if d in created:
                windows.setdefault(int((float(created[d]) - first) // 10) * 10, []).append(
                    float(applied_rows[d]) - float(created[d]))
        counts = {
            "release outbox rows": int(query(RELEASE_DB, f"""select count(*) from outbox_event
                where envelope->'payload'->>'deploymentId' in ({ids})""")[0][0]),
            "release outbox rows sent": int(query(RELEASE_DB, f"""select count(*) from outbox_event
                where sent_at is not null and envelope->'payload'->>'deploymentId' in ({ids})""")[0][0]),
            "customer applied deployments": len(applied_rows),
            "customer environment.versions-synced written": int(query(CUSTOMER_DB, f"""select count(*)
                from outbox_event where event_type = 'environment.versions-synced'
                and envelope->'payload'->>'deploymentId' in ({ids})""")[0][0]),
        }
        deployed_ids = [r[0] for r in query(RELEASE_DB, f"""select id from outbox_event
            where envelope->'payload'->>'deploymentId' in ({ids})""")]
        consumed = count_inbox(CUSTOMER_DB, deployed_ids)
        if not consumed:
            counts["customer inbox (release.deployed consumed)"] = 0
        for consumer, n_consumed in consumed.items():
            counts[f"customer inbox, {consumer} (release.deployed consumed)"] = n_consumed
        synced_ids = [r[0] for r in query(CUSTOMER_DB, f"""select id from outbox_event
            where event_type = 'environment.versions-synced' and envelope->'payload'->>'deploymentId' in ({ids})""")]
        for label, db in (("release", RELEASE_DB), ("notify", NOTIFY_DB)):
            consumed = count_inbox(db, synced_ids)
            if not consumed:
                counts[f"{label} inbox (versions-synced consumed)"] = 0
            for consumer, n_consumed in consumed.items():
                counts[f"{label} inbox, {consumer} (versions-synced consumed)"] = n_consumed

        return counts, synced_ids, latencies, windows, published

    counts, synced_ids, latencies, windows, published = count_all()
    # the downstream consumers (release-service, notify-service) may still be working when the last deployment is
    # applied: wait for them too (up to the same deadline), so a slow consumer shows as slow, not as lost
    while any(v != n for v in counts.values()) and time.monotonic() < deadline:
        time.sleep(2)
        counts, synced_ids, latencies, windows, published = count_all()
    all_consumed_at = time.monotonic() - start
    cpu = benchlib.cpu_per_event(cpu_before, benchlib.cpu_snapshot(), n)
    print(f"all consumed after {all_consumed_at:.1f}s; CPU per event {cpu['total']} ms (JIT {cpu['jit']}): "
          + ", ".join(f"{k} {v}" for k, v in list(cpu["by_process"].items())[:8]), flush=True)

    # the events also produced Feishu notifications (the group bot of the local run receives versions-synced); take
    # them out again so the local run's group is not flooded for the next hour by a benchmark
    if synced_ids:
        values = ",".join(f"('{i}'::uuid)" for i in synced_ids)
        query(NOTIFY_DB, f"delete from notification where event_id in (select v.id from (values {values}) v(id))")

    result = {
        "machine": args.machine, "jvm": args.jvm, "percentiles": "nearest rank (docs/bench/README.md)",
        "events": n, "rate_target": args.rate, "insert_seconds": round(published_for, 1),
        "all_synced_after_seconds": round(drained_at, 1),
        "all_consumed_after_seconds": round(all_consumed_at, 1), "counts": counts,
        "latency_ms": {k: v for k, v in benchlib.summary(latencies, scale=1000, digits=0).items() if k != "n"}
        if latencies else None,
        # the first hop alone: commit -> confirmed by the broker (release-service's relay; sent_at - created_at)
        "published_ms": {k: v for k, v in benchlib.summary(published, scale=1000, digits=0).items() if k != "n"}
        if published else None,
        "latency_ms_by_commit_second": {f"{w}-{w + 10}": {k: v for k, v in benchlib.summary(
            values, scale=1000, digits=0).items() if k != "max"} for w, values in sorted(windows.items())},
        # CPU of every process of the platform (and of PostgreSQL, by database, and RabbitMQ) from the start of the
        # load until the last consumer had the last event, in ms per event; the JVMs' threads too (benchlib)
        "cpu_ms_per_event": cpu,
        "backlog": samples,
    }
    print(json.dumps(result, indent=1))
    lost = [k for k, v in counts.items() if v != n]
    sys.exit(1 if lost else 0)


if __name__ == "__main__":
    main()
